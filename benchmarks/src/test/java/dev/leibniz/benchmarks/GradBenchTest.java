package dev.leibniz.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The GradBench problems: the generated gradients against finite differences, and the
 * hand-written adjoints the benchmarks compare with against the generated gradients, so that
 * the ratios compare equal work.
 */
class GradBenchTest {
  @Test
  void ode() {
    double[] x = new Random(31).doubles(7, 0.5, 1.5).toArray();
    int steps = 12;
    double[] numeric = FiniteDifferences.gradient(v -> GradBench.ode(v, steps), x.clone());
    var generated = GradBenchGradients.ode(x, steps);
    double[] dX = new double[x.length];
    double value = GradBenchAdjoints.ode(x, steps, dX, new double[steps * x.length],
        new double[10 * x.length]);
    assertEquals(GradBench.ode(x, steps), generated.value(), 0.0);
    assertEquals(generated.value(), value, 1e-14);
    for (int i = 0; i < x.length; i++) {
      assertEquals(numeric[i], generated.dX()[i], 1e-8 * Math.max(1, Math.abs(numeric[i])));
      assertEquals(generated.dX()[i], dX[i], 1e-12 * Math.max(1, Math.abs(dX[i])));
    }
  }

  @Test
  void llsq() {
    double[] x = new Random(32).doubles(6, -1, 1).toArray();
    int points = 50;
    double[] numeric = FiniteDifferences.gradient(v -> GradBench.llsq(v, points), x.clone());
    var generated = GradBenchGradients.llsq(x, points);
    double[] dX = new double[x.length];
    double value = GradBenchAdjoints.llsq(x, points, dX);
    assertEquals(generated.value(), value, 1e-12);
    for (int i = 0; i < x.length; i++) {
      assertEquals(numeric[i], generated.dX()[i], 1e-7 * Math.max(1, Math.abs(numeric[i])));
      assertEquals(generated.dX()[i], dX[i], 1e-11 * Math.max(1, Math.abs(dX[i])));
    }
  }

  @Test
  void kmeans() {
    double[][] c = KmeansBenchmark.matrix(new Random(33), 4, 3);
    double[][] p = KmeansBenchmark.matrix(new Random(34), 40, 3);
    double[] flat = new double[12];
    for (int j = 0; j < 4; j++) {
      System.arraycopy(c[j], 0, flat, 3 * j, 3);
    }
    double[] numeric = FiniteDifferences.gradient(v -> GradBench.kmeans(rows(v), p), flat);
    var generated = GradBenchGradients.kmeans(c, p);
    double[][] dC = new double[4][3];
    double value = GradBenchAdjoints.kmeans(c, p, dC);
    assertEquals(generated.value(), value, 1e-12);
    for (int j = 0; j < 4; j++) {
      for (int l = 0; l < 3; l++) {
        assertEquals(numeric[3 * j + l], generated.dC()[j][l], 1e-7);
        assertEquals(generated.dC()[j][l], dC[j][l], 1e-12);
      }
    }
  }

  @Test
  void gmm() {
    int d = 3;
    int k = 4;
    var mixture = GmmBenchmark.Mixture.random(new Random(35), d, k, 30);
    var generated = GradBenchGradients.gmm(mixture.alphas(), mixture.means(), mixture.icf(),
        mixture.x(), 1.3, 2);
    double[] dAlphas = new double[k];
    double[][] dMeans = new double[k][d];
    double[][] dIcf = new double[k][d * (d + 1) / 2];
    double value = GradBenchAdjoints.gmm(mixture.alphas(), mixture.means(), mixture.icf(),
        mixture.x(), 1.3, 2, dAlphas, dMeans, dIcf, new double[2 * k * d + 2 * k]);
    assertEquals(generated.value(), value, 1e-11 * Math.abs(value));
    double[] numericAlphas = FiniteDifferences.gradient(a -> GradBench.gmm(a, mixture.means(),
        mixture.icf(), mixture.x(), 1.3, 2), mixture.alphas().clone());
    for (int c = 0; c < k; c++) {
      assertEquals(numericAlphas[c], generated.dAlphas()[c], 1e-7 * Math.max(1,
          Math.abs(numericAlphas[c])));
      assertEquals(generated.dAlphas()[c], dAlphas[c], 1e-10);
      int row = c;
      double[] numericMeans = FiniteDifferences.gradient(r -> GradBench.gmm(mixture.alphas(),
          replaced(mixture.means(), row, r), mixture.icf(), mixture.x(), 1.3, 2),
          mixture.means()[c].clone());
      double[] numericIcf = FiniteDifferences.gradient(r -> GradBench.gmm(mixture.alphas(),
          mixture.means(), replaced(mixture.icf(), row, r), mixture.x(), 1.3, 2),
          mixture.icf()[c].clone());
      for (int j = 0; j < d; j++) {
        assertEquals(numericMeans[j], generated.dMeans()[c][j], 1e-7 * Math.max(1,
            Math.abs(numericMeans[j])));
        assertEquals(generated.dMeans()[c][j], dMeans[c][j], 1e-10);
      }
      for (int j = 0; j < numericIcf.length; j++) {
        assertEquals(numericIcf[j], generated.dIcf()[c][j], 1e-7 * Math.max(1,
            Math.abs(numericIcf[j])));
        assertEquals(generated.dIcf()[c][j], dIcf[c][j], 1e-10);
      }
    }
  }

  private static double[][] replaced(double[][] m, int row, double[] values) {
    double[][] copy = m.clone();
    copy[row] = values;
    return copy;
  }

  private static double[][] rows(double[] flat) {
    double[][] c = new double[flat.length / 3][];
    for (int j = 0; j < c.length; j++) {
      c[j] = java.util.Arrays.copyOfRange(flat, 3 * j, 3 * j + 3);
    }
    return c;
  }
}
