package dev.leibniz.benchmarks;

import dev.leibniz.Workspace;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two small kernels of {@link Kernels}, a 256-element dot product and a sigmoid neuron: their
 * primal, record API, pullback, pullback with a workspace and hand-written adjoint, in one run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmarks {
  double[] w;
  double[] x;
  double[] dW;
  double[] dX;
  final double[] scalars = new double[5];
  final Workspace workspace = new Workspace();

  @Setup
  public void setUp() {
    var random = new Random(1);
    w = random.doubles(256, -1, 1).toArray();
    x = random.doubles(256, -1, 1).toArray();
    dW = new double[256];
    dX = new double[256];
  }

  @Benchmark
  public double dotPrimal() {
    return Kernels.dot(w, x);
  }

  @Benchmark
  public Object dotRecord() {
    return KernelsGradients.dot(w, x);
  }

  @Benchmark
  public double dotPullback() {
    return KernelsGradients.dotPullback(w, x, 1.0, dW, dX);
  }

  @Benchmark
  public double dotPullbackWorkspace() {
    return KernelsGradients.dotPullback(w, x, 1.0, dW, dX, workspace);
  }

  @Benchmark
  public double dotHandWritten() {
    return Kernels.dotAdjoint(w, x, dW, dX);
  }

  @Benchmark
  public double neuronPrimal() {
    return Kernels.neuron(w[0], x[0], w[1], x[1], w[2]);
  }

  @Benchmark
  public Object neuronRecord() {
    return KernelsGradients.neuron(w[0], x[0], w[1], x[1], w[2]);
  }

  @Benchmark
  public double neuronPullback() {
    return KernelsGradients.neuronPullback(w[0], x[0], w[1], x[1], w[2], 1.0, scalars);
  }

  @Benchmark
  public double neuronPullbackWorkspace() {
    return KernelsGradients.neuronPullback(w[0], x[0], w[1], x[1], w[2], 1.0, scalars,
        workspace);
  }

  @Benchmark
  public double neuronHandWritten() {
    return Kernels.neuronAdjoint(w[0], x[0], w[1], x[1], w[2], scalars);
  }
}
