package dev.leibniz.processor.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Checks of a generated Hessian that do not trust the processor: symmetry, central differences
 * of the generated gradient (which the oracle checks separately), and agreement with the
 * generated Hessian-vector product.
 */
final class Hessians {
  /** Small enough that no branch of the generated programs jumps within it for their seeds. */
  private static final double STEP = 1e-5;

  private Hessians() {}

  /**
   * {@code hessian} is symmetric and row i is the difference quotient of gradient i; false,
   * with nothing checked, where the gradient is not finite.
   */
  static boolean assertDifferencesOfGradient(double[][] hessian,
      Function<double[], double[]> gradient, double[] point, String context) {
    if (!Arrays.stream(gradient.apply(point)).allMatch(Double::isFinite)) {
      // The program overflows here (a recurrence of powers of a growing value): the oracle has
      // checked the gradient's NaN, and differences of it say nothing.
      inconclusive += point.length * point.length;
      return false;
    }
    for (int i = 0; i < point.length; i++) {
      int row = i;
      double[] numeric = FiniteDifferences.gradient(p -> gradient.apply(p)[row], point.clone(),
          STEP);
      double[] finer = null;
      for (int j = 0; j < point.length; j++) {
        assertEquals(hessian[j][i], hessian[i][j], 1e-9 * Math.max(1, Math.abs(hessian[i][j])),
            "symmetric: " + context);
        if (!close(hessian[i][j], numeric[j]) && finer == null) {
          // Where the gradient is steep, differences over a tenth of the step are nearer the
          // derivative; a wrong second derivative is far from both.
          finer = FiniteDifferences.gradient(p -> gradient.apply(p)[row], point.clone(),
              STEP / 10);
        }
        boolean agrees = close(hessian[i][j], numeric[j]) || close(hessian[i][j], finer[j]);
        if (!agrees && !converged(numeric[j], finer[j])) {
          // Differences over two steps a decade apart disagree with each other: the program is
          // too steep here for them to say anything (values near overflow, say).
          inconclusive++;
          continue;
        }
        assertTrue(agrees, "H[" + i + "][" + j + "] " + hessian[i][j] + ", differences "
            + numeric[j] + " and " + (finer == null ? "-" : finer[j]) + " of " + context);
      }
    }
    return true;
  }

  /** How many entries the differences could not judge, for the tests' summaries. */
  static int inconclusive;

  /** Whether two difference quotients of one derivative agree to a thousandth. */
  private static boolean converged(double coarse, double fine) {
    return FiniteDifferences.relativeError(coarse, fine) < 1e-3 || Math.abs(coarse - fine) < 1e-6;
  }

  private static boolean close(double generated, double numeric) {
    return FiniteDifferences.relativeError(generated, numeric) < 1e-5
        || Math.abs(generated - numeric) < 1e-6;
  }

  /** {@code product} is {@code hessian} times {@code v}. */
  static void assertProduct(double[][] hessian, double[] v, double[] product, String context) {
    for (int i = 0; i < v.length; i++) {
      double expected = 0;
      for (int j = 0; j < v.length; j++) {
        expected += hessian[i][j] * v[j];
      }
      assertEquals(expected, product[i], 1e-9 * Math.max(1, Math.abs(expected)),
          "Hv of " + context);
    }
  }
}
