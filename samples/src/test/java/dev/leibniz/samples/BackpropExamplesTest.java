package dev.leibniz.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import org.junit.jupiter.api.Test;

/**
 * The classic backpropagation examples: generated gradients against their published values,
 * against derivatives worked out by hand, and against finite differences.
 */
class BackpropExamplesTest {

  @Test
  void circuitMatchesThePublishedGradient() {
    CircuitGradients.F g = CircuitGradients.f(-2, 5, -4);
    assertEquals(-12, g.value());
    assertEquals(-4, g.dX());
    assertEquals(-4, g.dY());
    assertEquals(3, g.dZ());
    double[] numeric =
        FiniteDifferences.gradient(p -> Circuit.f(p[0], p[1], p[2]), new double[] {-2, 5, -4});
    assertEquals(numeric[0], g.dX(), 1e-9);
    assertEquals(numeric[1], g.dY(), 1e-9);
    assertEquals(numeric[2], g.dZ(), 1e-9);
  }

  @Test
  void neuronMatchesThePublishedGradient() {
    NeuronGradients.Output g = NeuronGradients.output(2, -1, -3, -2, -3);
    // Published to two decimals: dw = [-0.20, -0.39, 0.20], dx = [0.39, -0.59].
    assertEquals(0.73, g.value(), 0.005);
    assertEquals(-0.20, g.dW0(), 0.005);
    assertEquals(-0.39, g.dW1(), 0.005);
    assertEquals(0.20, g.dW2(), 0.005);
    assertEquals(0.39, g.dX0(), 0.005);
    assertEquals(-0.59, g.dX1(), 0.005);
    double[] point = {2, -1, -3, -2, -3};
    double[] numeric =
        FiniteDifferences.gradient(p -> Neuron.output(p[0], p[1], p[2], p[3], p[4]), point);
    double[] generated = {g.dW0(), g.dX0(), g.dW1(), g.dX1(), g.dW2()};
    for (int i = 0; i < point.length; i++) {
      assertEquals(numeric[i], generated[i], 1e-9, "component " + i);
    }
  }

  @Test
  void stagedFunctionMatchesTheQuotientRule() {
    double x = 3;
    double y = -4;
    StagedGradients.F g = StagedGradients.f(x, y);
    // f = n / d with n = x + σ(y), d = σ(x) + (x + y)²; σ' = σ (1 - σ).
    double n = x + sigmoid(y);
    double d = sigmoid(x) + (x + y) * (x + y);
    double dndx = 1;
    double dndy = sigmoid(y) * (1 - sigmoid(y));
    double dddx = sigmoid(x) * (1 - sigmoid(x)) + 2 * (x + y);
    double dddy = 2 * (x + y);
    assertEquals(n / d, g.value(), 1e-12);
    assertEquals((dndx * d - n * dddx) / (d * d), g.dX(), 1e-12);
    assertEquals((dndy * d - n * dddy) / (d * d), g.dY(), 1e-12);
    double[] numeric = FiniteDifferences.gradient(p -> Staged.f(p[0], p[1]), new double[] {x, y});
    assertEquals(numeric[0], g.dX(), 1e-9);
    assertEquals(numeric[1], g.dY(), 1e-9);
  }

  private static double sigmoid(double t) {
    return 1 / (1 + Math.exp(-t));
  }
}
