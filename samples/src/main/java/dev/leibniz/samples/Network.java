package dev.leibniz.samples;

import dev.leibniz.Differentiable;
import dev.leibniz.NoDerivative;
import java.util.List;
import java.util.Random;

/**
 * A small classifier of points in the plane, f(X) = Dense3(Dense2(Dense1(X))): a ReLU layer, a
 * tanh layer and one sigmoid output, trained with the gradient Leibniz writes for
 * {@link #loss}.
 */
public final class Network {
  final double[][] w1;
  final double[] b1;
  final double[][] w2;
  final double[] b2;
  final double[] w3;
  final double[] b3;

  /** A network with {@code hidden} units per hidden layer and weights drawn at random. */
  Network(int hidden, long seed) {
    var random = new Random(seed);
    w1 = gaussian(random, hidden, 2, Math.sqrt(2.0 / 2));
    b1 = new double[hidden];
    w2 = gaussian(random, hidden, hidden, Math.sqrt(1.0 / hidden));
    b2 = new double[hidden];
    w3 = gaussian(random, 1, hidden, Math.sqrt(1.0 / hidden))[0];
    b3 = new double[1];
  }

  /**
   * The mean binary cross-entropy over the points {@code from} to {@code to - 1}. For the sigmoid
   * output p = σ(z) and label y, −y log p − (1 − y) log(1 − p) is computed in the stable form
   * max(z, 0) − z y + log(1 + e^−|z|).
   */
  @Differentiable
  public static double loss(double[][] w1, double[] b1, double[][] w2, double[] b2, double[] w3,
      double[] b3, @NoDerivative double[][] xs, @NoDerivative double[] ys,
      @NoDerivative int from, @NoDerivative int to) {
    double total = 0;
    for (int n = from; n < to; n++) {
      double[] h1 = new double[b1.length];
      for (int i = 0; i < b1.length; i++) {
        double z = b1[i] + w1[i][0] * xs[n][0] + w1[i][1] * xs[n][1];
        h1[i] = Math.max(0.0, z);
      }
      double[] h2 = new double[b2.length];
      for (int i = 0; i < b2.length; i++) {
        double z = b2[i];
        for (int j = 0; j < h1.length; j++) {
          z += w2[i][j] * h1[j];
        }
        h2[i] = Math.tanh(z);
      }
      double logit = b3[0];
      for (int j = 0; j < h2.length; j++) {
        logit += w3[j] * h2[j];
      }
      total += Math.max(logit, 0.0) - logit * ys[n] + Math.log1p(Math.exp(-Math.abs(logit)));
    }
    return total / (to - from);
  }

  /** The loss over the points {@code from} to {@code to - 1}, with its gradient. */
  NetworkGradients.Loss lossAndGradient(double[][] xs, double[] ys, int from, int to) {
    return NetworkGradients.loss(w1, b1, w2, b2, w3, b3, xs, ys, from, to);
  }

  double loss(double[][] xs, double[] ys) {
    return loss(w1, b1, w2, b2, w3, b3, xs, ys, 0, xs.length);
  }

  /** The probability the network gives to class 1 at (x, y). */
  double probability(double x, double y) {
    double[] h1 = new double[b1.length];
    for (int i = 0; i < b1.length; i++) {
      h1[i] = Math.max(0, b1[i] + w1[i][0] * x + w1[i][1] * y);
    }
    double logit = b3[0];
    for (int i = 0; i < b2.length; i++) {
      double z = b2[i];
      for (int j = 0; j < h1.length; j++) {
        z += w2[i][j] * h1[j];
      }
      logit += w3[i] * Math.tanh(z);
    }
    return 1 / (1 + Math.exp(-logit));
  }

  /** The parameters, each array once, in the order of the gradient's components. */
  List<Object> parameters() {
    return List.of(w1, b1, w2, b2, w3, b3);
  }

  private static double[][] gaussian(Random random, int rows, int columns, double scale) {
    double[][] m = new double[rows][columns];
    for (double[] row : m) {
      for (int j = 0; j < columns; j++) {
        row[j] = scale * random.nextGaussian();
      }
    }
    return m;
  }
}
