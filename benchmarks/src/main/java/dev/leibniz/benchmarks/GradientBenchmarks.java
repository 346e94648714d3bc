package dev.leibniz.benchmarks;

import dev.leibniz.samples.BlackScholes;
import dev.leibniz.samples.BlackScholesGradients;
import dev.leibniz.samples.Network;
import dev.leibniz.samples.NetworkGradients;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each function's primal, its generated gradient (the record-returning method and the pullback
 * with caller-provided adjoints), and a hand-written adjoint, in one run, so that ratios can be
 * read off: gradient / primal and generated / hand-written. Run with {@code -prof gc} for the
 * bytes allocated per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GradientBenchmarks {
  @Param({"256"})
  int length;

  double[] w;
  double[] x;
  double[] dW;
  double[] dX;
  double[] scalars = new double[5];
  double spot = 100;

  /** A 2-16-16-1 network and a batch of 32 points, with its adjoint arrays. */
  double[][] w1 = matrix(16, 2);
  double[] b1 = new double[16];
  double[][] w2 = matrix(16, 16);
  double[] b2 = new double[16];
  double[] w3 = matrix(1, 16)[0];
  double[] b3 = new double[1];
  double[][] points = matrix(32, 2);
  double[] labels = new double[32];
  double[][] dW1 = new double[16][2];
  double[] dB1 = new double[16];
  double[][] dW2 = new double[16][16];
  double[] dB2 = new double[16];
  double[] dW3 = new double[16];
  double[] dB3 = new double[1];

  @Setup
  public void setUp() {
    var random = new Random(1);
    w = random.doubles(length, -1, 1).toArray();
    x = random.doubles(length, -1, 1).toArray();
    dW = new double[length];
    dX = new double[length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 2;
    }
  }

  private static double[][] matrix(int rows, int columns) {
    var random = new Random(rows * 31L + columns);
    double[][] m = new double[rows][columns];
    for (double[] row : m) {
      for (int j = 0; j < columns; j++) {
        row[j] = random.nextGaussian() * 0.5;
      }
    }
    return m;
  }

  @Benchmark
  public double networkLossPrimal() {
    return Network.loss(w1, b1, w2, b2, w3, b3, points, labels, 0, points.length);
  }

  @Benchmark
  public double networkLossPullback() {
    return NetworkGradients.lossPullback(w1, b1, w2, b2, w3, b3, points, labels, 0,
        points.length, 1.0, dW1, dB1, dW2, dB2, dW3, dB3);
  }

  @Benchmark
  public double dotPrimal() {
    return Kernels.dot(w, x);
  }

  @Benchmark
  public double dotPullback() {
    return KernelsGradients.dotPullback(w, x, 1.0, dW, dX);
  }

  @Benchmark
  public double dotHandWritten() {
    return Kernels.dotAdjoint(w, x, dW, dX);
  }

  @Benchmark
  public Object dotGradient() {
    return KernelsGradients.dot(w, x);
  }

  @Benchmark
  public double neuronPrimal() {
    return Kernels.neuron(w[0], x[0], w[1], x[1], w[2]);
  }

  @Benchmark
  public double neuronPullback() {
    return KernelsGradients.neuronPullback(w[0], x[0], w[1], x[1], w[2], 1.0, scalars);
  }

  @Benchmark
  public double neuronHandWritten() {
    return Kernels.neuronAdjoint(w[0], x[0], w[1], x[1], w[2], scalars);
  }

  @Benchmark
  public double blackScholesPrimal() {
    return BlackScholes.call(spot, 95, 0.5, 0.03, 0.2);
  }

  @Benchmark
  public double blackScholesPullback() {
    return BlackScholesGradients.callPullback(spot, 95, 0.5, 0.03, 0.2, 1.0, scalars);
  }

  @Benchmark
  public Object blackScholesGreeks() {
    return BlackScholesGradients.call(spot, 95, 0.5, 0.03, 0.2);
  }
}
