package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recursive methods of one scalar input take their derivative by forward mode: a recurrence
 * (Legendre's), one with a constant parameter besides the input, one in {@code float}, and a
 * caller of two inputs that calls one of them in a loop (through its halves). Each is checked
 * against finite differences of the user's method; a method of one input that does not call
 * itself keeps reverse mode.
 */
class OneInputTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package oi;

        import dev.leibniz.Differentiable;
        import dev.leibniz.NoDerivative;

        public class Recursions {
          /** Legendre's P_n(x): (n P_n = (2n - 1) x P_{n-1} - (n - 1) P_{n-2}). */
          @Differentiable static double legendre(int n, double x) {
            if (n == 0) {
              return 1;
            }
            if (n == 1) {
              return x;
            }
            return ((2 * n - 1) * x * legendre(n - 1, x) - (n - 1) * legendre(n - 2, x)) / n;
          }

          /** A power tower with a constant rate: the input is x alone. */
          @Differentiable static double damped(int depth, double x, @NoDerivative double rate) {
            if (depth == 0) {
              return Math.sin(x);
            }
            double inner = damped(depth - 1, x, rate);
            return inner * Math.exp(-rate * x) + Math.cos(inner);
          }

          @Differentiable static float halving(int n, float x) {
            return n == 0 ? x * x : halving(n - 1, x * 0.5f) + (float) Math.tanh(x);
          }

          /** halving in double, for differences finer than a float resolves. */
          static double halvingTwin(int n, double x) {
            return n == 0 ? x * x : halvingTwin(n - 1, x * 0.5) + Math.tanh(x);
          }

          /** Calls legendre through its halves, in a loop, and reads both inputs. */
          @Differentiable static double series(double x, double w) {
            double s = 0;
            for (int n = 0; n < 5; n++) {
              s += w * legendre(n, x) * legendre(n, w);
            }
            return s;
          }

          /** One input, no recursion: reverse mode as every other method. */
          @Differentiable static double plain(double x) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
              s = Math.sin(s + x);
            }
            return s;
          }
        }
        """);
  }

  @Test
  void derivativesByForwardModeMatchDifferences() {
    for (double x : new double[] {-0.7, 0.2, 0.9}) {
      check("legendre", x, p -> (double) compiled.call("oi.Recursions", "legendre", 6, p),
          compiled.call("oi.RecursionsGradients", "legendre", 6, x), "dX");
      check("damped", x, p -> (double) compiled.call("oi.Recursions", "damped", 4, p, 0.3),
          compiled.call("oi.RecursionsGradients", "damped", 4, x, 0.3), "dX");
      check("halving", x,
          p -> (double) compiled.call("oi.Recursions", "halvingTwin", 3, p),
          compiled.call("oi.RecursionsGradients", "halving", 3, (float) x), "dX");
    }
    Gradients.assertMatchesFiniteDifferences(compiled, "oi.Recursions", "series", 1e-8,
        0.4, -0.6);
    Gradients.assertMatchesFiniteDifferences(compiled, "oi.Recursions", "plain", 1e-8, 0.3);
  }

  @Test
  void onlyRecursiveMethodsOfOneInputUseForwardMode() {
    String legendre = compiled.pullbackBody("oi.RecursionsGradients", "legendrePullback");
    assertTrue(legendre.contains("legendrePushforwardInto(n, x, 1.0, _into)"), legendre);
    String plain = compiled.pullbackBody("oi.RecursionsGradients", "plainPullback");
    assertFalse(plain.contains("Pushforward"), plain);
  }

  private static void check(String method, double x,
      java.util.function.DoubleUnaryOperator f, Object result, String component) {
    Map<String, Object> values = Compiled.components(result);
    double exact = ((Number) values.get(component)).doubleValue();
    boolean single = values.get("value") instanceof Float;
    double numeric = FiniteDifferences.gradient(p -> f.applyAsDouble(p[0]), new double[] {x})[0];
    double tolerance = single ? 1e-5 : 1e-8;
    assertTrue(FiniteDifferences.relativeError(exact, numeric) < tolerance,
        method + " at " + x + ": " + exact + ", differences " + numeric);
  }
}
