package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The operands through which a derivative can flow. A condition chooses but does not carry a
 * derivative; a field's receiver is an object; an array element carries its array's; everything
 * of a type other than {@code double} is a constant.
 */
public final class DifferentiablePaths {
  private DifferentiablePaths() {}

  /** The operands of {@code e} that a derivative of {@code e} can flow into. */
  public static Stream<Expr> operands(Expr e) {
    if (e instanceof Expr.Unary u) {
      return Stream.of(u.operand());
    } else if (e instanceof Expr.Binary b) {
      return b.op().isArithmetic() ? Stream.of(b.left(), b.right()) : Stream.empty();
    } else if (e instanceof Expr.Call c) {
      return c.args().stream();
    } else if (e instanceof Expr.Cast c) {
      return Stream.of(c.operand());
    } else if (e instanceof Expr.Conditional c) {
      return Stream.of(c.then(), c.otherwise());
    }
    return Stream.empty();
  }

  /** The {@code double} variables whose derivatives flow into {@code e}. */
  public static Set<Expr.Var> variables(Expr e) {
    var found = new LinkedHashSet<Expr.Var>();
    collect(e, found);
    return found;
  }

  private static void collect(Expr e, Set<Expr.Var> found) {
    if (e instanceof Expr.Index element && e.type() == Type.DOUBLE) {
      found.add(element.root());
      return;
    }
    if (e.type() != Type.DOUBLE) {
      return;
    }
    if (e instanceof Expr.Var v) {
      found.add(v);
    }
    operands(e).forEach(operand -> collect(operand, found));
  }
}
