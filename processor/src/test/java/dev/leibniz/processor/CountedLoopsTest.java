package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loops counted from a literal to a bound the body leaves alone: the backward sweep counts
 * their iterations again rather than reading a kept count, in the shapes where that could go
 * wrong. Every gradient is checked against finite differences; the generated source shows
 * what is no longer kept.
 */
class CountedLoopsTest {
  private static final String[] METHODS = {
      "triangular", "boundPerIteration", "counterReused", "counterReadAfter", "noTrips",
      "startAtOne", "nested"};
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package cl;

        import dev.leibniz.Differentiable;

        public class Loops {
          @Differentiable static double triangular(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              for (int j = 0; j < i; j++) {
                s += Math.sin(x[i] * x[j]);
              }
            }
            return s;
          }

          @Differentiable static double boundPerIteration(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              int m = (i * 7) % x.length;
              for (int j = 0; j < m; j++) {
                s = s * x[j] + x[i];
              }
            }
            return s;
          }

          @Differentiable static double counterReused(double[] x) {
            double s = 1;
            int i;
            for (i = 0; i < x.length; i++) {
              s *= Math.cos(x[i]);
            }
            for (i = 1; i < x.length; i++) {
              s += x[i] * x[i - 1] * s;
            }
            return s;
          }

          @Differentiable static double counterReadAfter(double[] x) {
            double s = 0;
            int i = 0;
            for (i = 0; i < x.length - 1; i++) {
              s += x[i] * x[i + 1];
            }
            return s * x[i];
          }

          @Differentiable static double noTrips(double[] x) {
            double s = x[0];
            for (int k = 0; k < x.length; k++) {
              for (int i = 3; i < k; i++) {
                s = s * x[i];
              }
              s = Math.exp(-s * s) + x[k];
            }
            return s;
          }

          @Differentiable static double startAtOne(double[] x) {
            double p = x[0];
            for (int i = 1; i < x.length; i++) {
              p = p * x[i] + Math.sin(p);
            }
            return p;
          }

          @Differentiable static double nested(double[] x, int rounds) {
            double[] y = x.clone();
            for (int r = 0; r < rounds; r++) {
              for (int i = 0; i < y.length; i++) {
                y[i] = Math.tanh(y[i] + 0.5 * y[(i + 1) % y.length]);
              }
            }
            return y[0] + y[y.length - 1];
          }
        }
        """);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    double[][] points = {{0.3, -0.8, 0.5, 1.1, -0.2, 0.7}, {0.9, 0.1}, {-0.4}};
    for (String method : METHODS) {
      for (double[] x : points) {
        if (x.length < 2 && !method.equals("noTrips") && !method.equals("startAtOne")) {
          continue;
        }
        Object[] extra = method.equals("nested") ? new Object[] {3} : new Object[0];
        double[] numeric = FiniteDifferences.gradient(
            p -> (double) compiled.call("cl.Loops", method, args(p, extra)), x.clone());
        double[] dX = (double[]) Compiled.components(
            compiled.call("cl.LoopsGradients", method, args(x.clone(), extra))).get("dX");
        for (int i = 0; i < x.length; i++) {
          double error = FiniteDifferences.relativeError(dX[i], numeric[i]);
          assertTrue(error < 1e-7, method + " at " + x.length + " values: dX[" + i + "] "
              + dX[i] + ", differences " + numeric[i]);
        }
      }
    }
  }

  @Test
  void countsAndCountersAreNotKept() {
    for (String method : new String[] {"triangular", "startAtOne", "nested"}) {
      String body = compiled.pullbackBody("cl.LoopsGradients", method + "Pullback");
      assertFalse(body.contains("pushInt"), body);
      assertFalse(body.contains("_n++"), body);
    }
  }

  private static Object[] args(double[] x, Object[] extra) {
    Object[] all = new Object[1 + extra.length];
    all[0] = x;
    System.arraycopy(extra, 0, all, 1, extra.length);
    return all;
  }

}
