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
 * GradBench's {@code llsq} with 16 coefficients and 1,024 points, in the five variants of
 * {@link OdeBenchmark}; the hand-written adjoint is one pass with no saving.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LlsqBenchmark {
  static final int POINTS = 1024;
  final double[] x = new Random(22).doubles(16, -1, 1).toArray();
  final double[] dX = new double[x.length];
  final Workspace workspace = new Workspace();

  @Benchmark
  public double primal() {
    return GradBench.llsq(x, POINTS);
  }

  @Benchmark
  public Object record() {
    return GradBenchGradients.llsq(x, POINTS);
  }

  @Benchmark
  public double pullback() {
    Arrays.fill(dX, 0);
    return GradBenchGradients.llsqPullback(x, POINTS, 1.0, dX);
  }

  @Benchmark
  public double pullbackWorkspace() {
    Arrays.fill(dX, 0);
    return GradBenchGradients.llsqPullback(x, POINTS, 1.0, dX, workspace);
  }

  @Benchmark
  public double handWritten() {
    Arrays.fill(dX, 0);
    return GradBenchAdjoints.llsq(x, POINTS, dX);
  }
}
