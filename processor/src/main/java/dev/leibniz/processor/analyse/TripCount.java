package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Exprs;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * How many times a counting loop will run, as an expression to evaluate just before it, when
 * that is known: {@code for (...; i < n; i++)} or {@code i + c < n}, with neither {@code i} nor
 * anything {@code n} reads written in the body. The forward sweep then makes room on the
 * workspace's stacks once, instead of growing them while the loop runs.
 */
public final class TripCount {
  private TripCount() {}

  /** {@code n - i} for such a loop (negative when it does not run at all). */
  public static Optional<Expr> of(Stmt.Loop loop) {
    if (!loop.testFirst() || !(loop.condition() instanceof Expr.Binary test)
        || test.op() != BinaryOp.LT || test.type() != Type.BOOLEAN) {
      return Optional.empty();
    }
    Expr.Var counter = counter(test.left());
    if (counter == null || counter.type() != Type.INT || !steps(loop, counter)) {
      return Optional.empty();
    }
    // Writing an array's elements leaves its length alone: only what else the bound reads, and
    // the arrays whose length it takes, must not be assigned in the body.
    Set<Expr.Var> written = new HashSet<>();
    Set<Expr.Var> reassigned = new HashSet<>();
    Stmts.all(loop.body()).forEach(s -> {
      written.addAll(Stmts.writes(s));
      if (s instanceof Stmt.Declare d) {
        reassigned.add(d.var());
      } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
        reassigned.add(v);
      }
    });
    Set<Expr.Var> lengths = new HashSet<>();
    Set<Expr.Var> values = new HashSet<>();
    reads(test.right(), lengths, values);
    values.add(counter);
    if (test.right().type() != Type.INT || !Recompute.isCheap(test.right())
        || values.stream().anyMatch(written::contains)
        || lengths.stream().anyMatch(reassigned::contains)) {
      return Optional.empty();
    }
    return Optional.of(new Expr.Binary(BinaryOp.SUB, test.right(), test.left(), Type.INT));
  }

  /** The arrays {@code e} takes the length of, and the other variables it reads. */
  private static void reads(Expr e, Set<Expr.Var> lengths, Set<Expr.Var> values) {
    if (e instanceof Expr.Length length && length.array() instanceof Expr.Var array) {
      lengths.add(array);
    } else if (e instanceof Expr.Var v) {
      values.add(v);
    } else {
      Exprs.children(e).forEach(child -> reads(child, lengths, values));
    }
  }

  /** The loop's counter: stepped by one in its update, written nowhere in its body. */
  public static Optional<Expr.Var> counter(Stmt.Loop loop) {
    if (loop.update().statements().size() != 1
        || !(loop.update().statements().get(0) instanceof Stmt.Assign a)
        || !(a.target() instanceof Expr.Var counter) || !steps(loop, counter)) {
      return Optional.empty();
    }
    boolean written = Stmts.all(loop.body()).anyMatch(s ->
        s instanceof Stmt.Assign w && w.variable().equals(counter)
            || s instanceof Stmt.Declare d && d.var().equals(counter));
    return written ? Optional.empty() : Optional.of(counter);
  }

  /** Whether {@code e} is {@code counter}, {@code counter + c} or {@code counter - c}. */
  public static boolean isCounterPlusConstant(Expr e, Expr.Var counter) {
    return e.equals(counter) || e instanceof Expr.Binary b
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
        && b.left().equals(counter) && b.right() instanceof Expr.Literal;
  }

  /** {@code i} for {@code i} or {@code i + c} with a literal {@code c}; else null. */
  private static Expr.Var counter(Expr e) {
    if (e instanceof Expr.Var v) {
      return v;
    }
    if (e instanceof Expr.Binary b && b.op() == BinaryOp.ADD && b.left() instanceof Expr.Var v
        && b.right() instanceof Expr.Literal) {
      return v;
    }
    return null;
  }

  /** Whether the loop's update is exactly {@code i = i + 1}. */
  private static boolean steps(Stmt.Loop loop, Expr.Var counter) {
    var update = loop.update().statements();
    return update.size() == 1 && update.get(0) instanceof Stmt.Assign a
        && a.target().equals(counter) && a.value() instanceof Expr.Binary b
        && b.op() == BinaryOp.ADD && b.left().equals(counter)
        && b.right() instanceof Expr.Literal l && Integer.valueOf(1).equals(l.value());
  }
}
