package dev.leibniz.benchmarks;

import dev.leibniz.Workspace;
import java.util.Arrays;
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
 * 200 RK4 steps of Lotka–Volterra whose rate function fills its output array, differentiated
 * in the four parameters and the initial state: the primal, the pullback with a reused
 * {@link Workspace}, and the hand-written adjoint of {@link ArrayAdjoints}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Rk4Benchmark {
  static final int STEPS = 200;
  final double[] p = {1.1, 0.4, 0.4, 0.1};
  final double[] y0 = {10, 5};
  final double[] dP = new double[4];
  final double[] dY0 = new double[2];
  final double[] states = new double[8 * STEPS];
  final Workspace workspace = new Workspace();

  @Benchmark
  public double primal() {
    return ArrayProblems.rk4(p, y0, 0.01, STEPS);
  }

  @Benchmark
  public double pullbackWorkspace() {
    Arrays.fill(dP, 0);
    Arrays.fill(dY0, 0);
    return ArrayProblemsGradients.rk4Pullback(p, y0, 0.01, STEPS, 1.0, dP, dY0, workspace);
  }

  @Benchmark
  public double handWritten() {
    Arrays.fill(dP, 0);
    Arrays.fill(dY0, 0);
    return ArrayAdjoints.rk4(p, y0, 0.01, STEPS, dP, dY0, states);
  }
}
