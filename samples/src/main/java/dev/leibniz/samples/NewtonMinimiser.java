package dev.leibniz.samples;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Newton's method on Rosenbrock's function with the Hessian Leibniz generates: each step
 * solves H d = −g, damped (H + λI) until H + λI is positive definite and the step decreases the
 * function, the way trust-region codes do.
 */
public final class NewtonMinimiser {
  private NewtonMinimiser() {}

  /**
   * Newton steps from {@code start} until the gradient's norm is below {@code tolerance};
   * {@code iterations[0]} receives how many were taken.
   */
  public static double[] minimise(double[] start, double tolerance, int maxSteps,
      int[] iterations) {
    double[] x = start.clone();
    double lambda = 1e-3;
    for (int k = 0; k < maxSteps; k++) {
      var second = RosenbrockGradients.valueHessian(x);
      double[] g = second.dX();
      if (norm(g) < tolerance) {
        iterations[0] = k;
        return x;
      }
      while (true) {
        double[] next = step(x, g, second.hessian(), lambda);
        if (next != null && Rosenbrock.value(next) < second.value()) {
          x = next;
          lambda = Math.max(lambda / 10, 1e-12);
          break;
        }
        lambda *= 10;
      }
    }
    iterations[0] = maxSteps;
    return x;
  }

  /** x − (H + λI)⁻¹ g, or null where H + λI is not positive definite. */
  private static double[] step(double[] x, double[] g, double[][] hessian, double lambda) {
    RealMatrix damped = new Array2DRowRealMatrix(hessian);
    for (int i = 0; i < x.length; i++) {
      damped.addToEntry(i, i, lambda);
    }
    try {
      double[] d = new CholeskyDecomposition(damped).getSolver()
          .solve(new ArrayRealVector(g, false)).toArray();
      double[] next = x.clone();
      for (int i = 0; i < x.length; i++) {
        next[i] -= d[i];
      }
      return next;
    } catch (org.hipparchus.exception.MathIllegalArgumentException notPositiveDefinite) {
      return null;
    }
  }

  static double norm(double[] v) {
    double sum = 0;
    for (double e : v) {
      sum += e * e;
    }
    return Math.sqrt(sum);
  }
}
