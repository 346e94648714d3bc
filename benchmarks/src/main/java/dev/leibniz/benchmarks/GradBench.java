package dev.leibniz.benchmarks;

import dev.leibniz.Differentiable;
import dev.leibniz.NoDerivative;

/**
 * Problems of the GradBench suite (after cmpad and ADBench), written in Java from their
 * published mathematical definitions, the way a Java programmer writes them first.
 */
public final class GradBench {
  private GradBench() {}

  /** The right-hand side of {@link #ode}: z₀ = x₀, zᵢ = xᵢ yᵢ₋₁. */
  @Differentiable
  public static void chain(double[] x, double[] y, double[] z) {
    z[0] = x[0];
    for (int i = 1; i < x.length; i++) {
      z[i] = x[i] * y[i - 1];
    }
  }

  /**
   * {@code ode}: y' = chain(x, y) from y(0) = 0 to t = 2 by {@code s} classic Runge–Kutta steps;
   * the last element of y(2).
   */
  @Differentiable
  public static double ode(double[] x, int s) {
    int n = x.length;
    double h = 2.0 / s;
    double[] y = new double[n];
    double[] k1 = new double[n];
    double[] k2 = new double[n];
    double[] k3 = new double[n];
    double[] k4 = new double[n];
    double[] stage = new double[n];
    for (int step = 0; step < s; step++) {
      chain(x, y, k1);
      for (int i = 0; i < n; i++) {
        stage[i] = y[i] + 0.5 * h * k1[i];
      }
      chain(x, stage, k2);
      for (int i = 0; i < n; i++) {
        stage[i] = y[i] + 0.5 * h * k2[i];
      }
      chain(x, stage, k3);
      for (int i = 0; i < n; i++) {
        stage[i] = y[i] + h * k3[i];
      }
      chain(x, stage, k4);
      for (int i = 0; i < n; i++) {
        y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
      }
    }
    return y[n - 1];
  }

  /**
   * {@code llsq}: ½ Σᵢ (sign tᵢ − Σⱼ xⱼ tᵢʲ)² over n points tᵢ = −1 + 2i/(n − 1), the powers by
   * their recurrence.
   */
  @Differentiable
  public static double llsq(double[] x, int n) {
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
    }
    return 0.5 * sum;
  }

  /**
   * {@code kmeans}: Σᵢ minⱼ ‖pᵢ − cⱼ‖², the k-means objective of the points {@code p} for the
   * centroids {@code c} (the first nearest centroid where two are as near).
   */
  @Differentiable
  public static double kmeans(double[][] c, @NoDerivative double[][] p) {
    double total = 0;
    for (int i = 0; i < p.length; i++) {
      double best = 0;
      for (int j = 0; j < c.length; j++) {
        double d = 0;
        for (int l = 0; l < p[i].length; l++) {
          double diff = p[i][l] - c[j][l];
          d += diff * diff;
        }
        if (j == 0 || d < best) {
          best = d;
        }
      }
      total += best;
    }
    return total;
  }

  /**
   * {@code gmm}: the negative log-likelihood of the points {@code x} under a mixture of
   * {@code alphas.length} Gaussians with means {@code means} and inverse covariances QᵀQ, each Q
   * lower triangular with diagonal exp(icf[c][0..d)) and the rest of icf[c] below it column by
   * column, plus the Wishart prior on them; without the terms that are constants (−nd/2 log 2π and
   * the prior's normaliser), which change no gradient.
   */
  @Differentiable
  public static double gmm(double[] alphas, double[][] means, double[][] icf,
      @NoDerivative double[][] x, @NoDerivative double gamma, int m) {
    int n = x.length;
    int k = alphas.length;
    int d = x[0].length;
    double[] centered = new double[d];
    double[] qx = new double[d];
    double[] mainTerm = new double[k];
    double slse = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        double sumQ = 0;
        for (int j = 0; j < d; j++) {
          sumQ += icf[c][j];
          centered[j] = x[i][j] - means[c][j];
        }
        for (int j = 0; j < d; j++) {
          qx[j] = Math.exp(icf[c][j]) * centered[j];
        }
        int below = d;
        for (int j = 0; j < d; j++) {
          for (int l = j + 1; l < d; l++) {
            qx[l] += icf[c][below] * centered[j];
            below++;
          }
        }
        double squares = 0;
        for (int j = 0; j < d; j++) {
          squares += qx[j] * qx[j];
        }
        mainTerm[c] = alphas[c] + sumQ - 0.5 * squares;
      }
      slse += Problems.logSumExp(mainTerm);
    }
    double prior = 0;
    for (int c = 0; c < k; c++) {
      double sumQ = 0;
      double frobenius = 0;
      for (int j = 0; j < d; j++) {
        sumQ += icf[c][j];
        frobenius += Math.exp(2 * icf[c][j]);
      }
      for (int j = d; j < icf[c].length; j++) {
        frobenius += icf[c][j] * icf[c][j];
      }
      prior += 0.5 * gamma * gamma * frobenius - m * sumQ;
    }
    return slse - n * Problems.logSumExp(alphas) + prior;
  }
}
