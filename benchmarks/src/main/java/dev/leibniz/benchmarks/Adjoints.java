package dev.leibniz.benchmarks;

import java.util.Arrays;
import org.hipparchus.special.Erf;

/**
 * Adjoints written by hand, the way a careful person would: each computes the function's value
 * and adds its gradient into the arrays passed in, keeping intermediate values in buffers the
 * caller provides rather than recomputing them. {@code AdjointsTest} checks each against the
 * gradient Leibniz generates.
 */
public final class Adjoints {
  private static final double INVERSE_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

  private Adjoints() {}

  /** Rosenbrock's function of {@code x}; adds its gradient to {@code dX}. */
  public static double rosenbrock(double[] x, double[] dX) {
    double sum = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double valley = x[i + 1] - x[i] * x[i];
      double offset = 1 - x[i];
      sum += 100 * valley * valley + offset * offset;
      double dValley = 200 * valley;
      dX[i + 1] += dValley;
      dX[i] -= 2 * x[i] * dValley + 2 * offset;
    }
    return sum;
  }

  /**
   * The Black-Scholes call price; adds ∂/∂(spot, strike, years, rate, sigma) to {@code d[0..4]}.
   */
  public static double blackScholes(double spot, double strike, double years, double rate,
      double sigma, double[] d) {
    double sqrtYears = Math.sqrt(years);
    double deviation = sigma * sqrtYears;
    double carry = rate + 0.5 * sigma * sigma;
    double d1 = (Math.log(spot / strike) + carry * years) / deviation;
    double d2 = d1 - deviation;
    double n1 = normalCdf(d1);
    double n2 = normalCdf(d2);
    double discount = Math.exp(-rate * years);
    double price = spot * n1 - strike * discount * n2;

    double dD2 = -strike * discount * normalPdf(d2);
    double dD1 = spot * normalPdf(d1) + dD2;
    double dNumerator = dD1 / deviation;
    double dDeviation = -dD2 - dD1 * d1 / deviation;
    double dDiscount = -strike * n2;
    d[0] += n1 + dNumerator / spot;
    d[1] += -discount * n2 - dNumerator / strike;
    d[2] += dNumerator * carry - dDiscount * discount * rate + dDeviation * sigma * 0.5 / sqrtYears;
    d[3] += dNumerator * years - dDiscount * discount * years;
    d[4] += dNumerator * years * sigma + dDeviation * sqrtYears;
    return price;
  }

  private static double normalCdf(double x) {
    return 0.5 * (1 + Erf.erf(x / Math.sqrt(2)));
  }

  private static double normalPdf(double x) {
    return INVERSE_SQRT_2PI * Math.exp(-0.5 * x * x);
  }

  /**
   * The Asian call of {@link Problems#asianCall}; adds ∂/∂(spot, rate, sigma) to {@code d[0..2]}.
   * {@code path} and {@code growth} hold at least {@code z.length} values.
   */
  public static double asianCall(double spot, double rate, double sigma, double strike,
      double dt, double[] z, double[] d, double[] path, double[] growth) {
    int n = z.length;
    double drift = (rate - 0.5 * sigma * sigma) * dt;
    double diffusion = sigma * Math.sqrt(dt);
    double s = spot;
    double sum = 0;
    for (int t = 0; t < n; t++) {
      growth[t] = Math.exp(drift + diffusion * z[t]);
      s *= growth[t];
      path[t] = s;
      sum += s;
    }
    double average = sum / n;
    double discount = Math.exp(-rate * dt * n);
    double payoff = Math.max(average - strike, 0);

    double share = average > strike ? 1 : average == strike ? 0.5 : 0;
    double dSum = discount * share / n;
    double dS = 0;
    double dExponent = 0;
    double dExponentZ = 0;
    for (int t = n - 1; t >= 0; t--) {
      dS += dSum;
      double dLocal = path[t] * dS;
      dExponent += dLocal;
      dExponentZ += dLocal * z[t];
      dS *= growth[t];
    }
    d[0] += dS;
    d[1] += dExponent * dt - payoff * discount * dt * n;
    d[2] += -dExponent * sigma * dt + dExponentZ * Math.sqrt(dt);
    return discount * payoff;
  }

  /**
   * The loss of {@link Problems#denseLoss}; adds its gradient to the adjoints, {@code dB3} into
   * {@code dScalars[0]}.
   */
  public static double denseLoss(double[][] w1, double[] b1, double[][] w2, double[] b2,
      double[] w3, double b3, double[] x, double y, double[] dScalars, double[][] dW1,
      double[] dB1, double[][] dW2, double[] dB2, double[] dW3) {
    double[] h1 = new double[b1.length];
    for (int i = 0; i < h1.length; i++) {
      h1[i] = Math.max(0, b1[i] + dot(w1[i], x));
    }
    double[] h2 = new double[b2.length];
    for (int i = 0; i < h2.length; i++) {
      h2[i] = Math.tanh(b2[i] + dot(w2[i], h1));
    }
    double error = b3 + dot(w3, h2) - y;

    double dOut = 2 * error;
    dScalars[0] += dOut;
    double[] dH1 = new double[h1.length];
    for (int i = 0; i < h2.length; i++) {
      dW3[i] += dOut * h2[i];
      double dZ = dOut * w3[i] * (1 - h2[i] * h2[i]);
      dB2[i] += dZ;
      for (int j = 0; j < h1.length; j++) {
        dW2[i][j] += dZ * h1[j];
        dH1[j] += dZ * w2[i][j];
      }
    }
    for (int i = 0; i < h1.length; i++) {
      double dZ = h1[i] > 0 ? dH1[i] : 0;
      dB1[i] += dZ;
      for (int j = 0; j < x.length; j++) {
        dW1[i][j] += dZ * x[j];
      }
    }
    return error * error;
  }

  /**
   * The samples' network loss over {@code xs[from..to)}, with the same ReLU, tanh and logistic
   * loss; adds its gradient to the adjoints.
   */
  public static double networkLoss(double[][] w1, double[] b1, double[][] w2, double[] b2,
      double[] w3, double[] b3, double[][] xs, double[] ys, int from, int to, double[][] dW1,
      double[] dB1, double[][] dW2, double[] dB2, double[] dW3, double[] dB3) {
    int count = to - from;
    double total = 0;
    double[] h1 = new double[b1.length];
    double[] h2 = new double[b2.length];
    double[] dH1 = new double[b1.length];
    for (int n = from; n < to; n++) {
      for (int i = 0; i < h1.length; i++) {
        h1[i] = Math.max(0.0, b1[i] + dot(w1[i], xs[n]));
      }
      for (int i = 0; i < h2.length; i++) {
        h2[i] = Math.tanh(b2[i] + dot(w2[i], h1));
      }
      double z = b3[0] + dot(w3, h2);
      double tail = Math.exp(-Math.abs(z));
      total += Math.max(z, 0.0) - z * ys[n] + Math.log1p(tail);

      double hinge = z > 0 ? 1 : z == 0 ? 0.5 : 0;
      double dZ = (hinge - ys[n] - Math.signum(z) * tail / (1 + tail)) / count;
      dB3[0] += dZ;
      Arrays.fill(dH1, 0);
      for (int i = 0; i < h2.length; i++) {
        dW3[i] += dZ * h2[i];
        double dZ2 = dZ * w3[i] * (1 - h2[i] * h2[i]);
        dB2[i] += dZ2;
        for (int j = 0; j < h1.length; j++) {
          dW2[i][j] += dZ2 * h1[j];
          dH1[j] += dZ2 * w2[i][j];
        }
      }
      for (int i = 0; i < h1.length; i++) {
        double dZ1 = h1[i] > 0 ? dH1[i] : 0;
        dB1[i] += dZ1;
        for (int j = 0; j < xs[n].length; j++) {
          dW1[i][j] += dZ1 * xs[n][j];
        }
      }
    }
    return total / count;
  }

  /** Chebyshev's T_n(x) with its derivative, by the recurrence differentiated by hand. */
  public static double chebyshev(int n, double x, double[] d) {
    double[] tangent = new double[1];
    double value = chebyshevTangent(n, x, tangent);
    d[0] += tangent[0];
    return value;
  }

  private static double chebyshevTangent(int n, double x, double[] tangent) {
    if (n == 0) {
      tangent[0] = 0;
      return 1;
    }
    if (n == 1) {
      tangent[0] = 1;
      return x;
    }
    double a = chebyshevTangent(n - 1, x, tangent);
    double dA = tangent[0];
    double b = chebyshevTangent(n - 2, x, tangent);
    tangent[0] = 2 * a + 2 * x * dA - tangent[0];
    return 2 * x * a - b;
  }

  /** log Σ exp(x[i]); adds its gradient to {@code dX}. {@code exps} holds x.length values. */
  public static double logSumExp(double[] x, double[] dX, double[] exps) {
    int top = 0;
    for (int i = 1; i < x.length; i++) {
      if (x[i] > x[top]) {
        top = i;
      }
    }
    double max = x[top];
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      exps[i] = Math.exp(x[i] - max);
      sum += exps[i];
    }
    double dMax = 1;
    for (int i = 0; i < x.length; i++) {
      double share = exps[i] / sum;
      dX[i] += share;
      dMax -= share;
    }
    dX[top] += dMax;
    return max + Math.log(sum);
  }

  private static double dot(double[] w, double[] x) {
    double s = 0;
    for (int j = 0; j < w.length; j++) {
      s += w[j] * x[j];
    }
    return s;
  }
}
