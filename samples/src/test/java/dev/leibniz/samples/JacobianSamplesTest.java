package dev.leibniz.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Jacobians as Java users consume them: Levenberg–Marquardt fitting a sum of exponentials, and
 * implicit Euler on Robertson's stiff kinetics; each Jacobian against finite differences.
 */
class JacobianSamplesTest {
  private static final double[] TRUTH = {2.0, 0.7, 1.0, 0.05};

  @Test
  void levenbergMarquardtRecoversTheExponentials() {
    var random = new Random(3);
    double[] times = new double[40];
    double[] observed = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      times[i] = 0.5 * i;
      observed[i] = ExponentialFit.model(TRUTH, times)[i] + 1e-4 * random.nextGaussian();
    }
    var optimum = ExponentialFit.fit(times, observed, new double[] {1.5, 1.0, 0.5, 0.1});
    double[] fitted = optimum.getPoint().toArray();
    for (int i = 0; i < TRUTH.length; i++) {
      assertEquals(TRUTH[i], fitted[i], 5e-3 * TRUTH[i], "parameter " + i);
    }
    assertTrue(optimum.getRMS() < 2e-4, "rms " + optimum.getRMS());
  }

  @Test
  void theModelsJacobianMatchesFiniteDifferences() {
    double[] times = {0.0, 0.7, 2.5, 9.0};
    double[][] jacobian = ExponentialFitGradients.model(TRUTH, times).dP();
    for (int k = 0; k < times.length; k++) {
      int row = k;
      double[] numeric = FiniteDifferences.gradient(
          p -> ExponentialFit.model(p, times)[row], TRUTH.clone());
      for (int j = 0; j < TRUTH.length; j++) {
        assertEquals(numeric[j], jacobian[k][j], 1e-8 * Math.max(1, Math.abs(numeric[j])));
      }
    }
  }

  @Test
  void implicitEulerIntegratesRobertsonToItsReferenceValues() {
    int[] iterations = {0};
    double[] y = Robertson.integrate(new double[] {1, 0, 0}, 40, 4_000, iterations);
    // Reference values at t = 40 (Hairer & Wanner); implicit Euler's error is O(h).
    assertEquals(0.7158, y[0], 2e-3);
    assertEquals(9.185e-6, y[1], 2e-7);
    assertEquals(0.2842, y[2], 2e-3);
    assertEquals(1.0, y[0] + y[1] + y[2], 1e-12, "mass is conserved");
    assertTrue(iterations[0] < 4_000 * 6, "Newton converges in a few iterations per step: "
        + iterations[0]);
  }

  @Test
  void robertsonsJacobianMatchesFiniteDifferences() {
    double[] y = {0.8, 2e-5, 0.2};
    double[][] jacobian = RobertsonGradients.rates(y).dY();
    for (int k = 0; k < 3; k++) {
      int row = k;
      for (int j = 0; j < 3; j++) {
        int column = j;
        double step = 1e-7 * Math.max(1e-5, Math.abs(y[j]));
        double numeric = FiniteDifferences.derivative(t -> {
          double[] moved = y.clone();
          moved[column] = t;
          return Robertson.rates(moved)[row];
        }, y[j], step);
        assertEquals(numeric, jacobian[k][j], 1e-6 * Math.max(1, Math.abs(numeric)));
      }
    }
  }
}
