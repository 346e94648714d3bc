package dev.leibniz.samples;

import dev.leibniz.Differentiable;

/**
 * f(x, y) = (x + σ(y)) / (σ(x) + (x + y)²), computed in small stages the way one would write it
 * to backpropagate by hand; Leibniz follows the same stages in reverse.
 */
public final class Staged {
  private Staged() {}

  @Differentiable
  public static double f(double x, double y) {
    double sigy = 1.0 / (1 + Math.exp(-y));
    double num = x + sigy;
    double sigx = 1.0 / (1 + Math.exp(-x));
    double xpy = x + y;
    double xpysqr = xpy * xpy;
    double den = sigx + xpysqr;
    double invden = 1.0 / den;
    return num * invden;
  }
}
