package dev.leibniz.benchmarks;

import dev.leibniz.Workspace;
import dev.leibniz.samples.Rosenbrock;
import dev.leibniz.samples.RosenbrockGradients;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
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
 * Second order on the samples' Rosenbrock ({@code @Differentiable(order = 2)}).
 *
 * <p>On 1,000 variables: the primal, the gradient (pullback with a reused workspace) and the
 * Hessian-vector product {@code valueHvp}. On 10 variables: the whole Hessian, generated
 * ({@code valueHessian}, ten Hessian-vector products) against Hipparchus' operator-overloading
 * {@link DerivativeStructure} of order 2 with ten free parameters, the way a Java user gets a
 * Hessian today.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SecondOrderBenchmark {
  static final int SMALL = 10;
  private static final DSFactory FACTORY = new DSFactory(SMALL, 2);

  final double[] x = new Random(1).doubles(1000, -2, 2).toArray();
  final double[] v = new Random(2).doubles(1000, -1, 1).toArray();
  final double[] dX = new double[x.length];
  final Workspace workspace = new Workspace();
  final double[] small = Arrays.copyOf(x, SMALL);

  @Benchmark
  public double primal() {
    return Rosenbrock.value(x);
  }

  @Benchmark
  public double gradient() {
    Arrays.fill(dX, 0);
    return RosenbrockGradients.valuePullback(x, 1.0, dX, workspace);
  }

  @Benchmark
  public Object hvp() {
    return RosenbrockGradients.valueHvp(x, v);
  }

  @Benchmark
  public double primalSmall() {
    return Rosenbrock.value(small);
  }

  @Benchmark
  public Object hessian() {
    return RosenbrockGradients.valueHessian(small);
  }

  @Benchmark
  public double[][] hessianHipparchus() {
    return hipparchusHessian(small);
  }

  /** The Hessian by Hipparchus' derivative structures of order 2, one per variable. */
  static double[][] hipparchusHessian(double[] point) {
    var xs = new DerivativeStructure[point.length];
    for (int i = 0; i < point.length; i++) {
      xs[i] = FACTORY.variable(i, point[i]);
    }
    DerivativeStructure sum = FACTORY.constant(0);
    for (int i = 0; i + 1 < xs.length; i++) {
      DerivativeStructure valley = xs[i + 1].subtract(xs[i].multiply(xs[i]));
      DerivativeStructure offset = xs[i].negate().add(1);
      sum = sum.add(valley.multiply(valley).multiply(100)).add(offset.multiply(offset));
    }
    var hessian = new double[point.length][point.length];
    int[] orders = new int[point.length];
    for (int i = 0; i < point.length; i++) {
      for (int j = 0; j < point.length; j++) {
        orders[i]++;
        orders[j]++;
        hessian[i][j] = sum.getPartialDerivative(orders);
        orders[i]--;
        orders[j]--;
      }
    }
    return hessian;
  }
}
