package dev.leibniz.samples.model;

import dev.leibniz.Differentiable;

/** The affine map of one unit of a dense layer. */
public final class Layers {
  private Layers() {}

  /** b + Σ w[j] x[j]: the unit's pre-activation, differentiable in weights, bias and input. */
  @Differentiable
  public static double affine(double[] w, double b, double[] x) {
    double z = b;
    for (int j = 0; j < w.length; j++) {
      z += w[j] * x[j];
    }
    return z;
  }
}
