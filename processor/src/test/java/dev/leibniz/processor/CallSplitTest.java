package dev.leibniz.processor;

import static dev.leibniz.processor.Gradients.assertMatchesFiniteDifferences;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.Workspace;
import dev.leibniz.check.FiniteDifferences;
import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls split into forward and backward halves: every primal operation runs once per gradient
 * at any depth of calls (counted by a function that counts its own evaluations), the halves run
 * one after the other do what the pullback does, and a workspace is left as it was found, so
 * that reusing it gives the same gradient again.
 */
class CallSplitTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile(
        """
        package c;

        import dev.leibniz.DerivativeOf;

        public class Probe {
          static int evaluations;

          /** The identity, counting how often it is evaluated. */
          public static double count(double x) {
            evaluations++;
            return x;
          }

          @DerivativeOf(type = Probe.class, method = "count")
          static double countDerivative(double x) {
            return 1;
          }
        }
        """,
        """
        package c;

        import dev.leibniz.Differentiable;

        public class Chain {
          @Differentiable static double inner(double z) {
            return Probe.count(z) * Math.sin(z);
          }

          @Differentiable static double middle(double y, double[] w) {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
              s += w[i] * inner(y + w[i]);
            }
            return s * inner(s);
          }

          @Differentiable static double outer(double x, double[] w) {
            double t = 0;
            for (int k = 0; k < 3; k++) {
              if (t < 2) {
                t += middle(x * k + t, w);
              } else {
                t = t - inner(t) * Probe.count(x);
              }
            }
            return t;
          }

          /** Chebyshev's T_n(x) by its recurrence, as a new user writes it: recursively. */
          @Differentiable static double chebyshev(int n, double x) {
            if (n == 0) {
              return 1;
            }
            if (n == 1) {
              return Probe.count(x);
            }
            return 2 * x * chebyshev(n - 1, x) - chebyshev(n - 2, x);
          }
        }
        """);
  }

  private static final double[] W = {0.3, -0.7, 0.5};

  @Test
  void everyPrimalOperationRunsOncePerGradientAtAnyDepth() {
    int primal = evaluations(() -> compiled.call("c.Chain", "outer", 0.4, W.clone()));
    int gradient = evaluations(() -> compiled.call("c.ChainGradients", "outer", 0.4, W.clone()));
    assertTrue(primal > 10, "the probe runs at every level: " + primal);
    assertEquals(primal, gradient, "evaluations of the probe, primal against gradient");

    int recursivePrimal = evaluations(() -> compiled.call("c.Chain", "chebyshev", 9, 0.3));
    int recursiveGradient =
        evaluations(() -> compiled.call("c.ChainGradients", "chebyshev", 9, 0.3));
    assertEquals(recursivePrimal, recursiveGradient, "evaluations through recursion");
  }

  @Test
  void gradientsThroughSplitCallsMatchFiniteDifferences() {
    for (double x : new double[] {-0.8, 0.1, 0.4, 1.3}) {
      Object record = compiled.call("c.ChainGradients", "outer", x, W.clone());
      Map<String, Object> result = Compiled.components(record);
      double[] numericW = FiniteDifferences.gradient(
          w -> (double) compiled.call("c.Chain", "outer", x, w), W.clone());
      double numericX = FiniteDifferences.gradient(
          p -> (double) compiled.call("c.Chain", "outer", p[0], W.clone()), new double[] {x})[0];
      assertTrue(FiniteDifferences.relativeError((double) result.get("dX"), numericX) < 1e-7);
      double[] dW = (double[]) result.get("dW");
      for (int i = 0; i < W.length; i++) {
        assertTrue(FiniteDifferences.relativeError(dW[i], numericW[i]) < 1e-7, "dW" + i);
      }
    }
    for (double x : new double[] {-0.9, -0.2, 0.35, 0.8}) {
      double[] point = {x};
      double numeric = FiniteDifferences.gradient(
          p -> (double) compiled.call("c.Chain", "chebyshev", 7, p[0]), point)[0];
      Map<String, Object> result =
          Compiled.components(compiled.call("c.ChainGradients", "chebyshev", 7, x));
      assertTrue(FiniteDifferences.relativeError((double) result.get("dX"), numeric) < 1e-7);
    }
    assertMatchesFiniteDifferences(compiled, "c.Chain", "inner", 1e-8, 0.7);
  }

  @Test
  void halvesRunInTurnDoWhatThePullbackDoes() {
    double[] expectedScalars = new double[1];
    double[] expectedW = new double[W.length];
    double expected = (double) compiled.call("c.ChainGradients", "middlePullback",
        0.6, W.clone(), 1.5, expectedScalars, expectedW);

    var workspace = new Workspace();
    double[] scalars = new double[1];
    double[] dW = new double[W.length];
    double value = (double) compiled.call("c.ChainGradients", "middleForward",
        0.6, W.clone(), workspace);
    assertTrue(!workspace.isEmpty(), "the forward half leaves what the backward half reads");
    compiled.call("c.ChainGradients", "middleBackward", 0.6, W.clone(), 1.5, scalars, dW,
        workspace);
    assertEquals(expected, value, 0.0);
    assertArrayEquals(expectedScalars, scalars, 0.0);
    assertArrayEquals(expectedW, dW, 0.0);
    assertTrue(workspace.isEmpty(), "the backward half takes back all the forward half saved");
  }

  @Test
  void aReusedWorkspaceGivesTheSameGradientAndIsLeftEmpty() {
    var workspace = new Workspace();
    double[] first = pullbackWith(workspace);
    assertTrue(workspace.isEmpty());
    double[] second = pullbackWith(workspace);
    assertTrue(workspace.isEmpty());
    assertArrayEquals(first, second, 0.0);
    double[] scalars = new double[1];
    double[] dW = new double[W.length];
    compiled.call("c.ChainGradients", "outerPullback", 0.4, W.clone(), 1.0, scalars, dW);
    assertEquals(scalars[0], first[0], 0.0);
  }

  private static double[] pullbackWith(Workspace workspace) {
    double[] scalars = new double[1];
    double[] dW = new double[W.length];
    compiled.call("c.ChainGradients", "outerPullback", 0.4, W.clone(), 1.0, scalars, dW,
        workspace);
    return new double[] {scalars[0], dW[0], dW[1], dW[2]};
  }

  /** How often the probe was evaluated while {@code run} ran. */
  private static int evaluations(Runnable run) {
    try {
      Field counter = compiled.load("c.Probe").getDeclaredField("evaluations");
      counter.setAccessible(true);
      counter.setInt(null, 0);
      run.run();
      return counter.getInt(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
