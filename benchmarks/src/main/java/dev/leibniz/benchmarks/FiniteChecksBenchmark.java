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
 * What {@code -Aleibniz.checkFinite=true} costs: the pullbacks of the same two functions
 * compiled without the option ({@link Problems}) and with it ({@link CheckedProblems}), with a
 * reused workspace, in one run. Log-sum-exp over 10,000 values checks two values and one
 * adjoint per element; the Asian call over 252 steps, five values and four adjoints per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FiniteChecksBenchmark {
  final double[] x = new Random(4).doubles(10_000, -3, 3).toArray();
  final double[] dX = new double[x.length];
  final double[] z = new Random(5).doubles(252).map(u -> u - 0.5).toArray();
  final double[] greeks = new double[3];
  final Workspace workspace = new Workspace();

  @Benchmark
  public double logSumExpPrimal() {
    return Problems.logSumExp(x);
  }

  @Benchmark
  public double logSumExpUnchecked() {
    Arrays.fill(dX, 0);
    return ProblemsGradients.logSumExpPullback(x, 1.0, dX, workspace);
  }

  @Benchmark
  public double logSumExpChecked() {
    Arrays.fill(dX, 0);
    return CheckedProblemsGradients.logSumExpPullback(x, 1.0, dX, workspace);
  }

  @Benchmark
  public double asianCallPrimal() {
    return Problems.asianCall(100, 0.03, 0.2, 100, 1.0 / 252, z);
  }

  @Benchmark
  public double asianCallUnchecked() {
    Arrays.fill(greeks, 0);
    return ProblemsGradients.asianCallPullback(100, 0.03, 0.2, 100, 1.0 / 252, z, 1.0, greeks,
        workspace);
  }

  @Benchmark
  public double asianCallChecked() {
    Arrays.fill(greeks, 0);
    return CheckedProblemsGradients.asianCallPullback(100, 0.03, 0.2, 100, 1.0 / 252, z, 1.0,
        greeks, workspace);
  }
}
