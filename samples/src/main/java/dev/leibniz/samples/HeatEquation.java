package dev.leibniz.samples;

import dev.leibniz.Differentiable;

/**
 * The heat equation on a rod, {@code ∂u/∂t = κ ∂²u/∂x² + q}, stepped explicitly by finite
 * differences with the ends held at zero: how far the temperature after {@code steps} steps is
 * from a target profile, as a function of the conductivity κ and the heat source q. Each step
 * overwrites the whole state, so a gradient saving every overwritten value keeps
 * {@code 8 · (n − 2)} bytes per step: 800 MB for 10⁶ steps of a rod of 102 points, which a
 * {@code Workspace} with a budget brings down to what the budget allows.
 */
public final class HeatEquation {
  private HeatEquation() {}

  /**
   * The squared distance of the rod's temperature after {@code steps} steps, from
   * {@code initial}, to {@code target}.
   *
   * @param kappa the conductivity times the time step over the grid spacing squared (stable
   *     below 0.5)
   * @param source the heat added per step at every inner point
   */
  @Differentiable
  public static double mismatch(double kappa, double source, double[] initial, double[] target,
      int steps) {
    int n = initial.length;
    double[] u = initial.clone();
    double[] next = new double[n];
    for (int t = 0; t < steps; t++) {
      for (int i = 1; i < n - 1; i++) {
        next[i] = u[i] + kappa * (u[i - 1] - 2 * u[i] + u[i + 1]) + source;
      }
      for (int i = 1; i < n - 1; i++) {
        u[i] = next[i];
      }
    }
    double distance = 0;
    for (int i = 0; i < n; i++) {
      distance += (u[i] - target[i]) * (u[i] - target[i]);
    }
    return distance;
  }

  /** A rod of {@code points} points, warm in the middle, cold at the ends. */
  public static double[] initial(int points) {
    double[] u = new double[points];
    for (int i = 0; i < points; i++) {
      u[i] = Math.sin(Math.PI * i / (points - 1));
    }
    return u;
  }

  /** A target profile: a lower, flatter bump. */
  public static double[] target(int points) {
    double[] target = new double[points];
    for (int i = 1; i < points - 1; i++) {
      target[i] = 0.3 * Math.sin(Math.PI * i / (points - 1));
    }
    return target;
  }
}
