package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A loop whose adjoint the pullback can run inside the loop itself, one iteration's backward
 * part right after its forward part, instead of in a second pass: the method ends with the
 * loop and a {@code return} whose adjoint reads nothing the loop writes (a sum returned as it
 * is, or scaled), so the adjoint entering the loop is known before it runs; and the loop's
 * iterations meet in the adjoint only through accumulators ({@code s += term}, whose adjoint
 * the loop never changes). Every other differentiable value the loop writes is declared in its
 * body, so no iteration's adjoint flows into another's; the loop writes no array elements and
 * calls no method that writes arrays, so an iteration's backward part leaves nothing for the
 * next to restore but the scalars it puts back, which the pullback keeps across it.
 *
 * <p>The forward and backward halves still run the loop in two passes: their caller gives the
 * adjoint only after the forward half has returned.
 *
 * @param before the statements before the loop, its initializer among them
 * @param loop the loop
 * @param result the {@code return} after it
 */
public record FusedLoop(List<Stmt> before, Stmt.Loop loop, Stmt.Return result) {
  public FusedLoop {
    before = List.copyOf(before);
  }

  /** The loop of {@code method} whose adjoint can be fused into it, if there is one. */
  static Optional<FusedLoop> of(MethodIR method, Activity activity) {
    List<Stmt> top = method.body().statements();
    if (top.size() < 2 || !method.returnType().isFloating()
        || !(top.get(top.size() - 1) instanceof Stmt.Return result)) {
      return Optional.empty();
    }
    // A for loop comes in a block with its initializer.
    Stmt last = top.get(top.size() - 2);
    var before = new ArrayList<>(top.subList(0, top.size() - 2));
    if (last instanceof Stmt.Block block && !block.statements().isEmpty()) {
      List<Stmt> inner = block.statements();
      before.addAll(inner.subList(0, inner.size() - 1));
      last = inner.get(inner.size() - 1);
    }
    // A call in the returned value keeps what its backward half reads on the workspace.
    if (!(last instanceof Stmt.Loop loop) || calls(result.value())
        || !iterationsIndependent(loop, activity)) {
      return Optional.empty();
    }
    boolean resultReadsLoop = AdjointReads.ofResult(result.value(), activity).stream()
        .anyMatch(v -> Stmts.all(loop).anyMatch(s -> Stmts.writes(s).contains(v)));
    return resultReadsLoop ? Optional.empty() : Optional.of(new FusedLoop(before, loop, result));
  }

  /**
   * Whether the loop writes no array and calls no method that does, every differentiable value
   * it writes is declared in its body or an accumulator, and its update carries no derivative
   * (the one-pass loop runs its update forwards only).
   */
  static boolean iterationsIndependent(Stmt.Loop loop, Activity activity) {
    Set<Expr.Var> written = new HashSet<>();
    Set<Expr.Var> declared = new HashSet<>();
    for (Stmt s : Stmts.all(loop).toList()) {
      if (s instanceof Stmt.Write || s instanceof Stmt.Return || s instanceof Stmt.Break
          || s instanceof Stmt.Continue
          || s instanceof Stmt.Assign a && (a.target() instanceof Expr.Index
              || a.variable().type().isArray())) {
        return false;
      }
      written.addAll(Stmts.writes(s));
      if (s instanceof Stmt.Declare d) {
        declared.add(d.var());
      }
    }
    boolean plainUpdate = Stmts.all(loop.update())
        .noneMatch(s -> Stmts.writes(s).stream().anyMatch(activity::isActive));
    return plainUpdate && written.stream().filter(activity::isActive)
        .allMatch(w -> declared.contains(w) || isAccumulator(w, loop));
  }

  /**
   * Whether every write of {@code w} in the loop is {@code w = w ± e} with {@code e} free of
   * {@code w}, and nothing else in the loop reads {@code w}: its adjoint is the same in every
   * iteration.
   */
  private static boolean isAccumulator(Expr.Var w, Stmt.Loop loop) {
    int reads = 0;
    int updates = 0;
    for (Stmt s : Stmts.all(loop).toList()) {
      if (s instanceof Stmt.Declare d && d.var().equals(w)) {
        return false;
      }
      if (s instanceof Stmt.Assign a && a.target().equals(w)) {
        if (!(a.value() instanceof Expr.Binary b)
            || b.op() != BinaryOp.ADD && b.op() != BinaryOp.SUB || !b.left().equals(w)
            || Exprs.variables(b.right()).contains(w)) {
          return false;
        }
        updates++;
      }
      for (Expr e : Stmts.expressions(s).toList()) {
        reads += (int) occurrences(e, w);
      }
    }
    // Each update reads w once on the left of its sum and once as its own target.
    return reads == 2 * updates;
  }

  private static boolean calls(Expr e) {
    return e instanceof Expr.Invoke || Exprs.children(e).anyMatch(FusedLoop::calls);
  }

  private static long occurrences(Expr e, Expr.Var w) {
    long own = e.equals(w) ? 1 : 0;
    return own + Exprs.children(e).mapToLong(c -> occurrences(c, w)).sum();
  }
}
