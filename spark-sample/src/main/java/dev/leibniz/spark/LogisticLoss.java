package dev.leibniz.spark;

import dev.leibniz.Differentiable;
import dev.leibniz.NoDerivative;

/**
 * The logistic loss of one labelled example, written once as plain Java: Leibniz writes its
 * pullback, which Spark then runs on every partition.
 */
public final class LogisticLoss {
  private LogisticLoss() {}

  /**
   * −log p(y | x) for the logit z = w · x, as log(1 + e^z) − y z, written so that e^z never
   * overflows.
   *
   * @param w the weights, a bias among them if {@code x} has a constant feature
   * @param x the example's features
   * @param y its label, 0 or 1
   */
  @Differentiable
  public static double loss(double[] w, @NoDerivative double[] x, @NoDerivative double y) {
    double z = 0;
    for (int i = 0; i < w.length; i++) {
      z += w[i] * x[i];
    }
    return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y * z;
  }
}
