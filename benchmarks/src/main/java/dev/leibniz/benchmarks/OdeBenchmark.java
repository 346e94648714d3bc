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
 * GradBench's {@code ode} with n = 100 and 100 Runge–Kutta steps: the primal, the record API,
 * the pullback with and without a reused {@link Workspace}, and the hand-written adjoint of
 * {@link GradBenchAdjoints}, which keeps one state per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OdeBenchmark {
  final int steps = 100;
  final double[] x = new Random(21).doubles(size(), 0.5, 1.5).toArray();
  final double[] dX = new double[x.length];
  final double[] states = new double[steps * x.length];
  final double[] scratch = new double[10 * x.length];
  final Workspace workspace = new Workspace();

  int size() {
    return 100;
  }

  @Benchmark
  public double primal() {
    return GradBench.ode(x, steps);
  }

  @Benchmark
  public Object record() {
    return GradBenchGradients.ode(x, steps);
  }

  @Benchmark
  public double pullback() {
    Arrays.fill(dX, 0);
    return GradBenchGradients.odePullback(x, steps, 1.0, dX);
  }

  @Benchmark
  public double pullbackWorkspace() {
    Arrays.fill(dX, 0);
    return GradBenchGradients.odePullback(x, steps, 1.0, dX, workspace);
  }

  @Benchmark
  public double handWritten() {
    Arrays.fill(dX, 0);
    return GradBenchAdjoints.ode(x, steps, dX, states, scratch);
  }
}
