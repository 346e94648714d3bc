package dev.leibniz.processor.rules;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.UnaryOp;

/**
 * The few simplifications that keep generated code readable: multiplying by one and by minus
 * one. Nothing that could change a floating-point result. Both modes write their terms with it.
 */
public final class Algebra {
  private Algebra() {}

  /** {@code local × upstream}, without writing out a factor of ±1. */
  public static Expr product(Expr local, Expr upstream) {
    if (isOne(local)) {
      return upstream;
    }
    if (isMinusOne(local)) {
      return upstream.negate();
    }
    if (isOne(upstream)) {
      return local;
    }
    return local.times(upstream);
  }

  /** Whether {@code e} is the literal zero, a term that contributes nothing. */
  public static boolean isZero(Expr e) {
    return e instanceof Expr.Literal l && l.value() instanceof Number n && n.doubleValue() == 0;
  }

  private static boolean isOne(Expr e) {
    return e instanceof Expr.Literal l && l.value() instanceof Number n && n.doubleValue() == 1;
  }

  private static boolean isMinusOne(Expr e) {
    return e instanceof Expr.Unary u && u.op() == UnaryOp.NEG && isOne(u.operand());
  }
}
