package dev.leibniz.benchmarks;

/**
 * Adjoints of {@link GradBench}'s problems written by hand the way an expert writes them: the
 * ODE keeps one state per step and recomputes the step's stages backwards; least squares and
 * k-means need no saving at all and run in one pass forwards.
 */
public final class GradBenchAdjoints {
  private GradBenchAdjoints() {}

  /**
   * The value of {@link GradBench#ode}, adding its gradient to {@code dX}; {@code states}
   * holds s·n doubles and {@code scratch} 10·n.
   */
  public static double ode(double[] x, int s, double[] dX, double[] states, double[] scratch) {
    int n = x.length;
    double h = 2.0 / s;
    double[] y = new double[n];
    for (int step = 0; step < s; step++) {
      System.arraycopy(y, 0, states, step * n, n);
      rk4Step(x, y, h, scratch);
    }
    double value = y[n - 1];
    double[] dY = new double[n];
    dY[n - 1] = 1;
    for (int step = s - 1; step >= 0; step--) {
      System.arraycopy(states, step * n, y, 0, n);
      rk4StepAdjoint(x, y, h, dX, dY, scratch);
    }
    return value;
  }

  /** y ← y + h/6 (k₁ + 2k₂ + 2k₃ + k₄), leaving the stages and stage points in scratch. */
  private static void rk4Step(double[] x, double[] y, double h, double[] scratch) {
    int n = x.length;
    stages(x, y, h, scratch);
    for (int i = 0; i < n; i++) {
      y[i] += h / 6 * (scratch[i] + 2 * scratch[n + i] + 2 * scratch[2 * n + i]
          + scratch[3 * n + i]);
    }
  }

  /** k₁…k₄ at scratch[0, n, 2n, 3n), the points they are taken at (t₁, t₂, t₃) after them. */
  private static void stages(double[] x, double[] y, double h, double[] scratch) {
    int n = x.length;
    chain(x, y, 0, scratch, 0);
    for (int i = 0; i < n; i++) {
      scratch[4 * n + i] = y[i] + 0.5 * h * scratch[i];
    }
    chain(x, scratch, 4 * n, scratch, n);
    for (int i = 0; i < n; i++) {
      scratch[5 * n + i] = y[i] + 0.5 * h * scratch[n + i];
    }
    chain(x, scratch, 5 * n, scratch, 2 * n);
    for (int i = 0; i < n; i++) {
      scratch[6 * n + i] = y[i] + h * scratch[2 * n + i];
    }
    chain(x, scratch, 6 * n, scratch, 3 * n);
  }

  private static void chain(double[] x, double[] y, int from, double[] z, int to) {
    z[to] = x[0];
    for (int i = 1; i < x.length; i++) {
      z[to + i] = x[i] * y[from + i - 1];
    }
  }

  /**
   * With y the state before the step and dY the adjoint of the state after it: adds the
   * step's share to dX and leaves in dY the adjoint of the state before it. With g the adjoint
   * coming in: dk₄ = h/6 g; then each stage point tₘ = y + c hₘ kₘ gives dy += dtₘ and
   * dkₘ = (weight) g + c hₘ dtₘ, and k₁ = chain(y) gives dy += its share.
   */
  private static void rk4StepAdjoint(double[] x, double[] y, double h, double[] dX,
      double[] dY, double[] scratch) {
    int n = x.length;
    stages(x, y, h, scratch);
    int g = 7 * n;
    int dK = 8 * n;
    int dT = 9 * n;
    System.arraycopy(dY, 0, scratch, g, n);
    for (int i = 0; i < n; i++) {
      scratch[dK + i] = h / 6 * scratch[g + i];
    }
    double[] weights = {h / 3, h / 3, h / 6};
    double[] reach = {h, 0.5 * h, 0.5 * h};
    for (int m = 0; m < 3; m++) {
      // The stage point t₃, t₂, t₁ in turn: its adjoint from the stage taken at it.
      chainAdjoint(x, scratch, (6 - m) * n, scratch, dK, dX, scratch, dT);
      for (int i = 0; i < n; i++) {
        dY[i] += scratch[dT + i];
        scratch[dK + i] = weights[m] * scratch[g + i] + reach[m] * scratch[dT + i];
      }
    }
    chainAdjoint(x, y, 0, scratch, dK, dX, scratch, dT);
    for (int i = 0; i < n; i++) {
      dY[i] += scratch[dT + i];
    }
  }

  /**
   * For z = chain(x, y) with y at y[from…]: adds dzᵀ ∂z/∂x to dX, with dz at dz[at…], and sets
   * dy[to…] to dzᵀ ∂z/∂y.
   */
  private static void chainAdjoint(double[] x, double[] y, int from, double[] dz, int at,
      double[] dX, double[] dy, int to) {
    int n = x.length;
    dX[0] += dz[at];
    for (int i = 1; i < n; i++) {
      dX[i] += y[from + i - 1] * dz[at + i];
      dy[to + i - 1] = x[i] * dz[at + i];
    }
    dy[to + n - 1] = 0;
  }

