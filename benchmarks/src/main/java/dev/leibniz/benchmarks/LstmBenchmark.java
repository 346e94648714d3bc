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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An LSTM of 16 units over 20 inputs of 8, reading its gate weights through row views, with
 * its gradient in all 64 × 25 weights and the initial state: the primal, the pullback with a
 * reused {@link Workspace}, and the hand-written adjoint of {@link ArrayAdjoints}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LstmBenchmark {
  static final int UNITS = 16;
  static final int INPUTS = 8;
  static final int STEPS = 20;
  final double[][] weights = random(4 * UNITS, 1 + INPUTS + UNITS, 1);
  final double[][] inputs = random(STEPS, INPUTS, 2);
  final double[] h0 = new double[UNITS];
  final double[][] dWeights = new double[4 * UNITS][1 + INPUTS + UNITS];
  final double[] dH0 = new double[UNITS];
  final double[] tape = new double[STEPS * 7 * UNITS];
  final Workspace workspace = new Workspace();

  static double[][] random(int rows, int columns, long seed) {
    var random = new Random(seed);
    double[][] m = new double[rows][columns];
    for (double[] row : m) {
      for (int j = 0; j < columns; j++) {
        row[j] = random.nextGaussian() * 0.3;
      }
    }
    return m;
  }

  @Benchmark
  public double primal() {
    return ArrayProblems.lstm(weights, inputs, h0);
  }

  @Benchmark
  public double pullbackWorkspace() {
    clear();
    return ArrayProblemsGradients.lstmPullback(weights, inputs, h0, 1.0, dWeights, dH0,
        workspace);
  }

  @Benchmark
  public double handWritten() {
    clear();
    return ArrayAdjoints.lstm(weights, inputs, h0, dWeights, dH0, tape);
  }

  private void clear() {
    for (double[] row : dWeights) {
      java.util.Arrays.fill(row, 0);
    }
    java.util.Arrays.fill(dH0, 0);
  }
}
