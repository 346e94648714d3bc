package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;

/**
 * Test support for methods {@code m(double[] x, int k)}: their pushforward along a direction and
 * their Hessian-vector product, checked against central differences of the method itself and of
 * its generated gradient along the same direction.
 */
final class ArrayDirections {
  private ArrayDirections() {}

  /** {@code x + t · direction}. */
  static double[] along(double[] x, double[] direction, double t) {
    double[] moved = x.clone();
    for (int i = 0; i < moved.length; i++) {
      moved[i] += t * direction[i];
    }
    return moved;
  }

  /** The tangent of {@code owner.method} at {@code (x, k)} along {@code direction}. */
  static void assertPushforwardMatches(Compiled compiled, String owner, String method,
      double[] x, int k, double[] direction) {
    double numeric = FiniteDifferences.derivative(
        t -> (double) compiled.call(owner, method, along(x, direction, t), k), 0.0);
    Object pushed = compiled.call(Gradients.companion(owner), method + "Pushforward", x.clone(),
        k, direction.clone());
    double tangent = (double) Compiled.components(pushed).get("tangent");
    assertTrue(FiniteDifferences.relativeError(tangent, numeric) < 1e-7,
        method + " at " + k + ": " + tangent + ", differences " + numeric);
  }

  /** {@code H v} of {@code owner.method} at {@code (x, k)}, row by row. */
  static void assertHvpMatches(Compiled compiled, String owner, String method, double[] x,
      int k, double[] v) {
    String companion = Gradients.companion(owner);
    double[] hv = (double[]) Compiled.components(
        compiled.call(companion, method + "Hvp", x.clone(), k, v.clone())).get("hvX");
    for (int i = 0; i < x.length; i++) {
      int row = i;
      double numeric = FiniteDifferences.derivative(t -> ((double[]) Compiled.components(
          compiled.call(companion, method, along(x, v, t), k)).get("dX"))[row], 0.0);
      assertTrue(FiniteDifferences.relativeError(hv[i], numeric) < 1e-6,
          method + " at " + k + ", row " + i + ": " + hv[i] + ", differences " + numeric);
    }
  }
}
