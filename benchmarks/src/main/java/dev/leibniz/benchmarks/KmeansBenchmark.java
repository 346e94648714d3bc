package dev.leibniz.benchmarks;

import dev.leibniz.Workspace;
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
 * GradBench's {@code kmeans} objective for 16 centroids of 8 dimensions over 1,000 points, in
 * the five variants of {@link OdeBenchmark}; the hand-written adjoint is one pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KmeansBenchmark {
  final double[][] c = matrix(new Random(23), 16, 8);
  final double[][] p = matrix(new Random(24), 1000, 8);
  final double[][] dC = new double[16][8];
  final Workspace workspace = new Workspace();

  static double[][] matrix(Random random, int rows, int columns) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = random.doubles(columns, -1, 1).toArray();
    }
    return m;
  }

  private void clear() {
    for (double[] row : dC) {
      java.util.Arrays.fill(row, 0);
    }
  }

  @Benchmark
  public double primal() {
    return GradBench.kmeans(c, p);
  }

  @Benchmark
  public Object record() {
    return GradBenchGradients.kmeans(c, p);
  }

  @Benchmark
  public double pullback() {
    clear();
    return GradBenchGradients.kmeansPullback(c, p, 1.0, dC);
  }

  @Benchmark
  public double pullbackWorkspace() {
    clear();
    return GradBenchGradients.kmeansPullback(c, p, 1.0, dC, workspace);
  }

  @Benchmark
  public double handWritten() {
    clear();
    return GradBenchAdjoints.kmeans(c, p, dC);
  }
}
