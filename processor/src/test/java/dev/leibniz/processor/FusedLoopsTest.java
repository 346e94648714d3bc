package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loops whose adjoint the pullback runs inside them, an iteration's backward part right after
 * its forward part, and loops just short of that, which keep two passes. Every gradient, of the
 * pullback and of a caller that runs the same method through its halves, is checked against
 * finite differences; the generated source shows which pullbacks run in one pass.
 */
class FusedLoopsTest {
  private static final String[] FUSED = {
      "rosenbrock", "leastSquares", "nearest", "twoSums", "subtracted", "afterSetup",
      "withCalls"};
  private static final String[] TWO_PASS = {
      "logOfSum", "carried", "readBefore", "written", "updateCarries"};
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package fl;

        import dev.leibniz.Differentiable;

        public class Sums {
          @Differentiable(order = 2) static double rosenbrock(double[] x) {
            double sum = 0;
            for (int i = 0; i < x.length - 1; i++) {
              double a = x[i + 1] - x[i] * x[i];
              double b = 1 - x[i];
              sum += 100 * a * a + b * b;
            }
            return sum;
          }

          @Differentiable static double leastSquares(double[] x) {
            double sum = 0;
            for (int i = 0; i < 9; i++) {
              double t = -1 + 2.0 * i / 8;
              double r = Math.signum(t);
              double power = 1;
              for (int j = 0; j < x.length; j++) {
                r -= x[j] * power;
                power *= t;
              }
              sum += r * r;
            }
            return 0.5 * sum;
          }

          @Differentiable static double nearest(double[] x) {
            double total = 0;
            for (int i = 0; i < x.length; i++) {
              double best = 0;
              for (int j = 0; j < 3; j++) {
                double d = (x[i] - j) * (x[i] - j) * x[(i + j) % x.length];
                if (j == 0 || d < best) {
                  best = d;
                }
              }
              total += best;
            }
            return total;
          }

          @Differentiable static double twoSums(double[] x, double w) {
            double s = 0;
            double q = 1;
            for (int i = 0; i < x.length; i++) {
              double e = Math.exp(w * x[i]);
              s += e;
              q -= e * x[i];
            }
            return 2 * s - q / 3;
          }

          @Differentiable static double subtracted(double[] x) {
            double s = x[0] * x[0];
            for (int i = 1; i < x.length; i++) {
              s -= Math.tanh(x[i] * x[i - 1]);
            }
            return s;
          }

          @Differentiable static double afterSetup(double[] x, double w) {
            double c = Math.cos(w);
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
              y[i] = x[i] * c;
            }
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              double v = y[i] * w;
              s += v * v * c;
            }
            return s;
          }

          @Differentiable(order = 2) static double bump(double u, double v) {
            double b = Math.exp(-u * u) * v;
            for (int i = 0; i < 3; i++) {
              b = b * Math.cos(u + i);
            }
            return b;
          }

          @Differentiable(order = 2) static double withCalls(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              double h = bump(x[i], x[(i + 1) % x.length]);
              s += h * x[i] + rosenbrock(x) * 0.01;
            }
            return s;
          }

          @Differentiable static double logOfSum(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              s += Math.exp(x[i]);
            }
            return Math.log(s);
          }

          @Differentiable static double carried(double[] x) {
            double p = 1;
            for (int i = 0; i < x.length; i++) {
              p = p * x[i] + 0.5;
            }
            return p;
          }

          @Differentiable static double readBefore(double[] x) {
            double s = x[0];
            double t = s * s;
            for (int i = 0; i < x.length; i++) {
              s += x[i] * t;
            }
            return s;
          }

          @Differentiable static double written(double[] x) {
            double[] y = new double[x.length];
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              y[i] = x[i] * x[i];
              s += y[i];
            }
            return s;
          }

          @Differentiable static double updateCarries(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; s += x[i] * x[i], i++) {
              s += Math.sin(x[i]);
            }
            return s;
          }

          @Differentiable static double caller(double[] x, double w) {
            return rosenbrock(x) * w + leastSquares(x) + twoSums(x, w) * nearest(x);
          }
        }
        """);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    double[] x = {0.3, -0.8, 0.55, 1.1, -0.2, 0.7};
    for (String method : FUSED) {
      check(method, x);
    }
    for (String method : TWO_PASS) {
      check(method, x);
    }
    check("caller", x);
  }

  @Test
  void aHessianThroughOnePassPullbacksMatchesDifferencesOfTheGradient() {
    double[] x = {0.3, -0.8, 0.55, 0.9};
    double[][] hessian = (double[][]) Compiled.components(
        compiled.call("fl.SumsGradients", "withCallsHessian", (Object) x.clone())).get("hessian");
    for (int i = 0; i < x.length; i++) {
      int row = i;
      double[] numeric = FiniteDifferences.gradient(p -> ((double[]) Compiled.components(
          compiled.call("fl.SumsGradients", "withCalls", (Object) p)).get("dX"))[row], x.clone());
      for (int j = 0; j < x.length; j++) {
        assertTrue(FiniteDifferences.relativeError(hessian[i][j], numeric[j]) < 1e-6,
            "H[" + i + "][" + j + "] " + hessian[i][j] + ", differences " + numeric[j]);
      }
    }
  }

  @Test
  void pullbacksAddToAdjointsGivenNonZero() {
    double[] x = {0.3, -0.8, 0.55, 1.1};
    double[] numeric = FiniteDifferences.gradient(
        p -> (double) compiled.call("fl.Sums", "rosenbrock", (Object) p), x.clone());
    double[] dX = {1, 2, 3, 4};
    compiled.call("fl.SumsGradients", "rosenbrockPullback", x, 3.0, dX);
    for (int i = 0; i < x.length; i++) {
      assertEquals(1 + i + 3 * numeric[i], dX[i], 1e-6 * Math.max(1, Math.abs(dX[i])));
    }
  }

  @Test
  void onlyLoopsWhoseAdjointIsKnownBeforeThemRunInOnePass() {
    for (String method : FUSED) {
      assertTrue(onePass(method), method);
    }
    for (String method : TWO_PASS) {
      assertFalse(onePass(method), method);
    }
  }

  private static boolean onePass(String method) {
    return compiled.pullbackBody("fl.SumsGradients", method + "Pullback").contains("one pass");
  }

  /** The generated gradient of a method of x (and w = 0.8 where it has w) against differences. */
  private static void check(String method, double[] x) {
    boolean withW = method.equals("twoSums") || method.equals("afterSetup")
        || method.equals("caller");
    double w = 0.8;
    double[] numeric = FiniteDifferences.gradient(p -> (double) (withW
        ? compiled.call("fl.Sums", method, p, w)
        : compiled.call("fl.Sums", method, (Object) p)), x.clone());
    Object result = withW
        ? compiled.call("fl.SumsGradients", method, x.clone(), w)
        : compiled.call("fl.SumsGradients", method, (Object) x.clone());
    double[] dX = (double[]) Compiled.components(result).get("dX");
    for (int i = 0; i < x.length; i++) {
      double error = FiniteDifferences.relativeError(dX[i], numeric[i]);
      assertTrue(error < 1e-7, method + ": dX[" + i + "] " + dX[i] + ", differences "
          + numeric[i]);
    }
    if (withW) {
      double numericW = FiniteDifferences.derivative(v -> (double) compiled.call("fl.Sums",
          method, x.clone(), v), w);
      double dW = (double) Compiled.components(result).get("dW");
      assertTrue(FiniteDifferences.relativeError(dW, numericW) < 1e-7, method + ": dW");
    }
  }

}
