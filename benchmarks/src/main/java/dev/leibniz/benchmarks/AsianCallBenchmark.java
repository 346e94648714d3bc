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
 * A Monte Carlo path of 252 daily steps pricing an Asian call, with its pathwise delta, rho
 * and vega.
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
public class AsianCallBenchmark {
  final double[] z = new Random(2).doubles(252, -2, 2).toArray();
  final double[] d = new double[3];
  final double[] path = new double[z.length];
  final double[] growth = new double[z.length];
  final Workspace workspace = new Workspace();
  double spot = 100;

  @Benchmark
  public double primal() {
    return Problems.asianCall(spot, 0.03, 0.2, 95, 1 / 252.0, z);
  }

  @Benchmark
  public Object record() {
    return ProblemsGradients.asianCall(spot, 0.03, 0.2, 95, 1 / 252.0, z);
  }

  @Benchmark
  public double pullback() {
    Arrays.fill(d, 0);
    return ProblemsGradients.asianCallPullback(spot, 0.03, 0.2, 95, 1 / 252.0, z, 1.0, d);
  }

  @Benchmark
  public double pullbackWorkspace() {
    Arrays.fill(d, 0);
    return ProblemsGradients.asianCallPullback(spot, 0.03, 0.2, 95, 1 / 252.0, z, 1.0, d,
        workspace);
  }

  @Benchmark
  public double handWritten() {
    Arrays.fill(d, 0);
    return Adjoints.asianCall(spot, 0.03, 0.2, 95, 1 / 252.0, z, d, path, growth);
  }
}
