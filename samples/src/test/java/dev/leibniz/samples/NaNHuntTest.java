package dev.leibniz.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.NonFiniteException;
import dev.leibniz.check.FiniteDifferences;
import org.junit.jupiter.api.Test;

/**
 * The NaN hunt: each mistake throws at its own line, with the expression and the number that
 * is not finite, and the fixed loss trains, its gradient checked against finite differences.
 */
class NaNHuntTest {
  private static final TwoMoons DATA = TwoMoons.generate(200, 0.1, 3);

  @Test
  void theSquareRootOfANormAtZeroFailsInTheBackwardSweep() {
    var e = assertThrows(NonFiniteException.class, () -> NaNHunt.train(1, DATA));
    assertEquals(NonFiniteException.Sweep.BACKWARD, e.sweep());
    assertEquals("NaNHunt.java:73", e.location());
    assertEquals("Math.sqrt(squaredNorm(b))", e.expression());
    assertTrue(e.partial().endsWith("= Infinity"), e.partial());
    assertEquals(0.0, e.operands().get("Math.sqrt(squaredNorm(b))"));
  }

  @Test
  void theLogOfOneMinusAProbabilityThatRoundsToOneFailsInTheForwardSweep() {
    var e = assertThrows(NonFiniteException.class, () -> NaNHunt.train(2, DATA));
    assertEquals(NonFiniteException.Sweep.FORWARD, e.sweep());
    assertTrue(e.location().startsWith("NaNHunt.java:42 (n = "), e.location());
    assertEquals("Math.log(1 - p)", e.expression());
    assertEquals(0.0, e.operands().get("1 - p"));
  }

  @Test
  void theFixedLossTrainsAndItsGradientMatchesFiniteDifferences() {
    assertTrue(NaNHunt.train(3, DATA) < 0.05);
    double[] w = {0.3, -0.8, 1.1, 0.4, -0.6, 0.9, 0.2, -1.3, 0.7, 0.5, -0.2, 1.4, -0.9, 0.1,
        0.6, -0.4};
    double[] b = {0.1, -0.2, 0.3, 0.05, -0.1, 0.2, -0.3, 0.15};
    double[] v = {1.5, -2.0, 0.7, 1.1, -0.5, 2.2, -1.4, 0.9};
    double c = 0.2;
    var g = NaNHuntGradients.fixedLoss(w, b, v, c, DATA.points, DATA.labels);
    double[] dW = g.dW();
    for (int i = 0; i < w.length; i++) {
      int index = i;
      double numeric = FiniteDifferences.derivative(x -> {
        double[] moved = w.clone();
        moved[index] = x;
        return NaNHunt.fixedLoss(moved, b, v, c, DATA.points, DATA.labels);
      }, w[i], 1e-6);
      assertEquals(numeric, dW[i], 1e-6 * Math.max(1, Math.abs(numeric)), "dW[" + i + "]");
    }
    double numericC = FiniteDifferences.derivative(
        x -> NaNHunt.fixedLoss(w, b, v, x, DATA.points, DATA.labels), c);
    assertEquals(numericC, g.dC(), 1e-8);
  }
}
