package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.rules.Exprs;

/**
 * What is cheaper to compute again in the backward sweep than to save in the forward sweep:
 * arithmetic on variables, elements and constants. A call of a function or of another method is
 * worth a push and a pop, and is never evaluated twice.
 */
public final class Recompute {
  private Recompute() {}

  /** Whether {@code e} is cheap enough to evaluate again instead of being saved. */
  public static boolean isCheap(Expr e) {
    if (e instanceof Expr.Call || e instanceof Expr.Invoke || e instanceof Expr.NewArray
        || e instanceof Expr.Pop) {
      return false;
    }
    return Exprs.children(e).allMatch(Recompute::isCheap);
  }
}
