package dev.leibniz.samples;

import java.util.Random;

/** The two-moons classification set: two interleaved half circles with Gaussian noise. */
final class TwoMoons {
  final double[][] points;
  final double[] labels;

  private TwoMoons(double[][] points, double[] labels) {
    this.points = points;
    this.labels = labels;
  }

  static TwoMoons generate(int count, double noise, long seed) {
    var random = new Random(seed);
    double[][] points = new double[count][2];
    double[] labels = new double[count];
    for (int i = 0; i < count; i++) {
      boolean upper = i % 2 == 0;
      double angle = Math.PI * random.nextDouble();
      double x = upper ? Math.cos(angle) : 1 - Math.cos(angle);
      double y = upper ? Math.sin(angle) : 0.5 - Math.sin(angle);
      points[i][0] = x + noise * random.nextGaussian();
      points[i][1] = y + noise * random.nextGaussian();
      labels[i] = upper ? 0 : 1;
    }
    return new TwoMoons(points, labels);
  }
}
