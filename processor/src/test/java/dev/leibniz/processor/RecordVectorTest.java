package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records with vector components as values that methods return and locals hold:
 * {@code s = step(s, dt)} in a loop with {@code record State(double[] q, double[] p, double t)},
 * a call's record passed straight to another, a record local rebuilt from arrays declared in a
 * loop's body, the user's pullback and pushforward of a method returning such a record, its
 * Hessian, and {@code float[]} components. Checked against central differences, or for
 * {@code float} against derivatives by hand.
 */
class RecordVectorTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package rv;

        import dev.leibniz.Differentiable;

        public class V {
          public record State(double[] q, double[] p, double t) {}

          public record Bag(float[] x, float k) {}

          /** A record of a vector whose own method reads its field's length. */
          public record Row(double[] q, double t) {
            @Differentiable
            public Row next(double dt) {
              double[] r = new double[q.length];
              for (int i = 0; i < r.length; i++) {
                r[i] = q()[i] + dt * Math.sin(q[i] * t);
              }
              return new Row(r, t + dt);
            }
          }

          /** A record returned after a loop left by break, the record's own method inside. */
          @Differentiable
          static Row rows(Row r0, double dt, int n) {
            Row r = r0;
            int k = 0;
            while (true) {
              if (k >= n) {
                break;
              }
              if (r.q()[0] > 0) {
                r = r.next(dt);
              } else {
                r = r.next(2 * dt);
              }
              k++;
            }
            return r;
          }

          @Differentiable
          static double rowEnergy(Row r0, double dt) {
            Row r = rows(r0, dt, 4);
            return r.q()[0] * r.t() + r.q()[1] * r.q()[1];
          }

          /** Records chosen by ?:, only the branch taken run. */
          @Differentiable
          static double chosen(State s0, double g) {
            State s = s0;
            for (int k = 0; k < 4; k++) {
              s = s.q()[0] > 0 ? step(s, 0.1, g) : new State(s.p(), s.q(), s.t() + 0.1);
            }
            State last = s.t() > 0.5 ? step(s, -0.1, g) : s;
            return last.q()[0] * last.t() + last.p()[1] * s.q()[2];
          }

          static double chosen(double[] v) {
            return chosen(state(v), v[7]);
          }

          static double rowEnergy(double[] v) {
            return rowEnergy(new Row(new double[] {v[0], v[1]}, v[2]), v[3]);
          }

          /** A constructor that checks only a component without a derivative. */
          public record Named(double[] q, String name) {
            public Named {
              java.util.Objects.requireNonNull(name);
            }
          }

          @Differentiable
          static double named(Named n, double k) {
            double[] q = new double[n.q().length];
            for (int i = 0; i < q.length; i++) {
              q[i] = k * n.q()[i] * n.q()[i];
            }
            Named r = new Named(q, n.name());
            return r.q()[0] + r.q()[1] * k;
          }

          /** Symplectic Euler for pendulums: a record of vectors in, a new one out. */
          @Differentiable(order = 2)
          static State step(State s, double dt, double g) {
            double[] p = new double[s.p().length];
            double[] q = new double[s.q().length];
            for (int i = 0; i < q.length; i++) {
              p[i] = s.p()[i] - dt * g * Math.sin(s.q()[i]);
              q[i] = s.q()[i] + dt * p[i];
            }
            return new State(q, p, s.t() + dt);
          }

          /** Reassigned in a loop from the method's result: the energy times the time. */
          @Differentiable(order = 2)
          static double energy(State s0, double g, int steps) {
            State s = s0;
            for (int k = 0; k < steps; k++) {
              s = step(s, 0.05, g);
            }
            double e = 0;
            for (int i = 0; i < s.q().length; i++) {
              e += 0.5 * s.p()[i] * s.p()[i] + g * (1 - Math.cos(s.q()[i]));
            }
            return e * s.t();
          }

          /** A call's record passed to another and kept in a var, then rebuilt from its arrays. */
          @Differentiable
          static double twice(State s, double g) {
            var r = step(step(s, 0.1, g), 0.1, g);
            r = new State(r.p(), r.q(), r.t() * r.q()[1]);
            return r.q()[0] * r.p()[1] + r.t() + r.q()[2];
          }

          /** A record built in a loop from arrays its body declares. */
          @Differentiable
          static double leapfrog(double[] q0, double[] p0, double dt) {
            State s = new State(q0, p0, 0);
            for (int k = 0; k < 5; k++) {
              double[] q = new double[q0.length];
              double[] p = new double[q0.length];
              for (int i = 0; i < q.length; i++) {
                p[i] = s.p()[i] - dt * Math.sin(s.q()[i]);
                q[i] = s.q()[i] + dt * p[i];
              }
              s = new State(q, p, s.t() + dt);
            }
            double e = 0;
            for (int i = 0; i < q0.length; i++) {
              e += s.p()[i] * s.p()[i] + s.q()[i] * s.t();
            }
            return e;
          }

          @Differentiable
          static Bag scale(Bag b, float a) {
            float[] y = new float[b.x().length];
            for (int i = 0; i < y.length; i++) {
              y[i] = a * b.x()[i] * b.x()[i];
            }
            return new Bag(y, b.k() * a);
          }

          /** Σ k a⁵ xᵢ⁴ through two calls returning records of float[]. */
          @Differentiable
          static float bagged(Bag b, float a) {
            Bag r = scale(b, a);
            r = scale(r, a);
            float e = 0;
            for (int i = 0; i < r.x().length; i++) {
              e += r.x()[i] * r.k();
            }
            return e;
          }

          static State state(double[] v) {
            return new State(new double[] {v[0], v[1], v[2]}, new double[] {v[3], v[4], v[5]},
                v[6]);
          }

          static double energy(double[] v) {
            return energy(state(v), v[7], 6);
          }

          static double twice(double[] v) {
            return twice(state(v), v[7]);
          }

          static double leapfrog(double[] v) {
            return leapfrog(new double[] {v[0], v[1], v[2]}, new double[] {v[3], v[4], v[5]},
                v[6]);
          }

          /** Every component of a state, in order: q, p, t. */
          static double[] flat(State s) {
            return new double[] {s.q()[0], s.q()[1], s.q()[2], s.p()[0], s.p()[1], s.p()[2],
                s.t()};
          }

          static double[] energyGradient(double[] v) {
            var g = VGradients.energy(state(v), v[7], 6);
            double[] d = flat(g.dS0());
            return new double[] {d[0], d[1], d[2], d[3], d[4], d[5], d[6], g.dG()};
          }

          static double[] step(double[] v) {
            return flat(step(state(v), 0.1, v[7]));
          }
        }
        """);
  }

  private static final double[] POINT = {0.3, -0.5, 1.1, 0.2, -0.4, 0.7, 0.5, 9.81};

  @Test
  void aRecordOfVectorsReassignedFromACallInALoop() {
    Map<String, Object> g = Compiled.components(compiled.call("rv.VGradients", "energy",
        state(POINT), POINT[7], 6));
    assertGradient("energy", flat(g.get("dS0"), (double) g.get("dG")));
  }

  @Test
  void aCallsRecordPassedToAnotherAndALocalRebuiltFromItsOwnArrays() {
    Map<String, Object> g = Compiled.components(compiled.call("rv.VGradients", "twice",
        state(POINT), POINT[7]));
    assertGradient("twice", flat(g.get("dS"), (double) g.get("dG")));
  }

  @Test
  void aRecordBuiltFromArraysItsLoopsBodyDeclares() {
    double[] q0 = {POINT[0], POINT[1], POINT[2]};
    double[] p0 = {POINT[3], POINT[4], POINT[5]};
    Map<String, Object> g = Compiled.components(compiled.call("rv.VGradients", "leapfrog",
        q0, p0, POINT[6]));
    double[] dQ0 = (double[]) g.get("dQ0");
    double[] dP0 = (double[]) g.get("dP0");
    assertGradient("leapfrog", new double[] {dQ0[0], dQ0[1], dQ0[2], dP0[0], dP0[1], dP0[2],
        (double) g.get("dDt"), 0});
  }

  @Test
  void thePullbackOfAMethodReturningARecordOfVectorsTakesARecord() {
    double[] u = {0.7, -0.2, 0.4, 1.3, 0.1, -0.9, 0.6};
    double[] dScalars = new double[3];
    double[] dQ = new double[3];
    double[] dP = new double[3];
    Object value = compiled.call("rv.VGradients", "stepPullback", state(POINT), 0.1, POINT[7],
        state(u), dScalars, dQ, dP);
    assertArrayEquals((double[]) compiled.call("rv.V", "step", (Object) POINT.clone()),
        flatState(value), 1e-15, "the pullback returns the value");
    // The gradient of u · step(v) is the pullback of u.
    double[] numeric = FiniteDifferences.gradient(v -> dot(u, (double[]) compiled.call("rv.V",
        "step", (Object) v)), POINT.clone());
    double[] generated = {dQ[0], dQ[1], dQ[2], dP[0], dP[1], dP[2], dScalars[0], dScalars[2]};
    assertClose(numeric, generated, "u · step");
  }

  @Test
  void thePushforwardOfAMethodReturningARecordOfVectorsGivesRecords() {
    double[] direction = {0.3, 0.1, -0.6, 0.2, 0.5, -0.1, 0.9, -0.4};
    Map<String, Object> pushed = Compiled.components(compiled.call("rv.VGradients",
        "stepPushforward", state(POINT), 0.1, POINT[7], state(direction), 0.0, direction[7]));
    double[] tangent = flatState(pushed.get("tangent"));
    for (int c = 0; c < tangent.length; c++) {
      int component = c;
      double expected = FiniteDifferences.derivative(h -> ((double[]) compiled.call("rv.V",
          "step", (Object) along(direction, h)))[component], 0);
      assertEquals(expected, tangent[c], 1e-7 * Math.max(1, Math.abs(expected)), "tangent " + c);
    }
    assertArrayEquals((double[]) compiled.call("rv.V", "step", (Object) POINT.clone()),
        flatState(pushed.get("value")), 1e-15);
  }

  @Test
  void theHessianThroughCallsReturningRecordsOfVectors() {
    double[][] hessian = (double[][]) Compiled.components(compiled.call("rv.VGradients",
        "energyHessian", state(POINT), POINT[7], 6)).get("hessian");
    for (int i = 0; i < POINT.length; i++) {
      int row = i;
      double[] numeric = FiniteDifferences.gradient(v -> ((double[]) compiled.call("rv.V",
          "energyGradient", (Object) v))[row], POINT.clone());
      assertClose(numeric, hessian[i], "H row " + i);
    }
  }

  @Test
  void recordsOfFloatVectorsReturnedAndReassigned() throws Exception {
    float[] x = {0.5f, -1.2f, 0.8f};
    float k = 1.5f;
    float a = 0.9f;
    Object bag = compiled.load("rv.V$Bag").getDeclaredConstructors()[0].newInstance(x, k);
    Map<String, Object> g = Compiled.components(compiled.call("rv.VGradients", "bagged", bag,
        a));
    // e = k a⁵ Σ xᵢ⁴: ∂e/∂xᵢ = 4 k a⁵ xᵢ³, ∂e/∂k = a⁵ Σ xᵢ⁴, ∂e/∂a = 5 k a⁴ Σ xᵢ⁴.
    double sum = 0;
    for (float xi : x) {
      sum += Math.pow(xi, 4);
    }
    Map<String, Object> dB = Compiled.components(g.get("dB"));
    float[] dX = (float[]) dB.get("x");
    for (int i = 0; i < x.length; i++) {
      double expected = 4 * k * Math.pow(a, 5) * Math.pow(x[i], 3);
      assertEquals(expected, dX[i], 1e-5 * Math.max(1, Math.abs(expected)), "dX " + i);
    }
    assertEquals(Math.pow(a, 5) * sum, (float) dB.get("k"), 1e-5 * Math.pow(a, 5) * sum);
    assertEquals(5 * k * Math.pow(a, 4) * sum, (float) g.get("dA"),
        1e-5 * 5 * k * Math.pow(a, 4) * sum);
  }

  @Test
  void recordsOfVectorsChosenByAConditional() {
    Map<String, Object> g = Compiled.components(compiled.call("rv.VGradients", "chosen",
        state(POINT), POINT[7]));
    assertGradient("chosen", flat(g.get("dS0"), (double) g.get("dG")));
  }

  @Test
  void aRecordReturnedAfterALoopLeftByBreak() throws Exception {
    double[] point = {0.3, -0.7, 1.1, 0.4};
    Object row = compiled.load("rv.V$Row").getDeclaredConstructors()[0].newInstance(
        new double[] {point[0], point[1]}, point[2]);
    Map<String, Object> g = Compiled.components(compiled.call("rv.VGradients", "rowEnergy", row,
        point[3]));
    Map<String, Object> dR = Compiled.components(g.get("dR0"));
    double[] dQ = (double[]) dR.get("q");
    double[] generated = {dQ[0], dQ[1], (double) dR.get("t"), (double) g.get("dDt")};
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("rv.V",
        "rowEnergy", (Object) v), point.clone());
    assertClose(numeric, generated, "rowEnergy");
  }

  @Test
  void aConstructorThatChecksOnlyConstantsIsRead() throws Exception {
    Object named = compiled.load("rv.V$Named").getDeclaredConstructors()[0].newInstance(
        new double[] {0.5, -1.5}, "n");
    Map<String, Object> g = Compiled.components(compiled.call("rv.VGradients", "named", named,
        0.8));
    Map<String, Object> dN = Compiled.components(g.get("dN"));
    // f = k q0² + k² q1²: ∂f/∂q = (2 k q0, 2 k² q1), ∂f/∂k = q0² + 2 k q1².
    assertArrayEquals(new double[] {2 * 0.8 * 0.5, 2 * 0.64 * -1.5}, (double[]) dN.get("q"),
        1e-12);
    assertEquals("n", dN.get("name"), "the constant is copied");
    assertEquals(0.25 + 2 * 0.8 * 2.25, (double) g.get("dK"), 1e-12);
  }

  private static Object state(double[] v) {
    return compiled.call("rv.V", "state", (Object) v.clone());
  }

  private static double[] flatState(Object state) {
    return (double[]) compiled.call("rv.V", "flat", state);
  }

  private static double[] flat(Object state, double last) {
    double[] components = flatState(state);
    double[] all = java.util.Arrays.copyOf(components, components.length + 1);
    all[components.length] = last;
    return all;
  }

  private static void assertGradient(String method, double[] generated) {
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("rv.V", method,
        (Object) v), POINT.clone());
    assertClose(numeric, generated, method);
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-6 * Math.max(1, Math.abs(expected[i])),
          what + ", component " + i);
    }
  }

  private static double[] along(double[] direction, double h) {
    double[] v = POINT.clone();
    for (int i = 0; i < v.length; i++) {
      v[i] += h * direction[i];
    }
    return v;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
