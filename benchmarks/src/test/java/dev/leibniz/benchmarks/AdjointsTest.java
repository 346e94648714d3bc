package dev.leibniz.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import dev.leibniz.samples.BlackScholesGradients;
import dev.leibniz.samples.NetworkGradients;
import dev.leibniz.samples.RosenbrockGradients;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written adjoints the benchmarks compare against compute the same value and gradient
 * as the generated code, so that the ratios compare equal work; and the generated gradients of
 * the benchmarks' own functions match finite differences.
 */
class AdjointsTest {
  private static final double TOLERANCE = 1e-12;

  /** Leibniz's Hessian and Hipparchus' derivative structures agree: the two do the same work. */
  @Test
  void secondOrder() {
    double[] x = new Random(3).doubles(SecondOrderBenchmark.SMALL, -2, 2).toArray();
    double[][] generated = RosenbrockGradients.valueHessian(x).hessian();
    double[][] hipparchus = SecondOrderBenchmark.hipparchusHessian(x);
    for (int i = 0; i < x.length; i++) {
      assertClose(hipparchus[i], generated[i]);
    }
    double[] v = new Random(4).doubles(x.length, -1, 1).toArray();
    double[] product = RosenbrockGradients.valueHvp(x, v).hvX();
    for (int i = 0; i < x.length; i++) {
      double expected = 0;
      for (int j = 0; j < x.length; j++) {
        expected += hipparchus[i][j] * v[j];
      }
      assertEquals(expected, product[i], 1e-9 * Math.max(1, Math.abs(expected)));
    }
  }

  @Test
  void rk4() {
    double[] p = {1.1, 0.4, 0.4, 0.1};
    double[] y0 = {10, 5};
    double[] dP = new double[4];
    double[] dY0 = new double[2];
    double value = ArrayAdjoints.rk4(p, y0, 0.01, 50, dP, dY0, new double[8 * 50]);
    var generated = ArrayProblemsGradients.rk4(p, y0, 0.01, 50);
    assertClose(generated.value(), value);
    assertClose(generated.dP(), dP);
    assertClose(generated.dY0(), dY0);
    double[] numeric = FiniteDifferences.gradient(q -> ArrayProblems.rk4(q, y0, 0.01, 50),
        p.clone());
    for (int i = 0; i < 4; i++) {
      assertEquals(numeric[i], dP[i], 1e-6 * Math.max(1, Math.abs(numeric[i])));
    }
  }

  @Test
  void lstm() {
    double[][] weights = LstmBenchmark.random(4 * 3, 1 + 2 + 3, 1);
    double[][] inputs = LstmBenchmark.random(4, 2, 2);
    double[] h0 = {0.1, -0.2, 0.3};
    double[][] dWeights = new double[12][6];
    double[] dH0 = new double[3];
    double value = ArrayAdjoints.lstm(weights, inputs, h0, dWeights, dH0, new double[4 * 21]);
    var generated = ArrayProblemsGradients.lstm(weights, inputs, h0);
    assertClose(generated.value(), value);
    for (int g = 0; g < 12; g++) {
      assertClose(generated.dWeights()[g], dWeights[g]);
    }
    assertClose(generated.dH0(), dH0);
    double[] numeric = FiniteDifferences.gradient(h -> ArrayProblems.lstm(weights, inputs, h),
        h0.clone());
    for (int j = 0; j < 3; j++) {
      assertEquals(numeric[j], dH0[j], 1e-8);
    }
  }

  @Test
  void rosenbrock() {
    double[] x = new Random(1).doubles(50, -2, 2).toArray();
    double[] dX = new double[x.length];
    double value = Adjoints.rosenbrock(x, dX);
    var generated = RosenbrockGradients.value(x);
    assertClose(generated.value(), value);
    assertClose(generated.dX(), dX);
  }

  @Test
  void blackScholes() {
    double[] d = new double[5];
    double value = Adjoints.blackScholes(100, 95, 0.5, 0.03, 0.2, d);
    var generated = BlackScholesGradients.call(100, 95, 0.5, 0.03, 0.2);
    assertClose(generated.value(), value);
    assertClose(new double[] {generated.dSpot(), generated.dStrike(), generated.dYears(),
        generated.dRate(), generated.dSigma()}, d);
  }

