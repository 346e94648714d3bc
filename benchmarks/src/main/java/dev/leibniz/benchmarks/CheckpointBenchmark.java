package dev.leibniz.benchmarks;

import dev.leibniz.Workspace;
import dev.leibniz.samples.HeatEquation;
import dev.leibniz.samples.HeatEquationGradients;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The samples' heat equation (102 points, 20,000 steps) under budgets of 100 %, 10 % and 1 % of
 * what its gradient keeps without one, against its primal and the gradient without a budget:
 * what binomial checkpointing costs in time for the memory it saves.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CheckpointBenchmark {
  private static final int STEPS = 20_000;
  final double[] initial = HeatEquation.initial(102);
  final double[] target = HeatEquation.target(102);
  final double[] dScalars = new double[2];
  final double[] dInitial = new double[102];
  final double[] dTarget = new double[102];
  final Workspace unbounded = new Workspace();
  Workspace whole;
  Workspace tenth;
  Workspace hundredth;

  /** Budgets as fractions of what the gradient holds without one, measured once. */
  @Setup(Level.Trial)
  public void measure() {
    var measuring = new Workspace(Long.MAX_VALUE - 1);
    pullback(measuring);
    long need = measuring.peakBytes();
    whole = new Workspace(need);
    tenth = new Workspace(need / 10);
    hundredth = new Workspace(need / 100);
  }

  @Benchmark
  public double primal() {
    return HeatEquation.mismatch(0.2, 1e-6, initial, target, STEPS);
  }

  @Benchmark
  public double pullbackWorkspace() {
    return pullback(unbounded);
  }

  @Benchmark
  public double budgetWhole() {
    return pullback(whole);
  }

  @Benchmark
  public double budgetTenth() {
    return pullback(tenth);
  }

  @Benchmark
  public double budgetHundredth() {
    return pullback(hundredth);
  }

  private double pullback(Workspace workspace) {
    Arrays.fill(dScalars, 0);
    return HeatEquationGradients.mismatchPullback(0.2, 1e-6, initial, target, STEPS, 1.0,
        dScalars, dInitial, dTarget, workspace);
  }
}
