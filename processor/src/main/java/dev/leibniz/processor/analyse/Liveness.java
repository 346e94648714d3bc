package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Stmt;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Which assignments the backward sweep must differentiate: those whose target is read, later
 * in the method, on a path to the result. Flow-insensitive activity says which variables carry
 * derivatives at all; this says where. Leaving out the rest is not only less work: a dead value
 * that overflowed would otherwise multiply its infinite or NaN partial derivatives by a zero
 * adjoint and turn the gradient into NaN.
 *
 * <p>A backward dataflow over the structured body: a variable is live where its adjoint may be
 * nonzero; an assignment to a live variable is needed and makes its operands live; branches join
 * their live sets; a loop is iterated to a fixed point.
 */
public final class Liveness {
  private final Set<Stmt> needed = Collections.newSetFromMap(new IdentityHashMap<>());

  private Liveness() {}

  /** The liveness of {@code method}'s assignments. */
  public static Liveness of(MethodIR method) {
    var liveness = new Liveness();
    // The arrays a method writes into are results too: their contents are live at its end.
    var atEnd = new HashSet<Expr.Var>();
    method.writtenArrays().forEach(p -> atEnd.add(p.var()));
    liveness.block(method.body().statements(), atEnd);
    return liveness;
  }

  /** Whether the backward sweep must propagate through this assignment or declaration. */
  public boolean isNeeded(Stmt assignment) {
    return needed.contains(assignment);
  }

  private Set<Expr.Var> block(List<Stmt> statements, Set<Expr.Var> liveOut) {
    Set<Expr.Var> live = liveOut;
    for (int i = statements.size() - 1; i >= 0; i--) {
      live = statement(statements.get(i), live);
    }
    return live;
  }

  private Set<Expr.Var> statement(Stmt statement, Set<Expr.Var> liveOut) {
    if (statement instanceof Stmt.Return r) {
      needed.add(r);
      var live = new HashSet<>(liveOut);
      live.addAll(DifferentiablePaths.variables(r.value()));
      return live;
    } else if (statement instanceof Stmt.Declare d) {
      return d.init() == null ? liveOut : assignment(d, d.var(), false, d.init(), liveOut);
    } else if (statement instanceof Stmt.Assign a) {
      return assignment(a, a.variable(), a.target() instanceof Expr.Index, a.value(), liveOut);
    } else if (statement instanceof Stmt.Write w) {
      return write(w, liveOut);
    } else if (statement instanceof Stmt.Block b) {
      return block(b.statements(), liveOut);
    } else if (statement instanceof Stmt.If i) {
      var live = new HashSet<>(block(i.then().statements(), liveOut));
      live.addAll(block(i.otherwise().statements(), liveOut));
      return live;
    } else if (statement instanceof Stmt.Loop l) {
      return loop(l, liveOut);
    }
    return liveOut;
  }

  /** {@code v = e}, or {@code v[i] = e} for an element, which leaves the rest of v live. */
  private Set<Expr.Var> assignment(
      Stmt statement, Expr.Var target, boolean element, Expr value, Set<Expr.Var> liveOut) {
    if (!liveOut.contains(target)) {
      return liveOut;
    }
    needed.add(statement);
    var live = new HashSet<>(liveOut);
    if (!element) {
      live.remove(target);
    }
    live.addAll(DifferentiablePaths.variables(value));
    return live;
  }

  /**
   * A call writing into arrays, needed if any of them is live; it may leave elements as they
   * were, so those arrays stay live, and everything it reads becomes live.
   */
  private Set<Expr.Var> write(Stmt.Write w, Set<Expr.Var> liveOut) {
    if (w.writtenVariables().stream().noneMatch(liveOut::contains)) {
      return liveOut;
    }
    needed.add(w);
    var live = new HashSet<>(liveOut);
    live.addAll(DifferentiablePaths.variables(w.call()));
    return live;
  }

  /** What is live before a loop: after it, or at the start of another iteration. */
  private Set<Expr.Var> loop(Stmt.Loop loop, Set<Expr.Var> liveOut) {
    Set<Expr.Var> live = new HashSet<>(liveOut);
    while (true) {
      Set<Expr.Var> atEnd = new HashSet<>(liveOut);
      atEnd.addAll(live);
      Set<Expr.Var> beforeBody =
          block(loop.body().statements(), block(loop.update().statements(), atEnd));
      beforeBody.addAll(liveOut);
      if (beforeBody.equals(live)) {
        return live;
      }
      live = beforeBody;
    }
  }
}
