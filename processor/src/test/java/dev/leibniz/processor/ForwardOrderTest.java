package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loops whose adjoint runs forwards, recomputing a recurrence instead of keeping its values:
 * GradBench's least squares (powers of a point by their recurrence beside the residual they
 * reduce), a recurrence with a local of the body and two accumulators, one at the top level of
 * the method, and a method of second order. A recurrence through a differentiable factor, whose
 * iterations meet in the adjoint, keeps its backward order. Gradients and a Hessian are checked
 * against finite differences; the generated code against the plan: no value kept per iteration.
 */
class ForwardOrderTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package fo;

        import dev.leibniz.Differentiable;

        public class Series {
          @Differentiable static double llsq(double[] x, int n) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
              double t = -1 + 2.0 * i / (n - 1);
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

          /** Two accumulators, a local of the body, the loop at the top level. */
          @Differentiable(order = 2) static double damped(double[] x, double q) {
            double up = q * q;
            double down = 0;
            double weight = 1;
            double decay = 0.75;
            for (int j = 0; j < x.length; j++) {
              double term = x[j] * q + x[j];
              up += term * weight;
              down -= x[j] * x[j] * weight;
              weight *= decay;
              decay += 0.01;
            }
            return up * down + Math.exp(down);
          }

          /** The powers carry a derivative of t: each iteration's adjoint reads the next's. */
          @Differentiable static double activeFactor(double[] x, double t) {
            double r = 0;
            double power = 1;
            for (int j = 0; j < x.length; j++) {
              r += x[j] * power;
              power *= t;
            }
            return r * r;
          }
        }
        """);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    double[] x = {0.3, -0.7, 0.45, 0.2, -0.15};
    MixedGradients.assertMatches(compiled, "fo.Series", "llsq", 1e-7, new int[] {0}, x, 9);
    MixedGradients.assertMatches(compiled, "fo.Series", "damped", 1e-7, new int[] {0, 1},
        x, 0.8);
    MixedGradients.assertMatches(compiled, "fo.Series", "activeFactor", 1e-7,
        new int[] {0, 1}, x, 0.6);
  }

  @Test
  void aHessianThroughALoopWhoseAdjointRunsForwardsMatchesDifferencesOfTheGradient() {
    double[] x = {0.3, -0.7, 0.45};
    double q = 0.8;
    double[][] hessian = (double[][]) Compiled.components(
        compiled.call("fo.SeriesGradients", "dampedHessian", x.clone(), q)).get("hessian");
    for (int i = 0; i < x.length; i++) {
      int row = i;
      double[] numeric = FiniteDifferences.gradient(p -> ((double[]) Compiled.components(
          compiled.call("fo.SeriesGradients", "damped", p, q)).get("dX"))[row], x.clone());
      for (int j = 0; j < x.length; j++) {
        assertTrue(FiniteDifferences.relativeError(hessian[i][j], numeric[j]) < 1e-6,
            "H[" + i + "][" + j + "] " + hessian[i][j] + ", differences " + numeric[j]);
      }
    }
  }

  /**
   * The least squares' forward sweep keeps the residual and the power once per point, and its
   * inner loop keeps nothing; the power an iteration overwrites waits in a local until its
   * adjoint reads it. The loop of a differentiable factor keeps a power per iteration.
   */
  @Test
  void aLoopWhoseAdjointRunsForwardsKeepsItsStateOnceAndNothingPerIteration() {
    String llsq = compiled.pullbackBody("fo.SeriesGradients", "llsqPullback");
    assertTrue(llsq.contains("// adjoint in forward order: iterations meet only through"
        + " accumulators;\n"), llsq);
    assertTrue(llsq.contains("// keeps r, power once"), llsq);
    String innerForward = between(llsq, "while (j < x.length) {", "}");
    assertFalse(innerForward.contains("workspace"), innerForward);
    String damped = compiled.pullbackBody("fo.SeriesGradients", "dampedPullback");
    assertTrue(damped.contains("// keeps up, down, weight, decay once"), damped);
    assertEquals(0, count(between(damped, "while (j < x.length) {", "}"), "workspace"), damped);
    String active = compiled.pullbackBody("fo.SeriesGradients", "activeFactorPullback");
    assertFalse(active.contains("forward order"), active);
    assertTrue(active.contains("workspace.pushDouble(_power)"), active);
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertTrue(from >= 0, start + " in " + text);
    return text.substring(from, text.indexOf(end, from + start.length()));
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
