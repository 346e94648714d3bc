package dev.leibniz.samples.model;

import dev.leibniz.Differentiable;
import java.util.stream.IntStream;

/** The affine map of one unit of a dense layer. */
public final class Layers {
  private Layers() {}

  /** b + Σ w[j] x[j]: the unit's pre-activation, differentiable in weights, bias and input. */
  @Differentiable
  public static double affine(double[] w, double b, double[] x) {
    return b + IntStream.range(0, w.length).mapToDouble(j -> w[j] * x[j]).sum();
  }
}
