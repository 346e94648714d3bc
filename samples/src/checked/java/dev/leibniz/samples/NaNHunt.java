package dev.leibniz.samples;

import dev.leibniz.Differentiable;
import dev.leibniz.NoDerivative;
import dev.leibniz.NonFiniteException;
import java.util.Random;

/**
 * Where a NaN gradient comes from. A small classifier of the two moons (one hidden ReLU layer,
 * a sigmoid output) is written first with two mistakes that are easy to make: a penalty on the
 * norm of the biases, {@code Math.sqrt} of a sum of squares that is 0 while the biases are, and
 * a cross-entropy computed as {@code Math.log(1 - p)}, which is {@code log(0)} as soon as the
 * network is sure enough of a point that {@code p} rounds to 1 (a logit past 37: here the output
 * weights are drawn a little wide, so some points start there). This file is compiled with
 * {@code -Aleibniz.checkFinite=true} (see the samples' pom), so the first number that is not
 * finite throws a {@link NonFiniteException} naming its line, expression and operands.
 */
public final class NaNHunt {
  static final int HIDDEN = 8;
  static final double DECAY = 1e-3;

  private NaNHunt() {}

  /** The logit c + Σⱼ vⱼ relu(wⱼ · x + bⱼ); row j of the hidden layer is w[2j], w[2j + 1]. */
  @Differentiable
  public static double logit(double[] w, double[] b, double[] v, double c,
      @NoDerivative double[] x) {
    double z = c;
    for (int j = 0; j < b.length; j++) {
      z += v[j] * Math.max(0, w[2 * j] * x[0] + w[2 * j + 1] * x[1] + b[j]);
    }
    return z;
  }

  /** Mistake 2: the cross-entropy from probabilities, log(1 − p) where p may round to 1. */
  @Differentiable
  public static double naiveCrossEntropy(double[] w, double[] b, double[] v, double c,
      @NoDerivative double[][] xs, @NoDerivative double[] ys) {
    double total = 0;
    for (int n = 0; n < xs.length; n++) {
      double p = 1 / (1 + Math.exp(-logit(w, b, v, c, xs[n])));
      total -= ys[n] * Math.log(p) + (1 - ys[n]) * Math.log(1 - p);
    }
    return total / xs.length;
  }

  /** The fix: from the logit z, log(1 + e^z) − y z, written so that e^z never overflows. */
  @Differentiable
  public static double crossEntropy(double[] w, double[] b, double[] v, double c,
      @NoDerivative double[][] xs, @NoDerivative double[] ys) {
    double total = 0;
    for (int n = 0; n < xs.length; n++) {
      double z = logit(w, b, v, c, xs[n]);
      total += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - ys[n] * z;
    }
    return total / xs.length;
  }

  /** Σ bⱼ². */
  @Differentiable
  public static double squaredNorm(double[] b) {
    double s = 0;
    for (double e : b) {
      s += e * e;
    }
    return s;
  }

  /** As first written: mistake 1 is the penalty's square root of a norm that starts at 0. */
  @Differentiable
  public static double naiveLoss(double[] w, double[] b, double[] v, double c,
      @NoDerivative double[][] xs, @NoDerivative double[] ys) {
    return naiveCrossEntropy(w, b, v, c, xs, ys) + DECAY * Math.sqrt(squaredNorm(b));
  }

  /** With the penalty fixed (the squared norm, smooth at 0); the cross-entropy not yet. */
  @Differentiable
  public static double halfFixedLoss(double[] w, double[] b, double[] v, double c,
      @NoDerivative double[][] xs, @NoDerivative double[] ys) {
    return naiveCrossEntropy(w, b, v, c, xs, ys) + DECAY * squaredNorm(b);
  }

  /** Both fixed. */
  @Differentiable
  public static double fixedLoss(double[] w, double[] b, double[] v, double c,
      @NoDerivative double[][] xs, @NoDerivative double[] ys) {
    return crossEntropy(w, b, v, c, xs, ys) + DECAY * squaredNorm(b);
  }

  static final int EPOCHS = 500;
  static final double RATE = 0.5;

  /** Trains with each loss in turn: what goes wrong, then what the fixes give. */
  public static void main(String[] args) {
    TwoMoons data = TwoMoons.generate(200, 0.1, 3);
    String[] versions = {"As first written:", "With the penalty fixed:", "Both fixed:"};
    for (int version = 1; version <= 3; version++) {
      System.out.println(versions[version - 1]);
      try {
        System.out.printf("   loss after %d epochs: %.4f%n", EPOCHS, train(version, data));
      } catch (NonFiniteException e) {
        System.out.println("   " + e.getMessage());
      }
    }
  }

  /**
   * Full-batch gradient descent on loss {@code version}: 1 as first written, 2 with the
   * penalty fixed, 3 with both fixed.
   *
   * @return the loss of the last epoch
   */
  static double train(int version, TwoMoons data) {
    var random = new Random(11);
    double[] w = new double[2 * HIDDEN];
    double[] v = new double[HIDDEN];
    for (int j = 0; j < HIDDEN; j++) {
      w[2 * j] = random.nextGaussian();
      w[2 * j + 1] = random.nextGaussian();
      v[j] = 8 * random.nextGaussian();
    }
    double[] b = new double[HIDDEN];
    double[] c = {0};
    double[] gradient = new double[2 * HIDDEN + 2 * HIDDEN + 1];
    double loss = Double.NaN;
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
      loss = gradient(version, w, b, v, c[0], data, gradient);
      int k = 0;
      for (double[] parameters : new double[][] {w, b, v, c}) {
        for (int i = 0; i < parameters.length; i++) {
          parameters[i] -= RATE * gradient[k++];
        }
      }
    }
    return loss;
  }

  /** The loss, and its gradient in {@code out}: w, b, v, then c. */
  private static double gradient(int version, double[] w, double[] b, double[] v, double c,
      TwoMoons data, double[] out) {
    double[][] xs = data.points;
    double[] ys = data.labels;
    double[] scalars = new double[1];
    double[] dW = new double[w.length];
    double[] dB = new double[b.length];
    double[] dV = new double[v.length];
    double value = switch (version) {
      case 1 -> NaNHuntGradients.naiveLossPullback(w, b, v, c, xs, ys, 1, scalars, dW, dB, dV);
      case 2 -> NaNHuntGradients.halfFixedLossPullback(w, b, v, c, xs, ys, 1, scalars, dW, dB,
          dV);
      default -> NaNHuntGradients.fixedLossPullback(w, b, v, c, xs, ys, 1, scalars, dW, dB, dV);
    };
    System.arraycopy(dW, 0, out, 0, dW.length);
    System.arraycopy(dB, 0, out, dW.length, dB.length);
    System.arraycopy(dV, 0, out, dW.length + dB.length, dV.length);
    out[out.length - 1] = scalars[0];
    return value;
  }
}
