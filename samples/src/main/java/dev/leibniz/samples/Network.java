package dev.leibniz.samples;

import dev.leibniz.Differentiable;
import dev.leibniz.NoDerivative;
import dev.leibniz.samples.model.Activation;
import dev.leibniz.samples.model.Activations;
import dev.leibniz.samples.model.Layers;
import dev.leibniz.samples.model.Losses;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A small classifier of points in the plane, f(X) = Dense3(Dense2(Dense1(X))): a ReLU layer, a
 * tanh layer and one sigmoid output, built from the differentiable pieces in
 * {@link dev.leibniz.samples.model} and trained with the gradient Leibniz writes for
 * {@link #loss}, which flows through every one of them. It is written as Java is: the loss a
 * stream over the points, each layer's activation an {@link Activation} chosen by a switch.
 */
public final class Network {
  /** The activation of the first hidden layer. */
  static final Activation HIDDEN = Activation.RELU;
  /** The activation of the second hidden layer. */
  static final Activation SECOND = Activation.TANH;

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

  /** The mean logistic loss of the output's logit over the points {@code from} to {@code to - 1}. */
  @Differentiable
  public static double loss(double[][] w1, double[] b1, double[][] w2, double[] b2, double[] w3,
      double[] b3, @NoDerivative double[][] xs, @NoDerivative double[] ys,
      int from, int to) {
    return IntStream.range(from, to)
        .mapToDouble(n -> Losses.logisticLoss(logit(w1, b1, w2, b2, w3, b3, xs[n]), ys[n]))
        .sum() / (to - from);
  }

  /** The output unit's logit for the point {@code x}. */
  @Differentiable
  public static double logit(double[][] w1, double[] b1, double[][] w2, double[] b2, double[] w3,
      double[] b3, @NoDerivative double[] x) {
    double[] h1 = new double[b1.length];
    for (int i = 0; i < b1.length; i++) {
      h1[i] = Activations.apply(HIDDEN, Layers.affine(w1[i], b1[i], x));
    }
    double[] h2 = new double[b2.length];
    for (int i = 0; i < b2.length; i++) {
      h2[i] = Activations.apply(SECOND, Layers.affine(w2[i], b2[i], h1));
    }
    return Layers.affine(w3, b3[0], h2);
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
    return Activations.sigmoid(logit(w1, b1, w2, b2, w3, b3, new double[] {x, y}));
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
