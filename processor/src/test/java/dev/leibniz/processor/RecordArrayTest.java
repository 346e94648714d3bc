package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import java.lang.reflect.Constructor;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arrays of records as differentiable values: parameters whose gradient is an array of records,
 * local arrays of records written element by element and read by for-each, arrays of records
 * passed to methods and held in a record, int and float components kept. Checked against
 * central differences of the user's method.
 */
class RecordArrayTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package ra;

        import dev.leibniz.Differentiable;

        public class A {
          public record Vec(double x, double y) {}

          public record Particle(Vec pos, Vec vel, double mass, String name) {}

          public record Cell(float v, double w, int n) {}

          /** An array of records: each component an array, the gradient an array of records. */
          @Differentiable
          static double cluster(Particle[] ps, double soft) {
            double e = 0;
            for (int i = 0; i < ps.length; i++) {
              Particle a = ps[i];
              e += 0.5 * a.mass() * (a.vel().x() * a.vel().x() + a.vel().y() * a.vel().y());
              for (int j = i + 1; j < ps.length; j++) {
                double dx = a.pos().x() - ps[j].pos().x();
                double dy = a.pos().y() - ps[j].pos().y();
                e -= a.mass() * ps[j].mass() / Math.sqrt(dx * dx + dy * dy + soft);
              }
            }
            return e;
          }

          /**
           * Local arrays of records written element by element, read by for-each, passed to a
           * method taking an array of records.
           */
          @Differentiable
          static double swarm(Particle[] ps, double dt) {
            Particle[] state = new Particle[ps.length];
            for (int i = 0; i < ps.length; i++) {
              state[i] = ps[i];
            }
            for (int step = 0; step < 4; step++) {
              Particle[] next = new Particle[state.length];
              for (int i = 0; i < state.length; i++) {
                Particle b = state[i];
                Vec v = new Vec(b.vel().x() - dt * b.pos().x() / b.mass(),
                    b.vel().y() - dt * Math.sin(b.pos().y()));
                next[i] = new Particle(new Vec(b.pos().x() + dt * v.x(),
                    b.pos().y() + dt * v.y()), v, b.mass(), "q");
              }
              for (int i = 0; i < state.length; i++) {
                state[i] = next[i];
              }
            }
            double e = 0;
            for (Particle b : state) {
              e += b.mass() * (b.vel().x() * b.vel().x() + b.vel().y() * b.vel().y());
            }
            return e + cluster(state, 0.01);
          }

          static double swarm(double[] v) {
            return swarm(particles(v), v[v.length - 1]);
          }

          public record Swarm(Particle[] ps, double t, int n) {}

          /** Arrays of records with float and int components, the ints read and written. */
          @Differentiable
          static double cells(Cell[] cs, double r) {
            Cell[] grown = new Cell[cs.length];
            for (int i = 0; i < cs.length; i++) {
              grown[i] = new Cell(cs[i].v() * 2, cs[i].w() * r, cs[i].n() + 1);
            }
            double s = 0;
            for (Cell c : grown) {
              s += c.w() * c.n() + c.v();
            }
            return s;
          }

          /** A record holding an array of records: read through s.ps()[i], s.ps().length. */
          @Differentiable
          static double swarmEnergy(Swarm s) {
            double sum = 0;
            for (int i = 0; i < s.ps().length; i++) {
              sum += s.ps()[i].mass() * s.ps()[i].pos().x() * s.t();
            }
            for (Particle p : s.ps()) {
              sum += p.vel().y() * p.pos().y();
            }
            return sum * s.n();
          }

          @Differentiable
          static double swarmOuter(Swarm s, double k) {
            return swarmEnergy(s) * k + s.t() + cluster(s.ps(), 0.01);
          }

          static double swarmOuter(double[] v) {
            return swarmOuter(new Swarm(particles(v), v[v.length - 1], 3), 1.5);
          }

          static Swarm swarmOf(double[] v) {
            return new Swarm(particles(v), v[v.length - 1], 3);
          }

          static Particle[] particles(double[] v) {
            var ps = new Particle[v.length / 5];
            for (int i = 0; i < ps.length; i++) {
              ps[i] = particle(java.util.Arrays.copyOfRange(v, 5 * i, 5 * i + 6));
            }
            return ps;
          }

          static double cluster(double[] v) {
            return cluster(particles(v), v[v.length - 1]);
          }

          static Particle particle(double[] v) {
            return new Particle(new Vec(v[0], v[1]), new Vec(v[2], v[3]), v[4], "p");
          }
        }
        """);
  }

  @Test
  void anArrayOfRecordsHasAnArrayOfRecordsAsItsGradient() {
    double[] point = {0.1, 0.2, 0.3, -0.2, 1.0, 1.3, -0.4, 0.1, 0.5, 2.0, -0.7, 0.9, -0.3,
        0.2, 0.5, 0.01};
    Object ps = compiled.call("ra.A", "particles", (Object) point.clone());
    Map<String, Object> g = Compiled.components(compiled.call("ra.AGradients", "cluster", ps,
        point[15]));
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("ra.A", "cluster",
        (Object) v), point.clone());
    Object[] dPs = (Object[]) g.get("dPs");
    assertEquals(3, dPs.length);
    assertParticles(dPs, numeric);
    for (Object dP : dPs) {
      assertEquals("p", Compiled.components(dP).get("name"), "constants are copied");
    }
    assertEquals(numeric[15], (double) g.get("dSoft"), 1e-6 * Math.max(1, Math.abs(numeric[15])));
  }

  @Test
  void localArraysOfRecordsAndArraysOfRecordsPassedToMethods() {
    double[] point = {0.1, 0.2, 0.3, -0.2, 1.0, 1.3, -0.4, 0.1, 0.5, 2.0, 0.05};
    Object ps = compiled.call("ra.A", "particles", (Object) point.clone());
    Map<String, Object> g = Compiled.components(compiled.call("ra.AGradients", "swarm", ps,
        point[10]));
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("ra.A", "swarm",
        (Object) v), point.clone());
    Object[] dPs = (Object[]) g.get("dPs");
    assertParticles(dPs, numeric);
    assertEquals(numeric[10], (double) g.get("dDt"), 1e-6 * Math.max(1, Math.abs(numeric[10])));
  }

  @Test
  void aRecordHoldingAnArrayOfRecords() {
    double[] point = {0.1, 0.2, 0.3, -0.2, 1.0, 1.3, -0.4, 0.1, 0.5, 2.0, 0.7};
    Object swarm = compiled.call("ra.A", "swarmOf", (Object) point.clone());
    Map<String, Object> g = Compiled.components(compiled.call("ra.AGradients", "swarmOuter",
        swarm, 1.5));
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("ra.A",
        "swarmOuter", (Object) v), point.clone());
    Map<String, Object> dS = Compiled.components(g.get("dS"));
    Object[] dPs = (Object[]) dS.get("ps");
    assertParticles(dPs, numeric);
    assertEquals(numeric[10], (double) dS.get("t"), 1e-6 * Math.max(1, Math.abs(numeric[10])));
    assertEquals(3, dS.get("n"), "a constant component is copied");
  }

  @Test
  void arraysOfRecordsKeepTheirIntAndFloatComponents() throws Exception {
    Constructor<?> make = compiled.load("ra.A$Cell").getDeclaredConstructors()[0];
    Object cells = java.lang.reflect.Array.newInstance(compiled.load("ra.A$Cell"), 2);
    java.lang.reflect.Array.set(cells, 0, make.newInstance(0.5f, 0.3, 2));
    java.lang.reflect.Array.set(cells, 1, make.newInstance(-1.5f, 0.7, 4));
    Map<String, Object> g = Compiled.components(compiled.call("ra.AGradients", "cells", cells,
        1.1));
    Object[] dCs = (Object[]) g.get("dCs");
    // s = Σ wᵢ r (nᵢ + 1) + 2 vᵢ, by hand.
    assertEquals(1.1 * 3, (double) Compiled.components(dCs[0]).get("w"), 1e-12);
    assertEquals(1.1 * 5, (double) Compiled.components(dCs[1]).get("w"), 1e-12);
    assertEquals(2f, (float) Compiled.components(dCs[0]).get("v"), 0f);
    assertEquals(4, Compiled.components(dCs[1]).get("n"), "the int is copied");
    assertEquals(0.3 * 3 + 0.7 * 5, (double) g.get("dR"), 1e-12);
  }

  /** Each particle's gradient record against differences: pos, vel, mass, five per particle. */
  private static void assertParticles(Object[] dPs, double[] numeric) {
    for (int k = 0; k < dPs.length; k++) {
      Map<String, Object> d = Compiled.components(dPs[k]);
      double[] generated = {(double) Compiled.components(d.get("pos")).get("x"),
          (double) Compiled.components(d.get("pos")).get("y"),
          (double) Compiled.components(d.get("vel")).get("x"),
          (double) Compiled.components(d.get("vel")).get("y"), (double) d.get("mass")};
      for (int c = 0; c < 5; c++) {
        double expected = numeric[5 * k + c];
        assertEquals(expected, generated[c], 1e-7 * Math.max(1, Math.abs(expected)),
            "particle " + k + ", component " + c);
      }
    }
  }
}
