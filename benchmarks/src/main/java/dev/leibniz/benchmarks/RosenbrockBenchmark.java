package dev.leibniz.benchmarks;

import dev.leibniz.samples.Rosenbrock;
import dev.leibniz.samples.RosenbrockGradients;
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
 * Rosenbrock's function of 1,000 variables: a loop over neighbouring pairs.
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
public class RosenbrockBenchmark {
  final double[] x = new Random(1).doubles(1000, -2, 2).toArray();
  final double[] dX = new double[x.length];
  final Workspace workspace = new Workspace();

  @Benchmark
  public double primal() {
    return Rosenbrock.value(x);
  }

  @Benchmark
  public Object record() {
    return RosenbrockGradients.value(x);
  }

  @Benchmark
  public double pullback() {
    Arrays.fill(dX, 0);
    return RosenbrockGradients.valuePullback(x, 1.0, dX);
  }

  @Benchmark
  public double pullbackWorkspace() {
    Arrays.fill(dX, 0);
    return RosenbrockGradients.valuePullback(x, 1.0, dX, workspace);
  }

  @Benchmark
  public double handWritten() {
    Arrays.fill(dX, 0);
    return Adjoints.rosenbrock(x, dX);
  }

  final double[] direction = new Random(2).doubles(1000, -1, 1).toArray();

  /** Forward mode: the derivative along one direction, one sweep. */
  @Benchmark
  public double pushforward() {
    return RosenbrockGradients.valuePushforward(x, direction).tangent();
  }
}
