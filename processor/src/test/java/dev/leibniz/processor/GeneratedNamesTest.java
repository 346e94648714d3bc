package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Methods and parameters named like what the generated code uses — the runtime's array
 * operations, the workspace, the upstream gradient, the value — compile and differentiate.
 */
class GeneratedNamesTest {
  @Test
  void userNamesNeverClashWithGeneratedOnes() {
    Compiled compiled = Compiled.compile(
        """
        package n;

        import dev.leibniz.Differentiable;

        public class Clash {
          @Differentiable static double copyOf(double[] a) {
            double[] c = new double[2];
            c[0] = a[0] * a[1];
            return c[0] + a[1];
          }
          @Differentiable static double written(double[] a) {
            a[0] = a[0] * a[1];
            return a[0] + a[1];
          }
          @Differentiable static double zerosLike(double[][] m) {
            return m[0][0] * m[1][0];
          }
          @Differentiable static double addInto(double workspace, double upstream, double value) {
            double[] pair = {value, workspace};
            return workspace * upstream + copyOf(pair);
          }
          @Differentiable static double push(double[] a) {
            double[] b = new double[a.length];
            double[][] m = new double[2][1];
            for (int i = 0; i < a.length; i++) {
              m[0][0] = a[i];
              m[1][0] = a[i] * a[i];
              b[i] = zerosLike(m);
            }
            return b[0] + b[1];
          }
        }
        """);
    double[] point = {0.7, -1.3, 0.4};
    Map<String, Object> result = Compiled.components(
        compiled.call("n.ClashGradients", "addInto", point[0], point[1], point[2]));
    double[] numeric = FiniteDifferences.gradient(
        p -> (double) compiled.call("n.Clash", "addInto", p[0], p[1], p[2]), point.clone());
    assertEquals(numeric[0], (double) result.get("dWorkspace"), 1e-8);
    assertEquals(numeric[1], (double) result.get("dUpstream"), 1e-8);
    assertEquals(numeric[2], (double) result.get("dValue"), 1e-8);

    double[] w = {0.5, 2.0};
    double[] dW = (double[]) Compiled.components(
        compiled.call("n.ClashGradients", "written", (Object) w.clone())).get("dA");
    // a[0] a[1] + a[1]: the gradient is (a[1], a[0] + 1).
    assertEquals(w[1], dW[0], 1e-12);
    assertEquals(w[0] + 1, dW[1], 1e-12);

    double[] a = {0.5, 2.0};
    double[] dA = (double[]) Compiled.components(
        compiled.call("n.ClashGradients", "push", (Object) a.clone())).get("dA");
    double[] numericA = FiniteDifferences.gradient(
        p -> (double) compiled.call("n.Clash", "push", (Object) p), a.clone());
    assertEquals(numericA[0], dA[0], 1e-8);
    assertEquals(numericA[1], dA[1], 1e-8);
  }

  @Test
  void companionsMayCallAuxiliaryClassesWithoutWarnings() {
    Compiled compiled = Compiled.compile(
        """
        package n;

        import dev.leibniz.Differentiable;

        public class Main {
          @Differentiable static double f(double x, int n) {
            return x * Helper.scale(n) + Helper.OFFSET * x;
          }
        }

        class Helper {
          static double OFFSET = 0.5;
          static double scale(int n) { return n * 0.5; }
        }
        """);
    Map<String, Object> result = Compiled.components(compiled.call("n.MainGradients", "f", 1.5, 4));
    assertEquals(4 * 0.5 + 0.5, (double) result.get("dX"), 0.0);
  }
}
