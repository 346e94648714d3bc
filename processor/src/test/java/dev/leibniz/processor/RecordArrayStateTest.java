package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arrays of records as state that changes: a new array given to the state each step
 * ({@code state = next}), arrays of records written by methods, a record holding an array of
 * records built each step, and Jacobians with respect to an array of records. Checked against
 * central differences of the user's method.
 */
class RecordArrayStateTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package rs;

        import dev.leibniz.Differentiable;

        public class A {
          public record Body(double x, double v, double m) {}

          /** Double buffering: a new array of records each step, given to the state. */
          @Differentiable(order = 2)
          static double bodies(Body[] bodies, double dt, int steps) {
            Body[] state = bodies;
            for (int k = 0; k < steps; k++) {
              Body[] next = new Body[state.length];
              for (int i = 0; i < state.length; i++) {
                double f = 0;
                for (int j = 0; j < state.length; j++) {
                  if (j != i) {
                    f += state[j].m() * (state[j].x() - state[i].x());
                  }
                }
                double v = state[i].v() + dt * f;
                next[i] = new Body(state[i].x() + dt * v, v, state[i].m());
              }
              state = next;
            }
            double e = 0;
            for (Body b : state) {
              e += 0.5 * b.m() * b.v() * b.v() + b.x();
            }
            return e;
          }

          /** A method writing into an array of records. */
          @Differentiable
          static void drift(Body[] bs, double dt, Body[] out) {
            for (int i = 0; i < bs.length; i++) {
              out[i] = new Body(bs[i].x() + dt * bs[i].v(), bs[i].v() * bs[i].x(), bs[i].m());
            }
          }

          /** Arrays of records written by calls, one after the other. */
          @Differentiable
          static double drifted(Body[] bs, double dt) {
            Body[] a = new Body[bs.length];
            drift(bs, dt, a);
            Body[] b = new Body[bs.length];
            drift(a, dt, b);
            return b[0].x() * b[1].v() + b[2].m() * a[2].x();
          }

          static double drifted(double[] v) {
            return drifted(bodiesOf(v), v[9]);
          }

          /** A Jacobian with respect to an array of records, by rows (3 outputs, 10 inputs). */
          @Differentiable
          static double[] forces(Body[] bs, double k) {
            double[] f = new double[bs.length];
            for (int i = 0; i < bs.length; i++) {
              for (int j = 0; j < bs.length; j++) {
                f[i] += k * Math.sin(bs[j].x() - bs[i].x()) * bs[j].v() * bs[i].m();
              }
            }
            return f;
          }

          /** And by columns: 12 outputs of 10 inputs. */
          @Differentiable
          static double[] pairs(Body[] bs, double k) {
            double[] f = new double[12];
            for (int i = 0; i < 12; i++) {
              Body b = bs[i % 3];
              f[i] = Math.cos(k * i + b.x()) * b.v() + b.m() * b.m() * i;
            }
            return f;
          }

          static double[] forces(double[] v) {
            return forces(bodiesOf(v), v[9]);
          }

          static double[] pairs(double[] v) {
            return pairs(bodiesOf(v), v[9]);
          }

          static Body[] bodiesOf(double[] v) {
            return new Body[] {new Body(v[0], v[1], v[2]), new Body(v[3], v[4], v[5]),
                new Body(v[6], v[7], v[8])};
          }

          static double bodies(double[] v) {
            return bodies(bodiesOf(v), v[9], 4);
          }

          public record Swarm(Body[] bodies, double t) {}

          /** A record holding an array of records, built in a loop from a new array. */
          @Differentiable
          static double swarm(Body[] bodies, double dt) {
            Swarm s = new Swarm(bodies, 0);
            for (int k = 0; k < 3; k++) {
              Body[] next = new Body[s.bodies().length];
              for (int i = 0; i < next.length; i++) {
                Body b = s.bodies()[i];
                next[i] = new Body(b.x() + dt * b.v() * s.t(), b.v() - dt * Math.sin(b.x()),
                    b.m() * (1 + s.t()));
              }
              s = new Swarm(next, s.t() + dt);
            }
            double e = 0;
            for (Body b : s.bodies()) {
              e += b.x() * b.v() * b.m();
            }
            return e * s.t();
          }

          static double swarm(double[] v) {
            return swarm(bodiesOf(v), v[9]);
          }

          /** A method returning an array of records. */
          @Differentiable(order = 2)
          static Body[] kick(Body[] bs, double dt) {
            Body[] next = new Body[bs.length];
            for (int i = 0; i < bs.length; i++) {
              double v = bs[i].v() - dt * Math.sin(bs[i].x()) * bs[i].m();
              next[i] = new Body(bs[i].x() + dt * v, v, bs[i].m());
            }
            return next;
          }

          /** Its result given to a local in a loop and declared. */
          @Differentiable(order = 2)
          static double kicked(Body[] b0, double dt) {
            Body[] bs = b0;
            for (int k = 0; k < 4; k++) {
              bs = kick(bs, dt);
            }
            Body[] last = kick(bs, dt);
            double e = 0;
            for (Body b : last) {
              e += b.v() * b.v() * b.m() + b.x() * bs[0].v();
            }
            return e;
          }

          static double kicked(double[] v) {
            return kicked(bodiesOf(v), v[9]);
          }

          public record Tagged(double x, int id) {}

          /** An array of records with an int component, returned. */
          @Differentiable
          static Tagged[] shifted(Tagged[] ts, double d) {
            Tagged[] out = new Tagged[ts.length];
            for (int i = 0; i < ts.length; i++) {
              out[i] = new Tagged(ts[i].x() * d + ts[i].id(), ts[i].id() + 1);
            }
            return out;
          }

          @Differentiable
          static double tagged(Tagged[] ts, double d) {
            Tagged[] s = shifted(ts, d);
            s = shifted(s, d);
            return s[0].x() * s[1].id() + s[1].x() * s[0].id();
          }

          static double tagged(double[] v) {
            return tagged(new Tagged[] {new Tagged(v[0], 2), new Tagged(v[1], 5)}, v[2]);
          }

          /** Every number of an array of bodies, body by body. */
          static double[] flat(Body[] bs) {
            double[] flat = new double[3 * bs.length];
            for (int i = 0; i < bs.length; i++) {
              flat[3 * i] = bs[i].x();
              flat[3 * i + 1] = bs[i].v();
              flat[3 * i + 2] = bs[i].m();
            }
            return flat;
          }

          static double[] kick(double[] v) {
            return flat(kick(bodiesOf(v), v[9]));
          }
        }
        """);
  }

  @Test
  void anArrayOfRecordsGivenANewOneEachStep() {
    double[] point = {0.1, 0.2, 1.0, 0.5, -0.1, 2.0, -0.3, 0.3, 1.5, 0.05};
    Object bodies = compiled.call("rs.A", "bodiesOf", (Object) point.clone());
    Map<String, Object> g = Compiled.components(compiled.call("rs.AGradients", "bodies", bodies,
        point[9], 4));
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("rs.A", "bodies",
        (Object) v), point.clone());
    Object[] dBodies = (Object[]) g.get("dBodies");
    for (int k = 0; k < 3; k++) {
      Map<String, Object> d = Compiled.components(dBodies[k]);
      double[] generated = {(double) d.get("x"), (double) d.get("v"), (double) d.get("m")};
      for (int c = 0; c < 3; c++) {
        double expected = numeric[3 * k + c];
        assertEquals(expected, generated[c], 1e-7 * Math.max(1, Math.abs(expected)),
            "body " + k + ", component " + c);
      }
    }
    assertEquals(numeric[9], (double) g.get("dDt"), 1e-6 * Math.max(1, Math.abs(numeric[9])));
    // Forward mode along a direction of records agrees with the gradient.
    double[] direction = {0.3, -0.2, 0.1, 0.5, 0.4, -0.6, 0.2, 0.7, -0.1, 0.0};
    double tangent = (double) Compiled.components(compiled.call("rs.AGradients",
        "bodiesPushforward", bodies, point[9], 4, compiled.call("rs.A", "bodiesOf",
            (Object) direction), 0.0)).get("tangent");
    double along = 0;
    for (int i = 0; i < 9; i++) {
      along += numeric[i] * direction[i];
    }
    assertEquals(along, tangent, 1e-7 * Math.max(1, Math.abs(along)));
    // Its Hessian against differences of the gradient.
    double[][] hessian = (double[][]) Compiled.components(compiled.call("rs.AGradients",
        "bodiesHessian", bodies, point[9], 4)).get("hessian");
    assertHessianOfBodies(hessian, v -> flatBodies(Compiled.components(compiled.call(
        "rs.AGradients", "bodies", compiled.call("rs.A", "bodiesOf", (Object) v), v[9], 4))),
        point);
  }

  @Test
  void arraysOfRecordsWrittenByCalls() {
    double[] point = {0.1, 0.2, 1.0, 0.5, -0.1, 2.0, -0.3, 0.3, 1.5, 0.05};
    Map<String, Object> g = Compiled.components(compiled.call("rs.AGradients", "drifted",
        compiled.call("rs.A", "bodiesOf", (Object) point.clone()), point[9]));
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("rs.A", "drifted",
        (Object) v), point.clone());
    double[] generated = flatBodies(g, "dBs");
    for (int i = 0; i < point.length; i++) {
      assertEquals(numeric[i], generated[i], 1e-7 * Math.max(1, Math.abs(numeric[i])),
          "input " + i);
    }
  }

  @Test
  void jacobiansWithRespectToArraysOfRecords() {
    double[] point = {0.1, 0.2, 1.0, 0.5, -0.1, 2.0, -0.3, 0.3, 1.5, 0.8};
    for (String method : new String[] {"forces", "pairs"}) {
      Map<String, Object> jacobian = Compiled.components(compiled.call("rs.AGradients", method,
          compiled.call("rs.A", "bodiesOf", (Object) point.clone()), point[9]));
      Object[] dBs = (Object[]) jacobian.get("dBs");
      double[] dK = (double[]) jacobian.get("dK");
      for (int out = 0; out < dK.length; out++) {
        int output = out;
        double[] numeric = FiniteDifferences.gradient(v -> ((double[]) compiled.call("rs.A",
            method, (Object) v))[output], point.clone());
        Map<String, Object> row = Map.of("dBodies", dBs[out], "dDt", dK[out]);
        double[] generated = flatBodies(row);
        for (int i = 0; i < point.length; i++) {
          assertEquals(numeric[i], generated[i], 1e-7 * Math.max(1, Math.abs(numeric[i])),
              method + ": output " + out + ", input " + i);
        }
      }
    }
  }

  /** A gradient of {@code bodies}: each body's x, v and m, then dt. */
  private static double[] flatBodies(Map<String, Object> g) {
    return flatBodies(g, "dBodies");
  }

  private static double[] flatBodies(Map<String, Object> g, String accessor) {
    Object[] dBodies = (Object[]) g.get(accessor);
    double[] flat = new double[10];
    for (int k = 0; k < 3; k++) {
      Map<String, Object> d = Compiled.components(dBodies[k]);
      flat[3 * k] = (double) d.get("x");
      flat[3 * k + 1] = (double) d.get("v");
      flat[3 * k + 2] = (double) d.get("m");
    }
    flat[9] = (double) g.get("dDt");
    return flat;
  }

  @Test
  void aMethodReturningAnArrayOfRecords() {
    double[] point = {0.1, 0.2, 1.0, 0.5, -0.1, 2.0, -0.3, 0.3, 1.5, 0.05};
    Object bodies = compiled.call("rs.A", "bodiesOf", (Object) point.clone());
    Map<String, Object> g = Compiled.components(compiled.call("rs.AGradients", "kicked",
        bodies, point[9]));
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("rs.A", "kicked",
        (Object) v), point.clone());
    double[] generated = flatBodies(g, "dB0");
    for (int i = 0; i < point.length; i++) {
      assertEquals(numeric[i], generated[i], 1e-7 * Math.max(1, Math.abs(numeric[i])),
          "input " + i);
    }
    // Its pullback takes and returns arrays of records: the gradient of u · kick(v).
    double[] u = {0.7, -0.2, 0.4, 1.3, 0.1, -0.9, 0.6, 0.3, -0.5};
    double[] dScalars = new double[1];
    double[][] adjoints = {new double[3], new double[3], new double[3]};
    Object value = compiled.call("rs.AGradients", "kickPullback", bodies, point[9],
        compiled.call("rs.A", "bodiesOf", (Object) java.util.Arrays.copyOf(u, 10)), dScalars,
        adjoints[0], adjoints[1], adjoints[2]);
    org.junit.jupiter.api.Assertions.assertArrayEquals((double[]) compiled.call("rs.A", "kick",
        (Object) point.clone()), (double[]) compiled.call("rs.A", "flat", value), 1e-15);
    double[] pulled = FiniteDifferences.gradient(v -> {
      double[] out = (double[]) compiled.call("rs.A", "kick", (Object) v);
      double sum = 0;
      for (int i = 0; i < u.length; i++) {
        sum += u[i] * out[i];
      }
      return sum;
    }, point.clone());
    for (int b = 0; b < 3; b++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(pulled[3 * b + c], adjoints[c][b],
            1e-7 * Math.max(1, Math.abs(pulled[3 * b + c])), "body " + b + ", component " + c);
      }
    }
    assertEquals(pulled[9], dScalars[0], 1e-7 * Math.max(1, Math.abs(pulled[9])));
    // Its pushforward gives arrays of records.
    double[] direction = {0.3, -0.2, 0.1, 0.5, 0.4, -0.6, 0.2, 0.7, -0.1, 0.4};
    Object tangent = Compiled.components(compiled.call("rs.AGradients", "kickPushforward",
        bodies, point[9], compiled.call("rs.A", "bodiesOf", (Object) direction), direction[9]))
        .get("tangent");
    double[] flatTangent = (double[]) compiled.call("rs.A", "flat", tangent);
    for (int o = 0; o < flatTangent.length; o++) {
      int output = o;
      double expected = FiniteDifferences.derivative(h -> {
        double[] v = point.clone();
        for (int i = 0; i < v.length; i++) {
          v[i] += h * direction[i];
        }
        return ((double[]) compiled.call("rs.A", "kick", (Object) v))[output];
      }, 0);
      assertEquals(expected, flatTangent[o], 1e-7 * Math.max(1, Math.abs(expected)),
          "tangent " + o);
    }
  }

  @Test
  void aReturnedArrayOfRecordsKeepsItsIntComponents() throws Exception {
    double[] point = {0.4, -0.3, 1.2};
    Class<?> tagged = compiled.load("rs.A$Tagged");
    Object ts = java.lang.reflect.Array.newInstance(tagged, 2);
    java.lang.reflect.Array.set(ts, 0, tagged.getDeclaredConstructors()[0].newInstance(0.4, 2));
    java.lang.reflect.Array.set(ts, 1, tagged.getDeclaredConstructors()[0].newInstance(-0.3, 5));
    Map<String, Object> g = Compiled.components(compiled.call("rs.AGradients", "tagged", ts,
        point[2]));
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("rs.A", "tagged",
        (Object) v), point.clone());
    Object[] dTs = (Object[]) g.get("dTs");
    double[] generated = {(double) Compiled.components(dTs[0]).get("x"),
        (double) Compiled.components(dTs[1]).get("x"), (double) g.get("dD")};
    for (int i = 0; i < point.length; i++) {
      assertEquals(numeric[i], generated[i], 1e-7 * Math.max(1, Math.abs(numeric[i])),
          "input " + i);
    }
    assertEquals(5, Compiled.components(dTs[1]).get("id"), "the int is copied");
    Object[] value = (Object[]) compiled.call("rs.AGradients", "shiftedPullback", ts, point[2],
        ts, new double[1], new double[2]);
    assertEquals(6, Compiled.components(value[1]).get("id"), "the value's int comes back");
  }

  @Test
  void theHessianThroughAMethodReturningAnArrayOfRecords() {
    double[] point = {0.1, 0.2, 1.0, 0.5, -0.1, 2.0, -0.3, 0.3, 1.5, 0.05};
    double[][] hessian = (double[][]) Compiled.components(compiled.call("rs.AGradients",
        "kickedHessian", compiled.call("rs.A", "bodiesOf", (Object) point.clone()), point[9]))
        .get("hessian");
    assertHessianOfBodies(hessian, v -> flatBodies(Compiled.components(compiled.call(
        "rs.AGradients", "kicked", compiled.call("rs.A", "bodiesOf", (Object) v), v[9])),
        "dB0"), point);
  }

  /**
   * {@code hessian} against differences of {@code gradient}, which gives three bodies' x, v
   * and m body by body, then dt. The Hessian holds an array of records' numbers component by
   * component, as its arrays do: every x, then every v, then every m, then dt.
   */
  private static void assertHessianOfBodies(double[][] hessian,
      java.util.function.Function<double[], double[]> gradient, double[] point) {
    int[] row = {0, 3, 6, 1, 4, 7, 2, 5, 8, 9};
    for (int i = 0; i < point.length; i++) {
      int input = i;
      double[] numeric = FiniteDifferences.gradient(v -> gradient.apply(v)[input],
          point.clone());
      for (int j = 0; j < point.length; j++) {
        assertEquals(numeric[j], hessian[row[i]][row[j]],
            1e-6 * Math.max(1, Math.abs(numeric[j])), "H[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void aRecordHoldingAnArrayOfRecordsBuiltEachStep() {
    double[] point = {0.1, 0.2, 1.0, 0.5, -0.1, 2.0, -0.3, 0.3, 1.5, 0.05};
    Map<String, Object> g = Compiled.components(compiled.call("rs.AGradients", "swarm",
        compiled.call("rs.A", "bodiesOf", (Object) point.clone()), point[9]));
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("rs.A", "swarm",
        (Object) v), point.clone());
    double[] generated = flatBodies(g);
    for (int i = 0; i < point.length; i++) {
      assertEquals(numeric[i], generated[i], 1e-7 * Math.max(1, Math.abs(numeric[i])),
          "input " + i);
    }
  }
}
