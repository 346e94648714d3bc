package dev.leibniz.benchmarks;

import dev.leibniz.Workspace;
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
 * Chebyshev's T_12(x) by its recurrence, recursively: 233 calls of the method per
 * evaluation.
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
public class ChebyshevBenchmark {
  double x = 0.3;
  final double[] d = new double[1];
  final Workspace workspace = new Workspace();

  @Benchmark
  public double primal() {
    return Problems.chebyshev(12, x);
  }

  @Benchmark
  public Object record() {
    return ProblemsGradients.chebyshev(12, x);
  }

  @Benchmark
  public double pullback() {
    d[0] = 0;
    return ProblemsGradients.chebyshevPullback(12, x, 1.0, d);
  }

  @Benchmark
  public double pullbackWorkspace() {
    d[0] = 0;
    return ProblemsGradients.chebyshevPullback(12, x, 1.0, d, workspace);
  }

  @Benchmark
  public double pushforward() {
    return ProblemsGradients.chebyshevPushforward(12, x, 1.0).tangent();
  }

  @Benchmark
  public double handWritten() {
    d[0] = 0;
    return Adjoints.chebyshev(12, x, d);
  }
}
