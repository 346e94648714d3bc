package dev.leibniz.samples;

import dev.leibniz.check.FiniteDifferences;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains a {@link Network} with plain mini-batch stochastic gradient descent on the generated
 * gradient, and checks that gradient against finite differences first.
 */
final class Trainer {
  /** Small enough that the differences seldom cross a ReLU's kink at any of the points. */
  private static final double KINK_SAFE_STEP = 1e-6;

  private final Network network;
  private final double[][] xs;
  private final double[] ys;
  final List<Double> lossPerEpoch = new ArrayList<>();

  Trainer(Network network, TwoMoons data) {
    this.network = network;
    this.xs = data.points;
    this.ys = data.labels;
  }

  /**
   * The largest relative error |g − d| / max(|g|, |d|) of the generated gradient g of the
   * full-batch loss against central differences d, over every parameter with a gradient not
   * too small to compare (above 1e-7).
   */
  double gradientCheck() {
    NetworkGradients.Loss generated = network.lossAndGradient(xs, ys, 0, xs.length);
    List<double[]> parameters = rows(network.parameters());
    List<double[]> gradients = rows(gradientsOf(generated));
    double worst = 0;
    for (int r = 0; r < parameters.size(); r++) {
      double[] row = parameters.get(r);
      for (int i = 0; i < row.length; i++) {
        int index = i;
        double original = row[i];
        double numeric = FiniteDifferences.derivative(v -> {
          row[index] = v;
          return network.loss(xs, ys);
        }, original, KINK_SAFE_STEP);
        row[i] = original;
        double exact = gradients.get(r)[i];
        double scale = Math.max(Math.abs(exact), Math.abs(numeric));
        if (scale > 1e-7) {
          worst = Math.max(worst, Math.abs(exact - numeric) / scale);
        }
      }
    }
    return worst;
  }

  /** Runs {@code epochs} passes over the shuffled data in batches, reporting as it goes. */
  void train(int epochs, int batchSize, double learningRate, long seed) {
    var random = new Random(seed);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      shuffle(random);
      double total = 0;
      for (int from = 0; from < xs.length; from += batchSize) {
        int to = Math.min(from + batchSize, xs.length);
        NetworkGradients.Loss step = network.lossAndGradient(xs, ys, from, to);
        total += step.value() * (to - from);
        descend(gradientsOf(step), learningRate);
      }
      lossPerEpoch.add(total / xs.length);
      if (epoch == 1 || epoch % 25 == 0) {
        System.out.printf("epoch %4d   loss %.4f   accuracy %5.1f%%%n",
            epoch, total / xs.length, 100 * accuracy());
      }
    }
  }

  /** The share of points the network classifies correctly. */
  double accuracy() {
    int correct = 0;
    for (int n = 0; n < xs.length; n++) {
      boolean predicted = network.probability(xs[n][0], xs[n][1]) > 0.5;
      correct += predicted == (ys[n] > 0.5) ? 1 : 0;
    }
    return (double) correct / xs.length;
  }

  private void descend(List<Object> gradients, double learningRate) {
    List<double[]> parameters = rows(network.parameters());
    List<double[]> steps = rows(gradients);
    for (int r = 0; r < parameters.size(); r++) {
      double[] row = parameters.get(r);
      double[] g = steps.get(r);
      for (int i = 0; i < row.length; i++) {
        row[i] -= learningRate * g[i];
      }
    }
  }

  private void shuffle(Random random) {
    for (int i = xs.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double[] point = xs[i];
      xs[i] = xs[j];
      xs[j] = point;
      double label = ys[i];
      ys[i] = ys[j];
      ys[j] = label;
    }
  }

  private static List<Object> gradientsOf(NetworkGradients.Loss g) {
    return List.of(g.dW1(), g.dB1(), g.dW2(), g.dB2(), g.dW3(), g.dB3());
  }

  /** Every parameter array as rows of numbers: a matrix gives its rows, a vector itself. */
  private static List<double[]> rows(List<Object> arrays) {
    var rows = new ArrayList<double[]>();
    for (Object array : arrays) {
      if (array instanceof double[][] matrix) {
        rows.addAll(List.of(matrix));
      } else {
        rows.add((double[]) array);
      }
    }
    return rows;
  }
}
