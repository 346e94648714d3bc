package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.leibniz.check.FiniteDifferences;
import java.lang.reflect.Constructor;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records as differentiable values: parameters (nested records, array and constant
 * components), locals built with {@code new}, reassigned in loops, accessors; the gradient is a
 * record of the parameter's type with constant components copied; the pullback's adjoints of a
 * record's components are its slots; the pushforward takes a record of tangents. Checked
 * against central differences of the user's method.
 */
class RecordTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package rc;

        import dev.leibniz.Differentiable;
        import dev.leibniz.NoDerivative;

        public class R {
          public record Vec(double x, double y) {
            /** A method of the record: its receiver is differentiable, as dSelf(). */
            @Differentiable
            public double norm() {
              return Math.sqrt(x * x + this.y * y());
            }

            @Differentiable
            public double dot(Vec other) {
              return x() * other.x() + this.y() * other.y() + norm();
            }

            @Differentiable
            public Vec turned(double angle) {
              return new Vec(x * Math.cos(angle) - y * Math.sin(angle),
                  x * Math.sin(angle) + y * Math.cos(angle));
            }
          }

          /** Methods of records called on record values, a result replacing the value. */
          @Differentiable
          static double methods(Vec a, double t) {
            Vec b = new Vec(t, a.x() * t);
            for (int i = 0; i < 3; i++) {
              b = b.turned(t * 0.5);
            }
            return a.dot(b) + b.norm() * a.norm();
          }

          static double methods(double[] v) {
            return methods(new Vec(v[0], v[1]), v[2]);
          }

          public record Particle(Vec pos, Vec vel, double mass, String name) {}

          public record Chain(double[] q, float scale, int links) {}

          @Differentiable
          static double energy(Particle p, double k) {
            Vec v = p.vel();
            double kinetic = 0.5 * p.mass() * (v.x() * v.x() + v.y() * v.y());
            return kinetic + k * (p.pos().x() * p.pos().x() + p.pos().y() * p.pos().y());
          }

          /** Semi-implicit Euler, the state reassigned as new records in the loop. */
          @Differentiable
          static double stepped(Particle p, double dt) {
            Vec pos = p.pos();
            Vec vel = p.vel();
            for (int i = 0; i < 10; i++) {
              vel = new Vec(vel.x() - dt * pos.x() / p.mass(), vel.y() - dt * Math.sin(pos.y()));
              pos = new Vec(pos.x() + dt * vel.x(), pos.y() + dt * vel.y());
            }
            Vec swapped = new Vec(pos.y(), pos.x());
            swapped = new Vec(swapped.y(), swapped.x() * vel.x());
            return swapped.x() * swapped.y() + vel.x();
          }

          /** A vector, a float and a constant int in one record; a constant record too. */
          @Differentiable
          static double chain(Chain c, @NoDerivative Vec anchor) {
            double s = 0;
            for (int i = 0; i + 1 < c.links(); i++) {
              double d = c.q()[i + 1] - c.q()[i] - anchor.x();
              s += c.scale() * d * d;
            }
            return s + anchor.y() * c.q()[0];
          }

          public record Body(Vec pos, double mass) {}

          @Differentiable
          static double potential(Body a, Body b) {
            double dx = a.pos().x() - b.pos().x();
            double dy = a.pos().y() - b.pos().y();
            return -a.mass() * b.mass() / Math.sqrt(dx * dx + dy * dy + 0.01);
          }

          /** Records passed to a method: locals, parameters, nested and built in the call. */
          @Differentiable
          static double system(Body a, Body b, double shift) {
            Body moved = new Body(new Vec(b.pos().x() + shift, b.pos().y()), b.mass());
            return potential(a, moved) + potential(new Body(a.pos(), 2 * a.mass()), b) * shift;
          }

          static double system(double[] v) {
            return system(new Body(new Vec(v[0], v[1]), v[2]), new Body(new Vec(v[3], v[4]),
                v[5]), v[6]);
          }

          public record State(Vec pos, Vec vel) {}

          /** Returns a record: read as the function returning its components. */
          @Differentiable
          static State step(State s, double k, double dt) {
            Vec vel = new Vec(s.vel().x() - dt * k * s.pos().x(),
                s.vel().y() - dt * Math.sin(s.pos().y()));
            return new State(new Vec(s.pos().x() + dt * vel.x(), s.pos().y() + dt * vel.y()),
                vel);
          }

          /** {@code s = step(s, …)} in a loop. */
          @Differentiable
          static double run(State s0, double k) {
            State s = s0;
            for (int i = 0; i < 20; i++) {
              s = step(s, k, 0.05);
            }
            State last = step(s, k, 0.01);
            return s.pos().x() * s.vel().y() + last.pos().y();
          }

          static State state(double[] v) {
            return new State(new Vec(v[0], v[1]), new Vec(v[2], v[3]));
          }

          static double run(double[] v) {
            return run(state(v), v[4]);
          }

          static double stepComponent(double[] v, int component) {
            State s = step(state(v), v[4], 0.05);
            return new double[] {s.pos().x(), s.pos().y(), s.vel().x(), s.vel().y()}[component];
          }

          public record Cell(float v, double w, int n) {}

          /** Returns a record of a float, a double and an int. */
          @Differentiable
          static Cell grow(Cell c, double r) {
            return new Cell(c.v() * (float) r, c.w() * r + c.v(), c.n() + 1);
          }

          static Particle particle(double[] v) {
            return new Particle(new Vec(v[0], v[1]), new Vec(v[2], v[3]), v[4], "p");
          }

          static double stepped(double[] v) {
            return stepped(particle(v), v[5]);
          }

          static double energy(double[] v) {
            return energy(particle(v), v[5]);
          }
        }
        """);
  }

  @Test
  void aNestedRecordsGradientIsARecordOfItsType() {
    for (String method : new String[] {"energy", "stepped"}) {
      double[] point = {0.3, -0.4, 1.1, 0.2, 2.0, 0.1};
      Object p = compiled.call("rc.R", "particle", (Object) point.clone());
      Map<String, Object> g = Compiled.components(compiled.call("rc.RGradients", method, p,
          point[5]));
      double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("rc.R",
          method, (Object) v), point.clone());
      Map<String, Object> dP = Compiled.components(g.get("dP"));
      Map<String, Object> pos = Compiled.components(dP.get("pos"));
      Map<String, Object> vel = Compiled.components(dP.get("vel"));
      double[] generated = {(double) pos.get("x"), (double) pos.get("y"), (double) vel.get("x"),
          (double) vel.get("y"), (double) dP.get("mass"), (double) g.get(method.equals("energy")
              ? "dK" : "dDt")};
      for (int i = 0; i < point.length; i++) {
        assertEquals(numeric[i], generated[i], 1e-7 * Math.max(1, Math.abs(numeric[i])),
            method + " component " + i);
      }
      assertSame(Compiled.components(p).get("name"), dP.get("name"), "constants are copied");
      assertEquals(p.getClass(), g.get("dP").getClass());
    }
  }

  @Test
  void thePushforwardTakesARecordOfTangentsAndThePullbackSlotsComponents() throws Exception {
    double[] point = {0.3, -0.4, 1.1, 0.2, 2.0, 0.1};
    Object p = compiled.call("rc.R", "particle", (Object) point.clone());
    double[] direction = {0.5, -1, 0.25, 0.75, -0.3, 0.6};
    Object t = compiled.call("rc.R", "particle", (Object) direction);
    Object pushed = compiled.call("rc.RGradients", "steppedPushforward", p, point[5], t,
        direction[5]);
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("rc.R",
        "stepped", (Object) v), point.clone());
    double expected = 0;
    for (int i = 0; i < point.length; i++) {
      expected += numeric[i] * direction[i];
    }
    assertEquals(expected, (double) Compiled.components(pushed).get("tangent"), 1e-7);
    double[] slots = new double[6];
    compiled.call("rc.RGradients", "steppedPullback", p, point[5], 2.0, slots);
    for (int i = 0; i < point.length; i++) {
      assertEquals(2 * numeric[i], slots[i], 1e-6 * Math.max(1, Math.abs(numeric[i])),
          "slot " + i + ": pos.x, pos.y, vel.x, vel.y, mass, dt");
    }
  }

  @Test
  void recordsPassedToMethodsOfRecords() throws Exception {
    double[] point = {0.3, -0.4, 1.5, 1.1, 0.2, 0.7, 0.25};
    Class<?> vec = compiled.load("rc.R$Vec");
    Class<?> body = compiled.load("rc.R$Body");
    Object a = body.getDeclaredConstructors()[0].newInstance(
        vec.getDeclaredConstructors()[0].newInstance(point[0], point[1]), point[2]);
    Object b = body.getDeclaredConstructors()[0].newInstance(
        vec.getDeclaredConstructors()[0].newInstance(point[3], point[4]), point[5]);
    Map<String, Object> g = Compiled.components(compiled.call("rc.RGradients", "system", a, b,
        point[6]));
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("rc.R", "system",
        (Object) v), point.clone());
    Map<String, Object> dA = Compiled.components(g.get("dA"));
    Map<String, Object> dB = Compiled.components(g.get("dB"));
    Map<String, Object> dAPos = Compiled.components(dA.get("pos"));
    Map<String, Object> dBPos = Compiled.components(dB.get("pos"));
    double[] generated = {(double) dAPos.get("x"), (double) dAPos.get("y"),
        (double) dA.get("mass"), (double) dBPos.get("x"), (double) dBPos.get("y"),
        (double) dB.get("mass"), (double) g.get("dShift")};
    double expected = 0;
    for (int i = 0; i < point.length; i++) {
      assertEquals(numeric[i], generated[i], 1e-7 * Math.max(1, Math.abs(numeric[i])),
          "component " + i);
      expected += numeric[i];
    }
    Object pushed = compiled.call("rc.RGradients", "systemPushforward", a, b, point[6], a, b,
        1.0);
    double[] along = {point[0], point[1], point[2], point[3], point[4], point[5], 1.0};
    expected = 0;
    for (int i = 0; i < point.length; i++) {
      expected += numeric[i] * along[i];
    }
    assertEquals(expected, (double) Compiled.components(pushed).get("tangent"),
        1e-7 * Math.max(1, Math.abs(expected)), "pushforward along the point itself");
  }

  @Test
  void methodsReturningRecordsInALoop() {
    double[] point = {0.3, -0.4, 1.1, 0.2, 1.7};
    Object s0 = compiled.call("rc.R", "state", (Object) point.clone());
    Map<String, Object> g = Compiled.components(compiled.call("rc.RGradients", "run", s0,
        point[4]));
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("rc.R", "run",
        (Object) v), point.clone());
    Map<String, Object> dS = Compiled.components(g.get("dS0"));
    Map<String, Object> pos = Compiled.components(dS.get("pos"));
    Map<String, Object> vel = Compiled.components(dS.get("vel"));
    double[] generated = {(double) pos.get("x"), (double) pos.get("y"), (double) vel.get("x"),
        (double) vel.get("y"), (double) g.get("dK")};
    for (int i = 0; i < point.length; i++) {
      assertEquals(numeric[i], generated[i], 1e-7 * Math.max(1, Math.abs(numeric[i])),
          "component " + i);
    }
  }

  @Test
  void aRecordResultsPullbackTakesARecordUpstreamAndItsPushforwardGivesRecords() {
    double[] point = {0.3, -0.4, 1.1, 0.2, 1.7};
    Object s = compiled.call("rc.R", "state", (Object) point.clone());
    double[] u = {0.5, -1, 0.25, 2};
    Object upstream = compiled.call("rc.R", "state", (Object) u);
    double[] slots = new double[6];
    Object value = compiled.call("rc.RGradients", "stepPullback", s, point[4], 0.05, upstream,
        slots);
    assertEquals(compiled.call("rc.R", "step", s, point[4], 0.05), value);
    double[] v = {0.2, 0.1, -0.3, 0.4, 0.6};
    Object direction = compiled.call("rc.R", "state", (Object) v);
    Object pushed = compiled.call("rc.RGradients", "stepPushforward", s, point[4], 0.05,
        direction, v[4], 0.0);
    Map<String, Object> tangent = Compiled.components(Compiled.components(pushed)
        .get("tangent"));
    double[] pushedComponents = {
        (double) Compiled.components(tangent.get("pos")).get("x"),
        (double) Compiled.components(tangent.get("pos")).get("y"),
        (double) Compiled.components(tangent.get("vel")).get("x"),
        (double) Compiled.components(tangent.get("vel")).get("y")};
    double[] expectedSlots = new double[5];
    for (int c = 0; c < 4; c++) {
      int component = c;
      double[] row = FiniteDifferences.gradient(p -> (double) compiled.call("rc.R",
          "stepComponent", p, component), point.clone());
      double along = 0;
      for (int i = 0; i < 5; i++) {
        expectedSlots[i] += u[c] * row[i];
        along += row[i] * v[i];
      }
      assertEquals(along, pushedComponents[c], 1e-7, "tangent of component " + c);
    }
    for (int i = 0; i < 5; i++) {
      assertEquals(expectedSlots[i], slots[i], 1e-7, "uᵀJ, slot " + i);
    }
  }

  @Test
  void methodsDeclaredInARecord() throws Exception {
    Class<?> vec = compiled.load("rc.R$Vec");
    Object a = vec.getDeclaredConstructors()[0].newInstance(0.3, -0.7);
    Map<String, Object> norm = Compiled.components(compiled.call("rc.R_VecGradients", "norm",
        a));
    Map<String, Object> dSelf = Compiled.components(norm.get("dSelf"));
    double length = Math.hypot(0.3, -0.7);
    assertEquals(0.3 / length, (double) dSelf.get("x"), 1e-12);
    assertEquals(-0.7 / length, (double) dSelf.get("y"), 1e-12);
    double[] point = {0.3, -0.7, 0.8};
    Map<String, Object> g = Compiled.components(compiled.call("rc.RGradients", "methods", a,
        point[2]));
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("rc.R", "methods",
        (Object) v), point.clone());
    Map<String, Object> dA = Compiled.components(g.get("dA"));
    double[] generated = {(double) dA.get("x"), (double) dA.get("y"), (double) g.get("dT")};
    for (int i = 0; i < point.length; i++) {
      assertEquals(numeric[i], generated[i], 1e-7 * Math.max(1, Math.abs(numeric[i])),
          "component " + i);
    }
  }

  @Test
  void aReturnedRecordOfMixedNumbers() throws Exception {
    Object cell = compiled.load("rc.R$Cell").getDeclaredConstructors()[0]
        .newInstance(0.5f, 0.3, 2);
    Object upstream = compiled.load("rc.R$Cell").getDeclaredConstructors()[0]
        .newInstance(1f, 1.0, 0);
    double[] slots = new double[3];
    Object value = compiled.call("rc.RGradients", "growPullback", cell, 1.1, upstream, slots);
    assertEquals(compiled.call("rc.R", "grow", cell, 1.1), value, "the value, int included");
    // v' = v (float) r, w' = w r + v: uᵀJ with u = (1, 1) by hand.
    assertEquals((float) 1.1 + 1, slots[0], 1e-7, "v");
    assertEquals(1.1, slots[1], 1e-15, "w");
    assertEquals(0.5 + 0.3, slots[2], 1e-7, "r");
  }

  @Test
  void arrayFloatAndConstantComponents() throws Exception {
    Class<?> chain = compiled.load("rc.R$Chain");
    Constructor<?> make = chain.getDeclaredConstructors()[0];
    Class<?> vec = compiled.load("rc.R$Vec");
    Object anchor = vec.getDeclaredConstructors()[0].newInstance(0.2, 1.5);
    double[] q = {0.4, -0.3, 0.9, 1.2};
    Object c = make.newInstance(q.clone(), 0.5f, 4);
    Map<String, Object> g = Compiled.components(compiled.call("rc.RGradients", "chain", c,
        anchor));
    Map<String, Object> dC = Compiled.components(g.get("dC"));
    double[] numeric = FiniteDifferences.gradient(v -> {
      try {
        return (double) compiled.call("rc.R", "chain", make.newInstance(v, 0.5f, 4), anchor);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }, q.clone());
    double[] dQ = (double[]) dC.get("q");
    for (int i = 0; i < q.length; i++) {
      assertEquals(numeric[i], dQ[i], 1e-7, "dQ" + i);
    }
    double scaleDerivative = ((double) compiled.call("rc.R", "chain", c, anchor)
        - 1.5 * q[0]) / 0.5;
    assertEquals(scaleDerivative, (float) dC.get("scale"), 1e-5);
    assertEquals(4, dC.get("links"), "a constant component is copied");
  }
}
