package dev.leibniz.samples.model;

import dev.leibniz.Differentiable;
import dev.leibniz.NoDerivative;

/** Loss functions. */
public final class Losses {
  private Losses() {}

  /**
   * The binary cross-entropy −y log p − (1 − y) log(1 − p) of p = σ(z), in the stable form
   * max(z, 0) − z y + log(1 + e^−|z|), which never takes the log of 0.
   */
  @Differentiable
  public static double logisticLoss(double z, @NoDerivative double y) {
    return Math.max(z, 0.0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
  }
}
