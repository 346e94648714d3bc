package dev.leibniz.benchmarks;

import java.util.Arrays;
import java.util.Random;

/**
 * The weights of the samples' 2-16-16-1 network, a batch of 32 labelled points, and adjoint
 * arrays to add into.
 */
final class SampleNetwork {
  final double[][] w1;
  final double[] b1;
  final double[][] w2;
  final double[] b2;
  final double[] w3;
  final double[] b3 = {0.05};
  final double[][] xs;
  final double[] ys = new double[32];
  final double[][] dW1 = new double[16][2];
  final double[] dB1 = new double[16];
  final double[][] dW2 = new double[16][16];
  final double[] dB2 = new double[16];
  final double[] dW3 = new double[16];
  final double[] dB3 = new double[1];

  SampleNetwork() {
    var random = new Random(5);
    w1 = DenseNetwork.matrix(random, 16, 2);
    b1 = DenseNetwork.vector(random, 16);
    w2 = DenseNetwork.matrix(random, 16, 16);
    b2 = DenseNetwork.vector(random, 16);
    w3 = DenseNetwork.vector(random, 16);
    xs = DenseNetwork.matrix(random, 32, 2);
    for (int i = 0; i < ys.length; i++) {
      ys[i] = i % 2;
    }
  }

  /** Zeroes the adjoints, as a caller wanting a fresh gradient does before each call. */
  void zero() {
    DenseNetwork.zeroRows(dW1);
    DenseNetwork.zeroRows(dW2);
    Arrays.fill(dB1, 0);
    Arrays.fill(dB2, 0);
    Arrays.fill(dW3, 0);
    dB3[0] = 0;
  }
}
