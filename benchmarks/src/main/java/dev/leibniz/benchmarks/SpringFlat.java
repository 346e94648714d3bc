package dev.leibniz.benchmarks;

import dev.leibniz.Differentiable;

/**
 * The samples' {@code SpringPair.energyAfter} written without records, each particle's state in
 * five doubles: the twin the record version is measured against.
 */
public final class SpringFlat {
  private SpringFlat() {}

  /** As {@code SpringPair.energyAfter}, the particles' components as parameters. */
  @Differentiable
  public static double energyAfter(double ax, double ay, double avx, double avy, double am,
      double bx, double by, double bvx, double bvy, double bm, double stiffness, double rest,
      double dt, int steps) {
    for (int step = 0; step < steps; step++) {
      double dx = bx - ax;
      double dy = by - ay;
      double length = Math.sqrt(dx * dx + dy * dy);
      double pull = stiffness * (length - rest) / length;
      avx = avx + dt * pull * dx / am;
      avy = avy + dt * pull * dy / am;
      bvx = bvx - dt * pull * dx / bm;
      bvy = bvy - dt * pull * dy / bm;
      ax = ax + dt * avx;
      ay = ay + dt * avy;
      bx = bx + dt * bvx;
      by = by + dt * bvy;
    }
    double dx = bx - ax;
    double dy = by - ay;
    double stretch = Math.sqrt(dx * dx + dy * dy) - rest;
    return 0.5 * am * (avx * avx + avy * avy) + 0.5 * bm * (bvx * bvx + bvy * bvy)
        + 0.5 * stiffness * stretch * stretch;
  }
}
