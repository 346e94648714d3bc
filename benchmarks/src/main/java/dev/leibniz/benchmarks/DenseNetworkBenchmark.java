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
 * A dense 16-32-32-1 network's squared error, written as one method with nested loops.
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
public class DenseNetworkBenchmark {
  final DenseNetwork net = new DenseNetwork(3);
  final Workspace workspace = new Workspace();

  @Benchmark
  public double primal() {
    return Problems.denseLoss(net.w1, net.b1, net.w2, net.b2, net.w3, net.b3, net.x, 0.5);
  }

  @Benchmark
  public Object record() {
    return ProblemsGradients.denseLoss(net.w1, net.b1, net.w2, net.b2, net.w3, net.b3, net.x,
        0.5);
  }

  @Benchmark
  public double pullback() {
    net.zero();
    return ProblemsGradients.denseLossPullback(net.w1, net.b1, net.w2, net.b2, net.w3, net.b3,
        net.x, 0.5, 1.0, net.scalars, net.dW1, net.dB1, net.dW2, net.dB2, net.dW3);
  }

  @Benchmark
  public double pullbackWorkspace() {
    net.zero();
    return ProblemsGradients.denseLossPullback(net.w1, net.b1, net.w2, net.b2, net.w3, net.b3,
        net.x, 0.5, 1.0, net.scalars, net.dW1, net.dB1, net.dW2, net.dB2, net.dW3,
        workspace);
  }

  @Benchmark
  public double handWritten() {
    net.zero();
    return Adjoints.denseLoss(net.w1, net.b1, net.w2, net.b2, net.w3, net.b3, net.x, 0.5,
        net.scalars, net.dW1, net.dB1, net.dW2, net.dB2, net.dW3);
  }
}
