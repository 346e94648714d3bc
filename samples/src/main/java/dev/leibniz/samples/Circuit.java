package dev.leibniz.samples;

import dev.leibniz.Differentiable;

/** The simplest circuit of backpropagation's classic introduction: f(x, y, z) = (x + y) z. */
public final class Circuit {
  private Circuit() {}

  /** (x + y) z: at (-2, 5, -4) the value is -12 and the gradient (-4, -4, 3). */
  @Differentiable(trace = true)
  public static double f(double x, double y, double z) {
    double q = x + y;
    return q * z;
  }
}
