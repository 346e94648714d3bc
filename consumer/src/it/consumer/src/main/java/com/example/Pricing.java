package com.example;

import dev.leibniz.DerivativeOf;
import dev.leibniz.Differentiable;
import dev.leibniz.NoDerivative;

/** A user's model: a smoothed payoff over scenarios, through a library function with a rule. */
public final class Pricing {
  private Pricing() {}

  /**
   * The mean of logistic(k · (spot · e^{vol · z} − strike)) over the scenarios z.
   *
   * @param spot the spot price
   * @param vol the volatility
   * @param scenarios standard normal draws
   * @param strike the strike
   * @return the smoothed payoff's mean
   */
  @Differentiable
  public static double smoothCall(double spot, double vol, @NoDerivative double[] scenarios,
      @NoDerivative double strike) {
    double total = 0;
    for (int i = 0; i < scenarios.length; i++) {
      double price = spot * Math.exp(vol * scenarios[i]);
      total += Quant.logistic(SHARPNESS * (price - strike));
    }
    return total / scenarios.length;
  }

  /**
   * A log-normal density of the spot, written with private helpers and constants.
   *
   * @param spot the spot price
   * @param mean the mean of its logarithm
   * @param sigma the standard deviation of its logarithm
   * @return the logarithm of the density
   */
  @Differentiable
  public static double logDensity(double spot, double mean, double sigma) {
    return -LOG_SQRT_2PI - Math.log(sigma * spot) - 0.5 * square((Math.log(spot) - mean) / sigma);
  }

  private static final double SHARPNESS = 4;
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private static double square(double x) {
    return x * x;
  }

  /** logistic′(x) = σ(x) (1 − σ(x)). */
  @DerivativeOf(type = Quant.class, method = "logistic")
  static double logisticDerivative(double x) {
    double s = Quant.logistic(x);
    return s * (1 - s);
  }
}