  /** The value of {@link GradBench#llsq}, adding its gradient to {@code dX}: one pass. */
  public static double llsq(double[] x, int n, double[] dX) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double t = -1 + 2.0 * i / (n - 1);
      double r = Math.signum(t);
      double power = 1;
      for (int j = 0; j < x.length; j++) {
        r -= x[j] * power;
        power *= t;
      }
      sum += r * r;
      // ∂(½ r²)/∂xⱼ = −r tʲ: the powers again by the same recurrence.
      power = 1;
      for (int j = 0; j < x.length; j++) {
        dX[j] -= r * power;
        power *= t;
      }
    }
    return 0.5 * sum;
  }

  /** The value of {@link GradBench#kmeans}, adding its gradient to {@code dC}: one pass. */
  public static double kmeans(double[][] c, double[][] p, double[][] dC) {
    double total = 0;
    for (double[] point : p) {
      double best = 0;
      int nearest = 0;
      for (int j = 0; j < c.length; j++) {
        double d = 0;
        for (int l = 0; l < point.length; l++) {
          double diff = point[l] - c[j][l];
          d += diff * diff;
        }
        if (j == 0 || d < best) {
          best = d;
          nearest = j;
        }
      }
      total += best;
      for (int l = 0; l < point.length; l++) {
        dC[nearest][l] -= 2 * (point[l] - c[nearest][l]);
      }
    }
    return total;
  }

  /**
   * The value of {@link GradBench#gmm}, adding its gradient to {@code dAlphas}, {@code dMeans}
   * and {@code dIcf}, in one pass over the points: each point's terms are computed, kept in
   * {@code scratch} (at least 2·k·d + 2·k doubles) and differentiated right away, as the
   * adjoint entering a point's log-sum-exp is known.
   */
  public static double gmm(double[] alphas, double[][] means, double[][] icf, double[][] x,
      double gamma, int m, double[] dAlphas, double[][] dMeans, double[][] dIcf,
      double[] scratch) {
    int n = x.length;
    int k = alphas.length;
    int d = x[0].length;
    int qxAt = k * d;
    int mainAt = 2 * k * d;
    double slse = 0;
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double main = alphas[c] + qTimesCentered(icf[c], means[c], x[i], scratch, c * d,
            qxAt + c * d);
        scratch[mainAt + c] = main;
        max = Math.max(max, main);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        double e = Math.exp(scratch[mainAt + c] - max);
        scratch[mainAt + k + c] = e;
        sum += e;
      }
      slse += max + Math.log(sum);
      for (int c = 0; c < k; c++) {
        double weight = scratch[mainAt + k + c] / sum;
        dAlphas[c] += weight;
        qTimesCenteredAdjoint(icf[c], weight, scratch, c * d, qxAt + c * d, dMeans[c],
            dIcf[c]);
      }
    }
    double alphaMax = Double.NEGATIVE_INFINITY;
    for (double a : alphas) {
      alphaMax = Math.max(alphaMax, a);
    }
    double alphaSum = 0;
    for (double a : alphas) {
      alphaSum += Math.exp(a - alphaMax);
    }
    for (int c = 0; c < k; c++) {
      dAlphas[c] -= n * Math.exp(alphas[c] - alphaMax) / alphaSum;
    }
    double prior = 0;
    for (int c = 0; c < k; c++) {
      double sumQ = 0;
      double frobenius = 0;
      for (int j = 0; j < d; j++) {
        sumQ += icf[c][j];
        double e2 = Math.exp(2 * icf[c][j]);
        frobenius += e2;
        dIcf[c][j] += gamma * gamma * e2 - m;
      }
      for (int j = d; j < icf[c].length; j++) {
        frobenius += icf[c][j] * icf[c][j];
        dIcf[c][j] += gamma * gamma * icf[c][j];
      }
      prior += 0.5 * gamma * gamma * frobenius - m * sumQ;
    }
    return slse - n * (alphaMax + Math.log(alphaSum)) + prior;
  }

  /**
   * Σ icf[0..d) − ½‖Q (x − μ)‖², leaving x − μ at {@code centeredAt} and Q (x − μ) at
   * {@code qxAt} in scratch.
   */
  private static double qTimesCentered(double[] icf, double[] mean, double[] point,
      double[] scratch, int centeredAt, int qxAt) {
    int d = point.length;
    double sumQ = 0;
    for (int j = 0; j < d; j++) {
      sumQ += icf[j];
      double centered = point[j] - mean[j];
      scratch[centeredAt + j] = centered;
      scratch[qxAt + j] = Math.exp(icf[j]) * centered;
    }
    int below = d;
    for (int j = 0; j < d; j++) {
      for (int l = j + 1; l < d; l++) {
        scratch[qxAt + l] += icf[below++] * scratch[centeredAt + j];
      }
    }
    double squares = 0;
    for (int j = 0; j < d; j++) {
      squares += scratch[qxAt + j] * scratch[qxAt + j];
    }
    return sumQ - 0.5 * squares;
  }

  /** The adjoint of {@link #qTimesCentered} given its adjoint {@code weight}. */
  private static void qTimesCenteredAdjoint(double[] icf, double weight, double[] scratch,
      int centeredAt, int qxAt, double[] dMean, double[] dIcf) {
    int d = dMean.length;
    // d(qx) = −weight · qx; the centered point's adjoint is gathered in dMean, negated.
    int below = d;
    for (int j = 0; j < d; j++) {
      double dCentered = 0;
      for (int l = j + 1; l < d; l++) {
        double dQx = -weight * scratch[qxAt + l];
        dIcf[below] += scratch[centeredAt + j] * dQx;
        dCentered += icf[below++] * dQx;
      }
      double dQx = -weight * scratch[qxAt + j];
      double diagonal = Math.exp(icf[j]);
      dIcf[j] += weight + diagonal * scratch[centeredAt + j] * dQx;
      dCentered += diagonal * dQx;
      dMean[j] -= dCentered;
    }
  }
}
