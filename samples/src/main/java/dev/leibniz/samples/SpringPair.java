package dev.leibniz.samples;

import dev.leibniz.Differentiable;

/**
 * Two particles joined by a spring, stepped by symplectic Euler with records for their state:
 * the gradient of the energy after k steps with respect to the initial positions, velocities
 * and masses, and to the spring's constants.
 */
public final class SpringPair {
  private SpringPair() {}

  /** A vector in the plane. */
  public record Vec(double x, double y) {}

  /** A particle: where it is, how fast it moves, and its mass. */
  public record Particle(Vec pos, Vec vel, double mass) {}

  /** The total energy after {@code steps} steps of {@code dt}. */
  @Differentiable
  public static double energyAfter(Particle a, Particle b, double stiffness, double rest,
      double dt, int steps) {
    Particle p = a;
    Particle q = b;
    for (int step = 0; step < steps; step++) {
      double dx = q.pos().x() - p.pos().x();
      double dy = q.pos().y() - p.pos().y();
      double length = Math.sqrt(dx * dx + dy * dy);
      // The spring pulls p towards q and q towards p with force k (ℓ − rest) along d / ℓ.
      double pull = stiffness * (length - rest) / length;
      Vec pv = new Vec(p.vel().x() + dt * pull * dx / p.mass(),
          p.vel().y() + dt * pull * dy / p.mass());
      Vec qv = new Vec(q.vel().x() - dt * pull * dx / q.mass(),
          q.vel().y() - dt * pull * dy / q.mass());
      p = new Particle(new Vec(p.pos().x() + dt * pv.x(), p.pos().y() + dt * pv.y()), pv,
          p.mass());
      q = new Particle(new Vec(q.pos().x() + dt * qv.x(), q.pos().y() + dt * qv.y()), qv,
          q.mass());
    }
    return kinetic(p) + kinetic(q) + spring(p, q, stiffness, rest);
  }

  /** ½ m |v|². */
  @Differentiable
  public static double kinetic(Particle p) {
    return 0.5 * p.mass() * (p.vel().x() * p.vel().x() + p.vel().y() * p.vel().y());
  }

  /** ½ k (ℓ − rest)². */
  @Differentiable
  public static double spring(Particle p, Particle q, double stiffness, double rest) {
    double dx = q.pos().x() - p.pos().x();
    double dy = q.pos().y() - p.pos().y();
    double stretch = Math.sqrt(dx * dx + dy * dy) - rest;
    return 0.5 * stiffness * stretch * stretch;
  }

  /** Prints the energy and its sensitivity to the first particle's mass. */
  public static void main(String[] args) {
    var a = new Particle(new Vec(0, 0), new Vec(0, 0.5), 1.0);
    var b = new Particle(new Vec(1.5, 0), new Vec(0, -0.5), 2.0);
    var g = SpringPairGradients.energyAfter(a, b, 3.0, 1.0, 0.01, 500);
    System.out.printf("energy after 500 steps %.6f (initially %.6f); d/dmass of a %.6f%n",
        g.value(), kinetic(a) + kinetic(b) + spring(a, b, 3.0, 1.0), g.dA().mass());
  }
}
