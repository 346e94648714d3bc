package dev.leibniz.benchmarks;

import dev.leibniz.Differentiable;

/**
 * A row of pendulums stepped by symplectic Euler, twice: with the state as a record of vectors
 * returned by a step method ({@code s = step(s, dt)}), and written out with arrays updated in
 * place. The second is what a hand-written adjoint would start from.
 */
public final class Pendulums {
  private Pendulums() {}

  /** The positions and momenta of the pendulums. */
  public record State(double[] q, double[] p) {}

  /** One step: new arrays for the new state. */
  @Differentiable
  public static State step(State s, double dt) {
    double[] p = new double[s.p().length];
    double[] q = new double[s.q().length];
    for (int i = 0; i < q.length; i++) {
      p[i] = s.p()[i] - dt * Math.sin(s.q()[i]);
      q[i] = s.q()[i] + dt * p[i];
    }
    return new State(q, p);
  }

  /** The energy after {@code steps} steps, the state a record reassigned in the loop. */
  @Differentiable
  public static double energy(State s0, double dt, int steps) {
    State s = s0;
    for (int k = 0; k < steps; k++) {
      s = step(s, dt);
    }
    double e = 0;
    for (int i = 0; i < s.q().length; i++) {
      e += 0.5 * s.p()[i] * s.p()[i] + 1 - Math.cos(s.q()[i]);
    }
    return e;
  }

  /** The same energy, the state two arrays updated in place. */
  @Differentiable
  public static double energyArrays(double[] q0, double[] p0, double dt, int steps) {
    double[] q = q0.clone();
    double[] p = p0.clone();
    for (int k = 0; k < steps; k++) {
      for (int i = 0; i < q.length; i++) {
        p[i] = p[i] - dt * Math.sin(q[i]);
        q[i] = q[i] + dt * p[i];
      }
    }
    double e = 0;
    for (int i = 0; i < q.length; i++) {
      e += 0.5 * p[i] * p[i] + 1 - Math.cos(q[i]);
    }
    return e;
  }
}
