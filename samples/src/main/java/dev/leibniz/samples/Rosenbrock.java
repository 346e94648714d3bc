package dev.leibniz.samples;

import dev.leibniz.Differentiable;

/**
 * The n-dimensional Rosenbrock function, Σ 100 (x[i+1] − x[i]²)² + (1 − x[i])², whose minimum 0
 * lies at (1, …, 1) at the bottom of a long curved valley, and a minimiser driven by its
 * generated gradient.
 */
public final class Rosenbrock {
  private Rosenbrock() {}

  /**
   * The function's value at {@code x}; of order 2, so that Newton's method has its Hessian.
   *
   * @param x the point
   * @return Σ 100 (x[i+1] − x[i]²)² + (1 − x[i])²
   */
  @Differentiable(order = 2)
  public static double value(double[] x) {
    double sum = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double valley = x[i + 1] - x[i] * x[i];
      double offset = 1 - x[i];
      sum += 100 * valley * valley + offset * offset;
    }
    return sum;
  }

  /**
   * Gradient descent with a backtracking (Armijo) line search from {@code start}, until the
   * gradient's norm falls below {@code tolerance} or {@code maxSteps} steps are taken.
   *
   * @return the point reached
   */
  public static double[] minimise(double[] start, double tolerance, int maxSteps) {
    double[] x = start.clone();
    double step = 1e-3;
    for (int k = 0; k < maxSteps; k++) {
      RosenbrockGradients.Value here = RosenbrockGradients.value(x);
      double[] g = here.dX();
      double norm2 = 0;
      for (double gi : g) {
        norm2 += gi * gi;
      }
      if (Math.sqrt(norm2) < tolerance) {
        break;
      }
      step *= 2;
      double[] next = new double[x.length];
      while (true) {
        for (int i = 0; i < x.length; i++) {
          next[i] = x[i] - step * g[i];
        }
        if (value(next) <= here.value() - 0.5 * step * norm2 || step < 1e-12) {
          break;
        }
        step /= 2;
      }
      x = next;
    }
    return x;
  }
}
