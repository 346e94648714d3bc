package dev.leibniz.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FiniteDifferencesTest {

  @Test
  void richardsonExtrapolationIsAccurateForSmoothFunctions() {
    assertEquals(Math.cos(0.7), FiniteDifferences.derivative(Math::sin, 0.7), 1e-11);
    assertEquals(Math.exp(3.0), FiniteDifferences.derivative(Math::exp, 3.0), 1e-9);
  }

  @Test
  void gradientPerturbsOneCoordinateAtATimeAndRestoresThePoint() {
    double[] point = {1.5, -2.0};
    double[] gradient = FiniteDifferences.gradient(p -> p[0] * p[0] * p[1], point);
    assertArrayEquals(new double[] {2 * 1.5 * -2.0, 1.5 * 1.5}, gradient, 1e-9);
    assertArrayEquals(new double[] {1.5, -2.0}, point);
  }

  @Test
  void relativeErrorIsAbsoluteNearZero() {
    assertEquals(1e-3, FiniteDifferences.relativeError(1e-3, 0), 0);
    assertEquals(0.01, FiniteDifferences.relativeError(101, 100), 1e-12);
  }
}
