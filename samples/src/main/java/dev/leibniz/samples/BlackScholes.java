package dev.leibniz.samples;

import dev.leibniz.DerivativeOf;
import dev.leibniz.Differentiable;
import org.hipparchus.special.Erf;

/**
 * The Black-Scholes price of a European call, whose gradient is the option's Greeks: delta
 * (∂/∂spot), vega (∂/∂volatility), rho (∂/∂rate) and theta (−∂/∂time to expiry), all from one
 * generated gradient. The normal CDF is written with Hipparchus's {@link Erf#erf(double)}, which
 * Leibniz cannot see into; {@link #erfDerivative} tells it the derivative.
 */
public final class BlackScholes {
  private BlackScholes() {}

  /**
   * The price of a call struck at {@code strike}, expiring in {@code years}, on a stock at
   * {@code spot} with volatility {@code sigma}, at the continuously compounded {@code rate}.
   */
  @Differentiable
  public static double call(double spot, double strike, double years, double rate, double sigma) {
    double deviation = sigma * Math.sqrt(years);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * sigma * sigma) * years) / deviation;
    double d2 = d1 - deviation;
    return spot * normalCdf(d1) - strike * Math.exp(-rate * years) * normalCdf(d2);
  }

  /** Φ(x) = (1 + erf(x / √2)) / 2. */
  @Differentiable
  public static double normalCdf(double x) {
    return 0.5 * (1 + Erf.erf(x / Math.sqrt(2)));
  }

  /** erf′(x) = 2 / √π · e^(−x²). */
  @DerivativeOf(type = Erf.class, method = "erf")
  static double erfDerivative(double x) {
    return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
  }
}
