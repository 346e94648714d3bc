package dev.leibniz.processor;

import static dev.leibniz.processor.Gradients.assertMatchesFiniteDifferences;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Branches, conditionals, loops, jumps and early returns, each checked numerically. */
class ControlFlowTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package c;

        import dev.leibniz.Differentiable;

        public class Flow {
          @Differentiable static double branches(double x, double y) {
            double r;
            if (x > y) {
              r = x * y;
            } else if (x < -1 || y > 2.5) {
              double t = Math.sin(x);
              r = t * t + y;
            } else {
              r = Math.exp(x) - y;
            }
            if (!(r >= 0) && r != 3) {
              r = -r * x;
            }
            return r;
          }
          @Differentiable static double logical(double x, int k) {
            boolean positive = x > 0;
            if (positive && k == 2 || !positive && k <= 1) {
              return x * x;
            }
            return positive != (k >= 3) ? Math.exp(x) : -x;
          }
          @Differentiable static double conditional(double x, double y) {
            double z = x > 0 ? x * y : Math.log(-x) + y;
            return (y > 1 ? z * z : z) + (x < y ? 1.0 : 2.0) * x;
          }
          @Differentiable static double untakenBranchNeverGivesNaN(double x) {
            double r = x > 0 ? Math.sqrt(x) : 0.0;
            if (x <= 0) {
              r = Math.log(x) * 0 + 1.0;
            }
            return x > 0 ? r : 2 * x;
          }
          @Differentiable static double earlyReturns(double x, double y) {
            if (x > 1) {
              return x * y;
            }
            double t = x + y;
            if (t < 0) {
              return Math.sin(t);
            }
            return t * t;
          }
          @Differentiable static double forLoop(double x, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
              s += Math.sin(x * i) / (i + 1);
            }
            return s;
          }
          @Differentiable static double overwriteInLoop(double x, int n) {
            double y = x;
            for (int i = 1; i <= n; i++) {
              y = Math.sin(y) * x + y * y / i;
            }
            return y;
          }
          @Differentiable static double whileConverges(double a) {
            double g = a;
            while (Math.abs(g * g - a) > 1e-12 * a) {
              g = 0.5 * (g + a / g);
            }
            return g;
          }
          @Differentiable static double doWhile(double x) {
            double p = 1;
            int k = 0;
            do {
              p = p * x + k;
              k++;
            } while (k < 4);
            return p;
          }
          @Differentiable static double breakAndContinue(double x, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
              if (i % 3 == 1) {
                continue;
              }
              s = s + x * s + i;
              if (s > 50) {
                break;
              }
              s = Math.tanh(s) + s;
            }
            return s;
          }
          @Differentiable static double returnFromLoop(double x) {
            double v = x;
            for (int i = 0; i < 12; i++) {
              v = v * 1.5 + Math.cos(v);
              if (v > 10) {
                return v * x;
              }
            }
            return -v;
          }
          @Differentiable static double nestedLoops(double x, double y, int n) {
            double acc = 0;
            for (int i = 0; i < n; i++) {
              double row = x;
              int j = 0;
              while (j < i) {
                row = row * y + Math.sin(row + j);
                j++;
              }
              acc += row * (i + 1);
            }
            return acc;
          }
          @Differentiable static double loopWithBranchesInside(double x, int n) {
            double s = x;
            for (int i = 0; i < n; i++) {
              if (s > 1) {
                s = s / 2 + x;
              } else {
                s = s * s + 0.5 * x;
              }
            }
            return s;
          }
          @Differentiable static double localsNamedLikeGeneratedOnes(double x) {
            double _doubles = x;
            int _intsTop = 2;
            for (int i = 0; i < 3; i++) {
              _doubles = _doubles * x + _intsTop;
            }
            return _doubles;
          }
          @Differentiable static double counters(double x) {
            double s = 0;
            int i = 10;
            while (i > 0) {
              s += x * i;
              i -= 3;
              --i;
            }
            return s + i;
          }
        }
        """);
  }

  @Test
  void ifElseChainsAndLogicalConditions() {
    for (double[] p : new double[][] {{2, 1}, {-2, 1}, {0.5, 3}, {0.2, 0.4}, {-0.5, 0.1}}) {
      assertMatchesFiniteDifferences(compiled, "c.Flow", "branches", 1e-7, p);
    }
  }

  @Test
  void logicalOperatorsAndComparisons() {
    for (int k = 0; k < 5; k++) {
      for (double x : new double[] {-0.7, 0.4}) {
        double[] g = compiled.valueAndGradient("c.Flow", "logical", x, k);
        boolean positive = x > 0;
        double expected = positive && k == 2 || !positive && k <= 1 ? 2 * x
            : positive != (k >= 3) ? Math.exp(x) : -1;
        assertEquals(expected, g[1], 1e-15, "x=" + x + " k=" + k);
      }
    }
  }

  @Test
  void conditionalExpressions() {
    for (double[] p : new double[][] {{0.7, 2}, {-0.7, 2}, {0.7, 0.5}, {-0.3, 0.2}}) {
      assertMatchesFiniteDifferences(compiled, "c.Flow", "conditional", 1e-7, p);
    }
  }

  @Test
  void onlyTheBranchTakenReceivesAGradient() {
    assertArrayEquals(new double[] {2},
        Gradients.generated(compiled, "c.Flow", "untakenBranchNeverGivesNaN", -1));
    assertMatchesFiniteDifferences(compiled, "c.Flow", "untakenBranchNeverGivesNaN", 1e-7, 2.0);
  }

  @Test
  void earlyReturns() {
    for (double[] p : new double[][] {{2, 1}, {0.5, -3}, {0.5, 0.25}}) {
      assertMatchesFiniteDifferences(compiled, "c.Flow", "earlyReturns", 1e-7, p);
    }
    assertMatchesFiniteDifferences(compiled, "c.Flow", "returnFromLoop", 1e-7, 0.3);
    assertMatchesFiniteDifferences(compiled, "c.Flow", "returnFromLoop", 1e-7, -3.0);
  }

  @Test
  void loops() {
    assertLoop("forLoop", new double[] {0.7}, 5);
    assertLoop("forLoop", new double[] {0.7}, 0);
    assertLoop("overwriteInLoop", new double[] {0.3}, 4);
    assertMatchesFiniteDifferences(compiled, "c.Flow", "doWhile", 1e-7, 1.3);
    assertLoop("breakAndContinue", new double[] {0.4}, 12);
    assertLoop("breakAndContinue", new double[] {3.0}, 12);
    assertLoop("loopWithBranchesInside", new double[] {0.8}, 7);
    assertMatchesFiniteDifferences(compiled, "c.Flow", "counters", 1e-7, 0.8);
    assertMatchesFiniteDifferences(compiled, "c.Flow", "localsNamedLikeGeneratedOnes", 1e-7, 0.8);
  }

  /** The gradient against finite differences of the user's own method, not the generated value. */
  @Test
  void nestedLoopsWithDataDependentInnerBounds() {
    double[] g = valueAndGradient("nestedLoops", 0.4, 0.9, 5);
    assertEquals(primal("nestedLoops", 0.4, 0.9, 5), g[0], 0.0, "value");
    double[] numeric = FiniteDifferences.gradient(
        p -> primal("nestedLoops", p[0], p[1], 5), new double[] {0.4, 0.9});
    assertEquals(numeric[0], g[1], 1e-6);
    assertEquals(numeric[1], g[2], 1e-6);
  }

  @Test
  void newtonIterationForTheSquareRoot() {
    for (double a : new double[] {2, 9, 0.25, 1e4}) {
      double[] g = compiled.valueAndGradient("c.Flow", "whileConverges", a);
      assertEquals(Math.sqrt(a), g[0], 1e-12 * Math.sqrt(a));
      assertEquals(1 / (2 * Math.sqrt(a)), g[1], 1e-9 / Math.sqrt(a));
    }
  }

  /**
   * The generated value against the user's method, and the generated derivative against
   * finite differences of the user's method.
   */
  private static void assertLoop(String method, double[] x, int n) {
    double[] g = valueAndGradient(method, x[0], n);
    assertEquals(primal(method, x[0], n), g[0], 0.0, method + " value");
    double numeric = FiniteDifferences.derivative(t -> primal(method, t, n), x[0]);
    assertEquals(numeric, g[1], 1e-6 * Math.max(1, Math.abs(numeric)), method + " n=" + n);
  }

  private static double primal(String method, Object... args) {
    return (double) compiled.call("c.Flow", method, args);
  }

  private static double[] valueAndGradient(String method, Object... args) {
    return compiled.valueAndGradient("c.Flow", method, args);
  }
}
