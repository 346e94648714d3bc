package dev.leibniz.benchmarks;

/**
 * Hand-written adjoints of {@link ArrayProblems}, as a careful person writes them: the forward
 * pass keeps each step's states, the backward pass walks them in reverse. Each adds its
 * gradient into the arrays given, and takes its scratch space from the caller.
 */
public final class ArrayAdjoints {
  private ArrayAdjoints() {}

  /**
   * {@link ArrayProblems#rk4}; adds ∂/∂p to {@code dP} and ∂/∂y0 to {@code dY0}. {@code states}
   * holds at least 8 × steps values: y, then the three stage states, of every step.
   */
  public static double rk4(double[] p, double[] y0, double h, int steps, double[] dP,
      double[] dY0, double[] states) {
    double y0n = y0[0];
    double y1n = y0[1];
    for (int step = 0; step < steps; step++) {
      int at = 8 * step;
      states[at] = y0n;
      states[at + 1] = y1n;
      double k10 = rate0(p, y0n, y1n);
      double k11 = rate1(p, y0n, y1n);
      double s0 = y0n + 0.5 * h * k10;
      double s1 = y1n + 0.5 * h * k11;
      states[at + 2] = s0;
      states[at + 3] = s1;
      double k20 = rate0(p, s0, s1);
      double k21 = rate1(p, s0, s1);
      double t0 = y0n + 0.5 * h * k20;
      double t1 = y1n + 0.5 * h * k21;
      states[at + 4] = t0;
      states[at + 5] = t1;
      double k30 = rate0(p, t0, t1);
      double k31 = rate1(p, t0, t1);
      double u0 = y0n + h * k30;
      double u1 = y1n + h * k31;
      states[at + 6] = u0;
      states[at + 7] = u1;
      double k40 = rate0(p, u0, u1);
      double k41 = rate1(p, u0, u1);
      y0n += h / 6 * (k10 + 2 * k20 + 2 * k30 + k40);
      y1n += h / 6 * (k11 + 2 * k21 + 2 * k31 + k41);
    }
    double[] dy = {1, 1};
    double[] dStage = new double[2];
    for (int step = steps - 1; step >= 0; step--) {
      int at = 8 * step;
      double[] dk4 = {h / 6 * dy[0], h / 6 * dy[1]};
      double[] dk3 = {h / 3 * dy[0], h / 3 * dy[1]};
      double[] dk2 = {h / 3 * dy[0], h / 3 * dy[1]};
      double[] dk1 = {h / 6 * dy[0], h / 6 * dy[1]};
      rateAdjoint(p, states[at + 6], states[at + 7], dk4, dStage, dP);
      addScaled(dy, dStage, 1);
      addScaled(dk3, dStage, h);
      rateAdjoint(p, states[at + 4], states[at + 5], dk3, dStage, dP);
      addScaled(dy, dStage, 1);
      addScaled(dk2, dStage, 0.5 * h);
      rateAdjoint(p, states[at + 2], states[at + 3], dk2, dStage, dP);
      addScaled(dy, dStage, 1);
      addScaled(dk1, dStage, 0.5 * h);
      rateAdjoint(p, states[at], states[at + 1], dk1, dStage, dP);
      addScaled(dy, dStage, 1);
    }
    dY0[0] += dy[0];
    dY0[1] += dy[1];
    return y0n + y1n;
  }

  private static double rate0(double[] p, double y0, double y1) {
    return p[0] * y0 - p[1] * y0 * y1;
  }

  private static double rate1(double[] p, double y0, double y1) {
    return p[3] * y0 * y1 - p[2] * y1;
  }

  /** uᵀJ of the Lotka–Volterra rate at (y0, y1): into {@code dY} (set) and {@code dP} (added). */
  private static void rateAdjoint(double[] p, double y0, double y1, double[] u, double[] dY,
      double[] dP) {
    dY[0] = u[0] * (p[0] - p[1] * y1) + u[1] * p[3] * y1;
    dY[1] = -u[0] * p[1] * y0 + u[1] * (p[3] * y0 - p[2]);
    dP[0] += u[0] * y0;
    dP[1] -= u[0] * y0 * y1;
    dP[2] -= u[1] * y1;
    dP[3] += u[1] * y0 * y1;
  }

  private static void addScaled(double[] sum, double[] part, double scale) {
    sum[0] += scale * part[0];
    sum[1] += scale * part[1];
  }

  /**
   * {@link ArrayProblems#lstm}; adds ∂/∂weights to {@code dWeights} and ∂/∂h0 to {@code dH0}.
   * {@code tape} holds at least T × 7n values: per step the gates' activations, c before and
   * after, and h before.
   */
  public static double lstm(double[][] weights, double[][] inputs, double[] h0,
      double[][] dWeights, double[] dH0, double[] tape) {
    int n = h0.length;
    int steps = inputs.length;
    int width = 7 * n;
    double[] h = h0.clone();
    double[] c = new double[n];
    for (int t = 0; t < steps; t++) {
      double[] x = inputs[t];
      int at = t * width;
      System.arraycopy(h, 0, tape, at + 6 * n, n);
      System.arraycopy(c, 0, tape, at + 4 * n, n);
      for (int g = 0; g < 4 * n; g++) {
        double[] w = weights[g];
        double s = w[0];
        for (int i = 0; i < x.length; i++) {
          s += w[1 + i] * x[i];
        }
        for (int j = 0; j < n; j++) {
          s += w[1 + x.length + j] * h[j];
        }
        tape[at + g] = g < 3 * n ? 1 / (1 + Math.exp(-s)) : Math.tanh(s);
      }
      for (int j = 0; j < n; j++) {
        c[j] = tape[at + j] * c[j] + tape[at + n + j] * tape[at + 3 * n + j];
        h[j] = tape[at + 2 * n + j] * Math.tanh(c[j]);
        tape[at + 5 * n + j] = c[j];
      }
    }
    double loss = 0;
    double[] dh = new double[n];
    for (int j = 0; j < n; j++) {
      loss += h[j] * h[j];
      dh[j] = 2 * h[j];
    }
    double[] dc = new double[n];
    double[] dGate = new double[4 * n];
    for (int t = steps - 1; t >= 0; t--) {
      double[] x = inputs[t];
      int at = t * width;
      for (int j = 0; j < n; j++) {
        double forget = tape[at + j];
        double input = tape[at + n + j];
        double output = tape[at + 2 * n + j];
        double candidate = tape[at + 3 * n + j];
        double tanhC = Math.tanh(tape[at + 5 * n + j]);
        double dC = dc[j] + dh[j] * output * (1 - tanhC * tanhC);
        dGate[2 * n + j] = dh[j] * tanhC * output * (1 - output);
        dGate[j] = dC * tape[at + 4 * n + j] * forget * (1 - forget);
        dGate[n + j] = dC * candidate * input * (1 - input);
        dGate[3 * n + j] = dC * input * (1 - candidate * candidate);
        dc[j] = dC * forget;
        dh[j] = 0;
      }
      for (int g = 0; g < 4 * n; g++) {
        double[] w = weights[g];
        double[] dW = dWeights[g];
        dW[0] += dGate[g];
        for (int i = 0; i < x.length; i++) {
          dW[1 + i] += dGate[g] * x[i];
        }
        for (int j = 0; j < n; j++) {
          dW[1 + x.length + j] += dGate[g] * tape[at + 6 * n + j];
          dh[j] += dGate[g] * w[1 + x.length + j];
        }
      }
    }
    for (int j = 0; j < n; j++) {
      dH0[j] += dh[j];
    }
    return loss;
  }
}
