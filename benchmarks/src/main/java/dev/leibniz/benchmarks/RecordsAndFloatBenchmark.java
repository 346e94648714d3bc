package dev.leibniz.benchmarks;

import dev.leibniz.Workspace;
import dev.leibniz.samples.FloatLogistic;
import dev.leibniz.samples.FloatLogisticGradients;
import dev.leibniz.samples.SpringPair;
import dev.leibniz.samples.SpringPairGradients;
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
 * The samples' float logistic regression against its double twin (500 points, 5 features), the
 * spring pair of records (200 steps) against the same method written without records, and 32
 * pendulums whose state is a record of vectors (100 steps) against the same method with arrays
 * updated in place; each primal and pullback with a reused workspace, in one run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordsAndFloatBenchmark {
  final double[][] xs = points(500, 5, new Random(5));
  final double[] ys = new Random(6).ints(500, 0, 2).asDoubleStream().toArray();
  final float[][] xsFloat = toFloat(xs);
  final float[] ysFloat = toFloat(ys);
  final double[] w = {0.4, -0.7, 0.2, 0.9, -0.3};
  final float[] wFloat = {0.4f, -0.7f, 0.2f, 0.9f, -0.3f};
  final double[] dW = new double[5];
  final float[] dWFloat = new float[5];
  final double[] dScalars = new double[13];
  final Workspace workspace = new Workspace();
  final SpringPair.Particle a = new SpringPair.Particle(new SpringPair.Vec(0, 0),
      new SpringPair.Vec(0, 0.5), 1.0);
  final SpringPair.Particle b = new SpringPair.Particle(new SpringPair.Vec(1.5, 0),
      new SpringPair.Vec(0, -0.5), 2.0);

  final double[] q0 = new Random(7).doubles(32, -1, 1).toArray();
  final double[] p0 = new Random(8).doubles(32, -1, 1).toArray();
  final Pendulums.State pendulums = new Pendulums.State(q0, p0);
  final double[] dQ = new double[32];
  final double[] dP = new double[32];

  private static double[][] points(int count, int features, Random random) {
    double[][] points = new double[count][];
    for (int i = 0; i < count; i++) {
      points[i] = random.doubles(features, -1, 1).toArray();
    }
    return points;
  }

  private static float[][] toFloat(double[][] a) {
    float[][] f = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      f[i] = toFloat(a[i]);
    }
    return f;
  }

  private static float[] toFloat(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }

  @Benchmark
  public float floatPrimal() {
    return FloatLogistic.loss(wFloat, 0.1f, xsFloat, ysFloat);
  }

  @Benchmark
  public float floatPullback() {
    Arrays.fill(dWFloat, 0);
    dScalars[0] = 0;
    return FloatLogisticGradients.lossPullback(wFloat, 0.1f, xsFloat, ysFloat, 1f, dScalars,
        dWFloat, workspace);
  }

  @Benchmark
  public double doublePrimal() {
    return FloatLogistic.lossDouble(w, 0.1, xs, ys);
  }

  @Benchmark
  public double doublePullback() {
    Arrays.fill(dW, 0);
    dScalars[0] = 0;
    return FloatLogisticGradients.lossDoublePullback(w, 0.1, xs, ys, 1.0, dScalars, dW,
        workspace);
  }

  @Benchmark
  public double recordsPrimal() {
    return SpringPair.energyAfter(a, b, 3.0, 1.0, 0.01, 200);
  }

  @Benchmark
  public double recordsPullback() {
    Arrays.fill(dScalars, 0);
    return SpringPairGradients.energyAfterPullback(a, b, 3.0, 1.0, 0.01, 200, 1.0, dScalars,
        workspace);
  }

  @Benchmark
  public double vectorRecordsPrimal() {
    return Pendulums.energy(pendulums, 0.01, 100);
  }

  @Benchmark
  public double vectorRecordsPullback() {
    Arrays.fill(dQ, 0);
    Arrays.fill(dP, 0);
    dScalars[0] = 0;
    return PendulumsGradients.energyPullback(pendulums, 0.01, 100, 1.0, dScalars, dQ, dP,
        workspace);
  }

  @Benchmark
  public double vectorArraysPrimal() {
    return Pendulums.energyArrays(q0, p0, 0.01, 100);
  }

  @Benchmark
  public double vectorArraysPullback() {
    Arrays.fill(dQ, 0);
    Arrays.fill(dP, 0);
    dScalars[0] = 0;
    return PendulumsGradients.energyArraysPullback(q0, p0, 0.01, 100, 1.0, dScalars, dQ, dP,
        workspace);
  }

  @Benchmark
  public double flatPrimal() {
    return SpringFlat.energyAfter(0, 0, 0, 0.5, 1.0, 1.5, 0, 0, -0.5, 2.0, 3.0, 1.0, 0.01, 200);
  }

  @Benchmark
  public double flatPullback() {
    Arrays.fill(dScalars, 0);
    return SpringFlatGradients.energyAfterPullback(0, 0, 0, 0.5, 1.0, 1.5, 0, 0, -0.5, 2.0, 3.0,
        1.0, 0.01, 200, 1.0, dScalars, workspace);
  }
}
