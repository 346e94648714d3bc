package dev.leibniz.benchmarks;

import dev.leibniz.Differentiable;
import dev.leibniz.NoDerivative;

/**
 * The functions the benchmarks differentiate, written the way a numerical Java programmer writes
 * them first. Rosenbrock, Black-Scholes and the sample network's loss live in the samples.
 */
public final class Problems {
  private Problems() {}

  /**
   * An arithmetic-average (Asian) call priced on one simulated path of geometric Brownian motion
   * with the normal draws {@code z}, one per step of length {@code dt}; differentiable in the
   * spot, the rate and the volatility (pathwise Greeks).
   */
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

  /**
   * The squared error of a dense network with a ReLU and a tanh hidden layer, all in one method:
   * {@code w1} is 32 × 16, {@code w2} 32 × 32, {@code w3} has 32 weights.
   */
  @Differentiable
  public static double denseLoss(double[][] w1, double[] b1, double[][] w2, double[] b2,
      double[] w3, double b3, @NoDerivative double[] x, @NoDerivative double y) {
    double[] h1 = new double[b1.length];
    for (int i = 0; i < b1.length; i++) {
      double z = b1[i];
      for (int j = 0; j < x.length; j++) {
        z += w1[i][j] * x[j];
      }
      h1[i] = Math.max(0, z);
    }
    double[] h2 = new double[b2.length];
    for (int i = 0; i < b2.length; i++) {
      double z = b2[i];
      for (int j = 0; j < h1.length; j++) {
        z += w2[i][j] * h1[j];
      }
      h2[i] = Math.tanh(z);
    }
    double out = b3;
    for (int j = 0; j < h2.length; j++) {
      out += w3[j] * h2[j];
    }
    double error = out - y;
    return error * error;
  }

  /** Chebyshev's T_n(x) by its recurrence, recursively, as a new user writes it. */
  @Differentiable
  public static double chebyshev(int n, double x) {
    if (n == 0) {
      return 1;
    }
    if (n == 1) {
      return x;
    }
    return 2 * x * chebyshev(n - 1, x) - chebyshev(n - 2, x);
  }

  /** log Σ exp(x[i]), computed stably: the largest value is taken out before exponentiating. */
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
