package dev.leibniz.samples;

import dev.leibniz.Differentiable;
import dev.leibniz.NoDerivative;

/**
 * Logistic regression on the two-moons set with quadratic features, in {@code float} and in
 * {@code double}: the same loss written twice, each trained by gradient descent with the
 * gradient Leibniz generates in the loss's own precision.
 */
public final class FloatLogistic {
  /** Features per point: x, y, x², y², xy. */
  static final int FEATURES = 5;

  private FloatLogistic() {}

  /** The mean cross-entropy over the points, with a small L2 penalty, in float arithmetic. */
  @Differentiable
  public static float loss(float[] w, float b, @NoDerivative float[][] xs,
      @NoDerivative float[] ys) {
    float s = 0f;
    for (int n = 0; n < xs.length; n++) {
      float z = b;
      for (int i = 0; i < w.length; i++) {
        z += w[i] * xs[n][i];
      }
      // log(1 + e^z) − y z, the cross-entropy of the sigmoid written so that it cannot overflow
      float softplus = z > 0 ? z + (float) Math.log1p(Math.exp(-z)) : (float) Math.log1p(
          Math.exp(z));
      s += softplus - ys[n] * z;
    }
    float penalty = 0f;
    for (int i = 0; i < w.length; i++) {
      penalty += w[i] * w[i];
    }
    return s / xs.length + 1e-3f * penalty;
  }

  /** The same loss in double arithmetic. */
  @Differentiable
  public static double lossDouble(double[] w, double b, @NoDerivative double[][] xs,
      @NoDerivative double[] ys) {
    double s = 0;
    for (int n = 0; n < xs.length; n++) {
      double z = b;
      for (int i = 0; i < w.length; i++) {
        z += w[i] * xs[n][i];
      }
      double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      s += softplus - ys[n] * z;
    }
    double penalty = 0;
    for (int i = 0; i < w.length; i++) {
      penalty += w[i] * w[i];
    }
    return s / xs.length + 1e-3 * penalty;
  }

  /** Quadratic features of the points. */
  static double[][] features(double[][] points) {
    double[][] xs = new double[points.length][];
    for (int n = 0; n < points.length; n++) {
      double x = points[n][0];
      double y = points[n][1];
      xs[n] = new double[] {x, y, x * x, y * y, x * y};
    }
    return xs;
  }

  static float[][] toFloat(double[][] a) {
    float[][] f = new float[a.length][];
    for (int n = 0; n < a.length; n++) {
      f[n] = toFloat(a[n]);
    }
    return f;
  }

  static float[] toFloat(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }

  /** Weights then bias after {@code steps} of gradient descent in float. */
  static float[] trainFloat(float[][] xs, float[] ys, int steps, float rate) {
    float[] w = new float[FEATURES];
    float b = 0f;
    for (int step = 0; step < steps; step++) {
      var g = FloatLogisticGradients.loss(w, b, xs, ys);
      for (int i = 0; i < FEATURES; i++) {
        w[i] -= rate * g.dW()[i];
      }
      b -= rate * g.dB();
    }
    float[] wb = java.util.Arrays.copyOf(w, FEATURES + 1);
    wb[FEATURES] = b;
    return wb;
  }

  /** Weights then bias after {@code steps} of gradient descent in double. */
  static double[] trainDouble(double[][] xs, double[] ys, int steps, double rate) {
    double[] w = new double[FEATURES];
    double b = 0;
    for (int step = 0; step < steps; step++) {
      var g = FloatLogisticGradients.lossDouble(w, b, xs, ys);
      for (int i = 0; i < FEATURES; i++) {
        w[i] -= rate * g.dW()[i];
      }
      b -= rate * g.dB();
    }
    double[] wb = java.util.Arrays.copyOf(w, FEATURES + 1);
    wb[FEATURES] = b;
    return wb;
  }

  /** The share of points on the side of the boundary their label says. */
  static double accuracy(double[] wb, double[][] xs, double[] ys) {
    int right = 0;
    for (int n = 0; n < xs.length; n++) {
      double z = wb[FEATURES];
      for (int i = 0; i < FEATURES; i++) {
        z += wb[i] * xs[n][i];
      }
      right += (z > 0) == (ys[n] > 0.5) ? 1 : 0;
    }
    return (double) right / xs.length;
  }

  /** Trains both on one set and prints their accuracy on another. */
  public static void main(String[] args) {
    TwoMoons train = TwoMoons.generate(400, 0.12, 42);
    TwoMoons test = TwoMoons.generate(400, 0.12, 7);
    double[][] xs = features(train.points);
    double[][] testXs = features(test.points);
    float[] wbFloat = trainFloat(toFloat(xs), toFloat(train.labels), 2_000, 0.5f);
    double[] wbDouble = trainDouble(xs, train.labels, 2_000, 0.5);
    double[] widened = new double[wbFloat.length];
    for (int i = 0; i < widened.length; i++) {
      widened[i] = wbFloat[i];
    }
    System.out.printf("logistic regression, 2,000 steps: float %.2f%%, double %.2f%% on held-out"
        + " points%n", 100 * accuracy(widened, testXs, test.labels),
        100 * accuracy(wbDouble, testXs, test.labels));
  }
}
