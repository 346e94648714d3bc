package dev.leibniz.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Newton's method with the generated Hessian against gradient descent on 100-dimensional
 * Rosenbrock, from the origin: iterations to a gradient norm of 1e-8, and the time each took
 * (printed, not asserted: the machines are shared).
 */
class SecondOrderSamplesTest {
  @Test
  void newtonWithTheGeneratedHessianReachesTheMinimumGradientDescentDoesNot() {
    double[] start = new double[100];
    int[] newtonSteps = {0};
    long began = System.nanoTime();
    double[] newton = NewtonMinimiser.minimise(start, 1e-8, 500, newtonSteps);
    long newtonNanos = System.nanoTime() - began;
    assertTrue(NewtonMinimiser.norm(RosenbrockGradients.value(newton).dX()) < 1e-8);
    for (double xi : newton) {
      assertEquals(1.0, xi, 1e-8, "the minimum is at (1, …, 1)");
    }
    began = System.nanoTime();
    double[] descent = Rosenbrock.minimise(start, 1e-8, 20_000);
    long descentNanos = System.nanoTime() - began;
    double descentNorm = NewtonMinimiser.norm(RosenbrockGradients.value(descent).dX());
    System.out.printf("Rosenbrock-100 to |g| < 1e-8: Newton %d steps (%.1f ms); gradient descent"
        + " stopped at |g| = %.2g after 20,000 steps (%.1f ms)%n", newtonSteps[0],
        newtonNanos / 1e6, descentNorm, descentNanos / 1e6);
    assertTrue(newtonSteps[0] < 500, "Newton converged within its 500 steps: " + newtonSteps[0]);
    assertTrue(descentNorm > 1e-8, "gradient descent needs far more than 20,000 steps");
  }
}
