package dev.leibniz.benchmarks;

import java.util.Arrays;
import java.util.Random;

/** The weights of {@link Problems#denseLoss}, one input, and adjoint arrays to add into. */
final class DenseNetwork {
  final double[][] w1;
  final double[] b1;
  final double[][] w2;
  final double[] b2;
  final double[] w3;
  final double b3 = 0.1;
  final double[] x;
  final double[] scalars = new double[1];
  final double[][] dW1 = new double[32][16];
  final double[] dB1 = new double[32];
  final double[][] dW2 = new double[32][32];
  final double[] dB2 = new double[32];
  final double[] dW3 = new double[32];

  DenseNetwork(long seed) {
    var random = new Random(seed);
    w1 = matrix(random, 32, 16);
    b1 = vector(random, 32);
    w2 = matrix(random, 32, 32);
    b2 = vector(random, 32);
    w3 = vector(random, 32);
    x = vector(random, 16);
  }

  /** Zeroes the adjoints, as a caller wanting a fresh gradient does before each call. */
  void zero() {
    scalars[0] = 0;
    zeroRows(dW1);
    zeroRows(dW2);
    Arrays.fill(dB1, 0);
    Arrays.fill(dB2, 0);
    Arrays.fill(dW3, 0);
  }

  /** Zeroes every row of {@code matrix}, allocating nothing. */
  static void zeroRows(double[][] matrix) {
    for (double[] row : matrix) {
      Arrays.fill(row, 0);
    }
  }

  static double[] vector(Random random, int n) {
    return random.doubles(n, -0.5, 0.5).toArray();
  }

  static double[][] matrix(Random random, int rows, int columns) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = vector(random, columns);
    }
    return m;
  }
}