  @Test
  void asianCall() {
    double[] z = new Random(2).doubles(252, -2, 2).toArray();
    double[] d = new double[3];
    double value = Adjoints.asianCall(100, 0.03, 0.2, 95, 1 / 252.0, z, d, new double[252],
        new double[252]);
    var generated = ProblemsGradients.asianCall(100, 0.03, 0.2, 95, 1 / 252.0, z);
    assertClose(generated.value(), value);
    assertClose(new double[] {generated.dSpot(), generated.dRate(), generated.dSigma()}, d);
    double[] numeric = FiniteDifferences.gradient(
        p -> Problems.asianCall(p[0], p[1], p[2], 95, 1 / 252.0, z), new double[] {100, 0.03, 0.2});
    for (int i = 0; i < 3; i++) {
      assertEquals(0, FiniteDifferences.relativeError(d[i], numeric[i]), 1e-7, "input " + i);
    }
  }

  @Test
  void denseNetwork() {
    var net = new DenseNetwork(3);
    double value = Adjoints.denseLoss(net.w1, net.b1, net.w2, net.b2, net.w3, net.b3, net.x, 0.5,
        net.scalars, net.dW1, net.dB1, net.dW2, net.dB2, net.dW3);
    var generated = ProblemsGradients.denseLoss(net.w1, net.b1, net.w2, net.b2, net.w3, net.b3,
        net.x, 0.5);
    assertClose(generated.value(), value);
    assertClose(generated.dB3(), net.scalars[0]);
    assertClose(generated.dB1(), net.dB1);
    assertClose(generated.dB2(), net.dB2);
    assertClose(generated.dW3(), net.dW3);
    for (int i = 0; i < 32; i++) {
      assertClose(generated.dW1()[i], net.dW1[i]);
      assertClose(generated.dW2()[i], net.dW2[i]);
    }
  }

  @Test
  void sampleNetwork() {
    var net = new SampleNetwork();
    double value = Adjoints.networkLoss(net.w1, net.b1, net.w2, net.b2, net.w3, net.b3, net.xs,
        net.ys, 0, 32, net.dW1, net.dB1, net.dW2, net.dB2, net.dW3, net.dB3);
    var generated = NetworkGradients.loss(net.w1, net.b1, net.w2, net.b2, net.w3, net.b3, net.xs,
        net.ys, 0, 32);
    assertClose(generated.value(), value);
    assertClose(generated.dB1(), net.dB1);
    assertClose(generated.dB2(), net.dB2);
    assertClose(generated.dW3(), net.dW3);
    assertClose(generated.dB3(), net.dB3);
    for (int i = 0; i < 16; i++) {
      assertClose(generated.dW1()[i], net.dW1[i]);
      assertClose(generated.dW2()[i], net.dW2[i]);
    }
  }

  @Test
  void chebyshev() {
    for (double x : new double[] {-0.9, 0.3, 0.77}) {
      double[] d = new double[1];
      double value = Adjoints.chebyshev(12, x, d);
      var generated = ProblemsGradients.chebyshev(12, x);
      assertClose(generated.value(), value);
      assertClose(generated.dX(), d[0]);
      // T_12(cos θ) = cos 12θ, so T_12'(x) = 12 sin 12θ / sin θ.
      double theta = Math.acos(x);
      assertClose(12 * Math.sin(12 * theta) / Math.sin(theta), d[0]);
    }
  }

  @Test
  void logSumExp() {
    double[] x = new Random(4).doubles(1000, -3, 3).toArray();
    double[] dX = new double[x.length];
    double value = Adjoints.logSumExp(x, dX, new double[x.length]);
    var generated = ProblemsGradients.logSumExp(x);
    assertClose(generated.value(), value);
    assertClose(generated.dX(), dX);
  }

  private static void assertClose(double expected, double actual) {
    assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)));
  }

  private static void assertClose(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i]);
    }
  }
}
