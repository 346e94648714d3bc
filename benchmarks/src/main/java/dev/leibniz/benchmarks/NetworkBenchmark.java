package dev.leibniz.benchmarks;

import dev.leibniz.samples.Network;
import dev.leibniz.samples.NetworkGradients;
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
 * The samples' 2-16-16-1 network's mean loss over a batch of 32 points, whose gradient goes
 * through calls of differentiable methods in three other classes.
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
public class NetworkBenchmark {
  final SampleNetwork net = new SampleNetwork();
  final Workspace workspace = new Workspace();

  @Benchmark
  public double primal() {
    return Network.loss(net.w1, net.b1, net.w2, net.b2, net.w3, net.b3, net.xs, net.ys, 0, 32);
  }

  @Benchmark
  public Object record() {
    return NetworkGradients.loss(net.w1, net.b1, net.w2, net.b2, net.w3, net.b3, net.xs, net.ys,
        0, 32);
  }

  @Benchmark
  public double pullback() {
    net.zero();
    return NetworkGradients.lossPullback(net.w1, net.b1, net.w2, net.b2, net.w3, net.b3, net.xs,
        net.ys, 0, 32, 1.0, net.dW1, net.dB1, net.dW2, net.dB2, net.dW3, net.dB3);
  }

  @Benchmark
  public double pullbackWorkspace() {
    net.zero();
    return NetworkGradients.lossPullback(net.w1, net.b1, net.w2, net.b2, net.w3, net.b3, net.xs,
        net.ys, 0, 32, 1.0, net.dW1, net.dB1, net.dW2, net.dB2, net.dW3, net.dB3,
        workspace);
  }

  @Benchmark
  public double handWritten() {
    net.zero();
    return Adjoints.networkLoss(net.w1, net.b1, net.w2, net.b2, net.w3, net.b3, net.xs, net.ys,
        0, 32, net.dW1, net.dB1, net.dW2, net.dB2, net.dW3, net.dB3);
  }
}
