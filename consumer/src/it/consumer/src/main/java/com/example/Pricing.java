package com.example;

import dev.leibniz.DerivativeOf;
import dev.leibniz.Differentiable;
import dev.leibniz.NoDerivative;

/** A user's model: a smoothed payoff over scenarios, through a library function with a rule. */
public final class Pricing {
  private Pricing() {}

  /** The mean of logistic(k · (spot · e^{vol · z} − strike)) over the scenarios z. */
  @Differentiable
  public static double smoothCall(double spot, double vol, @NoDerivative double[] scenarios,
      @NoDerivative double strike) {
    double total = 0;
    for (int i = 0; i < scenarios.length; i++) {
      double price = spot * Math.exp(vol * scenarios[i]);
      total += Quant.logistic(4 * (price - strike));
    }
    return total / scenarios.length;
  }

  /** logistic′(x) = σ(x) (1 − σ(x)). */
  @DerivativeOf(type = Quant.class, method = "logistic")
  static double logisticDerivative(double x) {
    double s = Quant.logistic(x);
    return s * (1 - s);
  }
}
