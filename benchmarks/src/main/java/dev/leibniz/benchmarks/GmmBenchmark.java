package dev.leibniz.benchmarks;

import dev.leibniz.Workspace;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GradBench's {@code gmm} at the size its published runs use most (d = 10, K = 25, n = 1,000),
 * in the five variants of {@link OdeBenchmark}; the hand-written adjoint is one pass over the
 * points.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GmmBenchmark {
  static final int D = 10;
  static final int K = 25;
  static final int N = 1000;
  final Mixture mixture = Mixture.random(new Random(23), D, K, N);
  final double[] dAlphas = new double[K];
  final double[][] dMeans = new double[K][D];
  final double[][] dIcf = new double[K][D * (D + 1) / 2];
  final double[] scratch = new double[2 * K * D + 2 * K];
  final Workspace workspace = new Workspace();

  /** The parameters and data of a mixture problem. */
  record Mixture(double[] alphas, double[][] means, double[][] icf, double[][] x, double gamma,
      int m) {
    static Mixture random(Random random, int d, int k, int n) {
      return new Mixture(random.doubles(k, -1, 1).toArray(), matrix(random, k, d, 1),
          matrix(random, k, d * (d + 1) / 2, 0.3), matrix(random, n, d, 1), 1.0, 0);
    }

    private static double[][] matrix(Random random, int rows, int columns, double scale) {
      double[][] m = new double[rows][];
      for (int i = 0; i < rows; i++) {
        m[i] = random.doubles(columns, -scale, scale).toArray();
      }
      return m;
    }
  }

  @Benchmark
  public double primal() {
    return GradBench.gmm(mixture.alphas, mixture.means, mixture.icf, mixture.x, mixture.gamma,
        mixture.m);
  }

  @Benchmark
  public Object record() {
    return GradBenchGradients.gmm(mixture.alphas, mixture.means, mixture.icf, mixture.x,
        mixture.gamma, mixture.m);
  }

  @Benchmark
  public double pullback() {
    zero();
    return GradBenchGradients.gmmPullback(mixture.alphas, mixture.means, mixture.icf,
        mixture.x, mixture.gamma, mixture.m, 1.0, dAlphas, dMeans, dIcf);
  }

  @Benchmark
  public double pullbackWorkspace() {
    zero();
    return GradBenchGradients.gmmPullback(mixture.alphas, mixture.means, mixture.icf,
        mixture.x, mixture.gamma, mixture.m, 1.0, dAlphas, dMeans, dIcf, workspace);
  }

  @Benchmark
  public double handWritten() {
    zero();
    return GradBenchAdjoints.gmm(mixture.alphas, mixture.means, mixture.icf, mixture.x,
        mixture.gamma, mixture.m, dAlphas, dMeans, dIcf, scratch);
  }

  private void zero() {
    Arrays.fill(dAlphas, 0);
    for (int c = 0; c < K; c++) {
      Arrays.fill(dMeans[c], 0);
      Arrays.fill(dIcf[c], 0);
    }
  }
}
