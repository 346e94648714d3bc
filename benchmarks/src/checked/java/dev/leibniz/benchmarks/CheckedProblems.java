package dev.leibniz.benchmarks;

import dev.leibniz.Differentiable;
import dev.leibniz.NoDerivative;

/**
 * Two of {@link Problems}' functions, the same text, compiled with
 * {@code -Aleibniz.checkFinite=true} (see the pom): {@link FiniteChecksBenchmark} measures what
 * checking every value and adjoint costs.
 */
public final class CheckedProblems {
  private CheckedProblems() {}

  /** As {@link Problems#asianCall}. */
  @Differentiable
  public static double asianCall(double spot, double rate, double sigma,
      @NoDerivative double strike, @NoDerivative double dt, @NoDerivative double[] z) {
    double drift = (rate - 0.5 * sigma * sigma) * dt;
    double diffusion = sigma * Math.sqrt(dt);
    double s = spot;
    double sum = 0;
    for (int t = 0; t < z.length; t++) {
      s = s * Math.exp(drift + diffusion * z[t]);
      sum += s;
    }
    double average = sum / z.length;
    return Math.exp(-rate * dt * z.length) * Math.max(average - strike, 0);
  }

  /** As {@link Problems#logSumExp}. */
  @Differentiable
  public static double logSumExp(double[] x) {
    double max = x[0];
    for (int i = 1; i < x.length; i++) {
      if (x[i] > max) {
        max = x[i];
      }
    }
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += Math.exp(x[i] - max);
    }
    return max + Math.log(sum);
  }
}
