package dev.leibniz.samples;

import dev.leibniz.Differentiable;

/**
 * √a by Newton's iteration g ← (g + a/g) / 2, run until it stops improving: the number of
 * iterations depends on the data, and the gradient flows back through every one of them.
 * d√a/da = 1 / (2√a).
 */
public final class NewtonSqrt {
  private NewtonSqrt() {}

  /** √a for a > 0. From a start at or above √a the iterates decrease until they converge. */
  @Differentiable
  public static double sqrt(double a) {
    double g = a > 1 ? a : 1;
    double next = 0.5 * (g + a / g);
    while (next < g) {
      g = next;
      next = 0.5 * (g + a / g);
    }
    return g;
  }
}
