package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backward loops skipped while the adjoints they read are zero: a centroid's coordinates when it
 * is not the nearest, a ReLU unit's inputs while it is off. Checked against finite differences
 * where some loops are skipped and others not; loops that step an index of their own, or whose
 * counter a statement before them reads, are checked too, and the first is never skipped, since
 * its index must end where the loop leaves it. A centroid at infinity, which the objective does
 * not depend on, gets a zero gradient rather than zero times infinity.
 */
class ZeroAdjointsTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package za;

        import dev.leibniz.Differentiable;
        import dev.leibniz.NoDerivative;

        public class Sparse {
          @Differentiable static double nearest(double[][] c, @NoDerivative double[][] p) {
            double total = 0;
            for (int i = 0; i < p.length; i++) {
              double best = 0;
              for (int j = 0; j < c.length; j++) {
                double d = 0;
                for (int l = 0; l < p[i].length; l++) {
                  double diff = p[i][l] - c[j][l];
                  d += diff * diff;
                }
                if (j == 0 || d < best) {
                  best = d;
                }
              }
              total += Math.sqrt(best + 1);
            }
            return total * total;
          }

          @Differentiable static double relu(double[][] w, double[] x, double[] v) {
            double out = 0;
            for (int i = 0; i < w.length; i++) {
              double z = 0;
              for (int j = 0; j < x.length; j++) {
                z += w[i][j] * x[j];
              }
              double h = Math.max(0, z);
              out += v[i] * h;
            }
            return Math.tanh(out);
          }

          /** k steps through a packed triangle: its backward loop steps it back. */
          @Differentiable static double triangle(double[] x, double[] packed) {
            double s = 0;
            int k = 0;
            for (int i = 0; i < x.length; i++) {
              double row = 0;
              for (int j = 0; j < i; j++) {
                row += packed[k] * x[j];
                k++;
              }
              if (row > 0) {
                s += row * x[i];
              }
            }
            return s;
          }

          /** The product before the inner loop reads the counter's value from before it. */
          @Differentiable static double counterReadBefore(double[] x) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
              int l = i;
              double q = x[l] * x[0];
              double d = 0;
              for (l = 0; l < x.length; l++) {
                d += x[l] * x[l];
              }
              if (d > 2) {
                s += d;
              }
              s += q;
            }
            return s;
          }
        }
        """);
  }

  @Test
  void skippedLoopsGiveTheGradientOfDifferences() {
    double[][] centroids = {{0.1, 0.4, -0.3}, {1.2, -0.5, 0.8}, {-0.9, 0.7, 0.2}};
    double[][] points = {{0.2, 0.3, -0.1}, {1.0, -0.2, 0.5}, {-0.6, 0.9, 0.4}, {0.1, 0.1, 0.1}};
    MixedGradients.assertMatches(compiled, "za.Sparse", "nearest", 1e-7, new int[] {0},
        centroids, points);
    double[][] w = {{0.5, -0.3, 0.2}, {-0.7, -0.4, 0.1}, {0.3, 0.6, -0.8}, {-0.2, -0.9, -0.5}};
    MixedGradients.assertMatches(compiled, "za.Sparse", "relu", 1e-7, new int[] {0, 1, 2},
        w, new double[] {0.4, 0.9, -0.3}, new double[] {0.7, -1.1, 0.5, 0.9});
    MixedGradients.assertMatches(compiled, "za.Sparse", "triangle", 1e-7, new int[] {0, 1},
        new double[] {0.5, -0.8, 0.3, 0.9}, new double[] {0.2, -0.4, 0.6, 0.1, 0.3, -0.7});
    MixedGradients.assertMatches(compiled, "za.Sparse", "counterReadBefore", 1e-7,
        new int[] {0}, (Object) new double[] {0.9, -0.7, 0.8});
  }

  @Test
  void aLoopIsSkippedOnlyWhereItsAdjointsCanBeShownToBeAllItReads() {
    String nearest = compiled.pullbackBody("za.SparseGradients", "nearestPullback");
    assertTrue(nearest.contains("// adds nothing while dD, dDiff are zero"), nearest);
    String relu = compiled.pullbackBody("za.SparseGradients", "reluPullback");
    assertTrue(relu.contains("if (dZ != 0.0) {"), relu);
    String triangle = compiled.pullbackBody("za.SparseGradients", "trianglePullback");
    assertFalse(triangle.contains("adds nothing"), triangle);
  }

  /**
   * The objective is the same for every value of a centroid no point is nearest to: its
   * gradient is zero, also where that centroid is at infinity and the local partials are not
   * finite.
   */
  @Test
  void aCentroidAtInfinityHasAZeroGradient() {
    double inf = Double.POSITIVE_INFINITY;
    double[][] centroids = {{0.1, 0.4, -0.3}, {inf, 0.0, 0.0}};
    double[][] points = {{0.2, 0.3, -0.1}, {1.0, -0.2, 0.5}};
    Map<String, Object> result = Compiled.components(
        compiled.call("za.SparseGradients", "nearest", centroids, points));
    double[][] gradient = (double[][]) result.get("dC");
    assertEquals(0.0, gradient[1][0]);
    assertEquals(0.0, gradient[1][1]);
    assertTrue(Double.isFinite(gradient[0][0]) && gradient[0][0] != 0, "" + gradient[0][0]);
  }
}
