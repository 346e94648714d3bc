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
 * log Σ exp(x[i]) over 10,000 values, computed stably.
 *
 * <p>In one run: the primal, the record API, the pullback into caller-provided adjoints (zeroed
 * per call), the pullback with a reused {@link Workspace}, and the hand-written adjoint of
 * {@link Adjoints}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LogSumExpBenchmark {
  final double[] x = new Random(4).doubles(10_000, -3, 3).toArray();
  final double[] dX = new double[x.length];
  final double[] exps = new double[x.length];
  final Workspace workspace = new Workspace();

  @Benchmark
  public double primal() {
    return Problems.logSumExp(x);
  }

  @Benchmark
  public Object record() {
    return ProblemsGradients.logSumExp(x);
  }

  @Benchmark
  public double pullback() {
    Arrays.fill(dX, 0);
    return ProblemsGradients.logSumExpPullback(x, 1.0, dX);
  }

  @Benchmark
  public double pullbackWorkspace() {
    Arrays.fill(dX, 0);
    return ProblemsGradients.logSumExpPullback(x, 1.0, dX, workspace);
  }

  @Benchmark
  public double handWritten() {
    Arrays.fill(dX, 0);
    return Adjoints.logSumExp(x, dX, exps);
  }
}
