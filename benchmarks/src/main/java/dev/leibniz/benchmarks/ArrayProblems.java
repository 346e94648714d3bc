package dev.leibniz.benchmarks;

import dev.leibniz.Differentiable;
import dev.leibniz.NoDerivative;

/**
 * Benchmark problems written with arrays the way Java code uses them: an RK4 integrator whose
 * rate function fills its output array, and an LSTM that reads its gate weights through row
 * views and loops over its input sequence with for-each.
 */
public final class ArrayProblems {
  private ArrayProblems() {}

  /** Lotka–Volterra: prey grow at p[0] and are eaten at p[1]; predators die at p[2], feed p[3]. */
  @Differentiable
  public static void lotkaVolterra(double[] p, double[] y, double[] dy) {
    dy[0] = p[0] * y[0] - p[1] * y[0] * y[1];
    dy[1] = p[3] * y[0] * y[1] - p[2] * y[1];
  }

  /** The populations after {@code steps} classic RK4 steps of length {@code h}, summed. */
  @Differentiable
  public static double rk4(double[] p, double[] y0, @NoDerivative double h,
      int steps) {
    double[] y = y0.clone();
    double[] k1 = new double[2];
    double[] k2 = new double[2];
    double[] k3 = new double[2];
    double[] k4 = new double[2];
    double[] stage = new double[2];
    for (int step = 0; step < steps; step++) {
      lotkaVolterra(p, y, k1);
      for (int i = 0; i < 2; i++) {
        stage[i] = y[i] + 0.5 * h * k1[i];
      }
      lotkaVolterra(p, stage, k2);
      for (int i = 0; i < 2; i++) {
        stage[i] = y[i] + 0.5 * h * k2[i];
      }
      lotkaVolterra(p, stage, k3);
      for (int i = 0; i < 2; i++) {
        stage[i] = y[i] + h * k3[i];
      }
      lotkaVolterra(p, stage, k4);
      for (int i = 0; i < 2; i++) {
        y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
      }
    }
    return y[0] + y[1];
  }

  /**
   * An LSTM over a sequence: {@code weights} has one row per gate unit (forget, input, output,
   * candidate; n units each), a bias then the input and hidden weights; the loss is Σ h².
   */
  @Differentiable
  public static double lstm(double[][] weights, @NoDerivative double[][] inputs, double[] h0) {
    int n = h0.length;
    double[] h = h0.clone();
    double[] c = new double[n];
    double[] gates = new double[4 * n];
    for (double[] x : inputs) {
      for (int g = 0; g < 4 * n; g++) {
        double[] w = weights[g];
        double s = w[0];
        for (int i = 0; i < x.length; i++) {
          s += w[1 + i] * x[i];
        }
        for (int j = 0; j < n; j++) {
          s += w[1 + x.length + j] * h[j];
        }
        gates[g] = s;
      }
      for (int j = 0; j < n; j++) {
        double forget = 1 / (1 + Math.exp(-gates[j]));
        double input = 1 / (1 + Math.exp(-gates[n + j]));
        double output = 1 / (1 + Math.exp(-gates[2 * n + j]));
        double candidate = Math.tanh(gates[3 * n + j]);
        c[j] = forget * c[j] + input * candidate;
        h[j] = output * Math.tanh(c[j]);
      }
    }
    double loss = 0;
    for (double v : h) {
      loss += v * v;
    }
    return loss;
  }
}
