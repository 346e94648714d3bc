package dev.leibniz.benchmarks;

import dev.leibniz.samples.BlackScholes;
import dev.leibniz.samples.BlackScholesGradients;
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
 * The Black-Scholes price of a call with all five sensitivities, through calls of a normal
 * CDF written with a library's erf.
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
public class BlackScholesBenchmark {
  double spot = 100;
  final double[] d = new double[5];
  final Workspace workspace = new Workspace();

  @Benchmark
  public double primal() {
    return BlackScholes.call(spot, 95, 0.5, 0.03, 0.2);
  }

  @Benchmark
  public Object record() {
    return BlackScholesGradients.call(spot, 95, 0.5, 0.03, 0.2);
  }

  @Benchmark
  public double pullback() {
    Arrays.fill(d, 0);
    return BlackScholesGradients.callPullback(spot, 95, 0.5, 0.03, 0.2, 1.0, d);
  }

  @Benchmark
  public double pullbackWorkspace() {
    Arrays.fill(d, 0);
    return BlackScholesGradients.callPullback(spot, 95, 0.5, 0.03, 0.2, 1.0, d, workspace);
  }

  @Benchmark
  public double handWritten() {
    Arrays.fill(d, 0);
    return Adjoints.blackScholes(spot, 95, 0.5, 0.03, 0.2, d);
  }

  /** Forward mode: delta, as the derivative along the spot. */
  @Benchmark
  public double pushforward() {
    return BlackScholesGradients.callPushforward(spot, 95, 0.5, 0.03, 0.2, 1, 0, 0, 0, 0)
        .tangent();
  }
}
