package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A call writing into an array whose other arguments read that same array
 * ({@code w(x * c[1], c)}): the arguments' adjoints read the array as it was before the call,
 * so its contents are put back before they are computed. The gradient was wrong inside a loop,
 * where the argument is computed again in the backward sweep rather than kept.
 */
class WrittenArgumentsTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package wa;

        import dev.leibniz.Differentiable;

        public class Writes {
          @Differentiable(order = 2) static void fill(double t, double[] out) {
            for (int i = 0; i < out.length; i++) {
              out[i] = out[i] * 0.5 - 0.18 * Math.cos(t * (i + 1));
            }
          }

          @Differentiable(order = 2) static double inLoop(double[] x) {
            double[] c = {x[0], x[1], x[2]};
            for (int i = 0; i < 3; i++) {
              fill(Math.log(1 + x[i] * x[i]) * c[(i + 1) % 3], c);
              c[2] = Math.sqrt(1 + x[i] * x[i]) + c[(i + 2) % 3] * c[1];
            }
            return c[0] * c[2] + c[1];
          }

          @Differentiable(order = 2) static double atTop(double[] x) {
            double[] c = {x[0], x[1], x[2]};
            fill(x[1] * c[0] * c[2], c);
            return c[0] + c[1] * c[2];
          }

          @Differentiable static double caller(double[] x) {
            return inLoop(x) * atTop(x);
          }
        }
        """);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    double[] x = {0.4, -0.7, 1.1};
    for (String method : new String[] {"inLoop", "atTop", "caller"}) {
      double[] numeric = FiniteDifferences.gradient(
          p -> (double) compiled.call("wa.Writes", method, (Object) p), x.clone());
      double[] dX = (double[]) Compiled.components(
          compiled.call("wa.WritesGradients", method, (Object) x.clone())).get("dX");
      for (int i = 0; i < x.length; i++) {
        assertTrue(FiniteDifferences.relativeError(dX[i], numeric[i]) < 1e-8,
            method + " dX[" + i + "] " + dX[i] + ", differences " + numeric[i]);
      }
    }
  }

  @Test
  void hessianMatchesDifferencesOfTheGradient() {
    double[] x = {0.4, -0.7, 1.1};
    double[][] hessian = (double[][]) Compiled.components(
        compiled.call("wa.WritesGradients", "inLoopHessian", (Object) x.clone())).get("hessian");
    for (int i = 0; i < x.length; i++) {
      int row = i;
      double[] numeric = FiniteDifferences.gradient(p -> ((double[]) Compiled.components(
          compiled.call("wa.WritesGradients", "inLoop", (Object) p)).get("dX"))[row], x.clone());
      for (int j = 0; j < x.length; j++) {
        assertTrue(FiniteDifferences.relativeError(hessian[i][j], numeric[j]) < 1e-6,
            "H[" + i + "][" + j + "] " + hessian[i][j] + ", differences " + numeric[j]);
      }
    }
  }
}
