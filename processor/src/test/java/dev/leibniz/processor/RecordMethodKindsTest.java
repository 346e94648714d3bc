package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import java.lang.reflect.Constructor;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records given to methods of the other kinds: of order 2 (a Hessian over every component, a
 * Hessian-vector product with a record direction), returning {@code double[]} (a Jacobian
 * whose block for a record is a record per output), and writing into arrays. Checked against
 * central differences of the user's method or of its generated gradient.
 */
class RecordMethodKindsTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package rc;

        import dev.leibniz.Differentiable;

        public class R {
          public record Vec(double x, double y) {}

          public record Particle(Vec pos, Vec vel, double mass, String name) {}

          /** A vector-valued method of a record: its Jacobian's block is a record per output. */
          @Differentiable
          static double[] polar(Vec v, double s, int outputs) {
            double[] r = new double[outputs];
            for (int k = 0; k < outputs; k++) {
              r[k] = Math.hypot(v.x(), v.y()) * s * (k + 1) + Math.atan2(v.y(), v.x()) * k;
            }
            return r;
          }

          static double polarOutput(double[] p, int outputs, int k) {
            return polar(new Vec(p[0], p[1]), p[2], outputs)[k];
          }

          public record Damping(double k, double c) {}

          /** Writes into its array, given a record. */
          @Differentiable
          static void rate(Damping p, double t, double[] y, double[] out) {
            out[0] = y[1];
            out[1] = -p.k() * Math.sin(y[0]) - p.c() * y[1] * t;
          }

          @Differentiable
          static double integrate(Damping p, double[] y0) {
            double[] y = y0.clone();
            double[] dy = new double[2];
            for (int i = 0; i < 10; i++) {
              rate(p, i * 0.1, y, dy);
              y[0] += 0.1 * dy[0];
              y[1] += 0.1 * dy[1];
            }
            return y[0] * y[1];
          }

          static double integrate(double[] v) {
            return integrate(new Damping(v[0], v[1]), new double[] {v[2], v[3]});
          }

          /** A method of records of order 2: Hessian over every component, in order. */
          @Differentiable(order = 2)
          static double bowl(Particle p, double s) {
            Vec v = p.vel();
            return p.pos().x() * v.y() * s + Math.exp(p.mass() * s) * v.x()
                + Math.sin(p.pos().y() * v.x());
          }

          static double[] bowlGradient(double[] v) {
            var g = RGradients.bowl(particle(v), v[5]);
            return new double[] {g.dP().pos().x(), g.dP().pos().y(), g.dP().vel().x(),
                g.dP().vel().y(), g.dP().mass(), g.dS()};
          }


          static Particle particle(double[] v) {
            return new Particle(new Vec(v[0], v[1]), new Vec(v[2], v[3]), v[4], "p");
          }
        }
        """);
  }

  @Test
  void aHessianOverRecordsComponents() {
    double[] point = {0.3, -0.4, 1.1, 0.2, 0.8, 0.6};
    Object p = compiled.call("rc.R", "particle", (Object) point.clone());
    double[][] hessian = (double[][]) Compiled.components(compiled.call("rc.RGradients",
        "bowlHessian", p, point[5])).get("hessian");
    for (int i = 0; i < point.length; i++) {
      int row = i;
      double[] numeric = FiniteDifferences.gradient(v -> ((double[]) compiled.call("rc.R",
          "bowlGradient", (Object) v))[row], point.clone());
      for (int j = 0; j < point.length; j++) {
        assertEquals(numeric[j], hessian[i][j], 1e-6 * Math.max(1, Math.abs(numeric[j])),
            "H[" + i + "][" + j + "]");
      }
    }
    double[] v = {0.2, -0.5, 0.7, 0.1, -0.3, 0.4};
    Object direction = compiled.call("rc.R", "particle", (Object) v);
    Map<String, Object> hvp = Compiled.components(compiled.call("rc.RGradients", "bowlHvp", p,
        point[5], direction, v[5]));
    Map<String, Object> hvP = Compiled.components(hvp.get("hvP"));
    double[] product = {(double) Compiled.components(hvP.get("pos")).get("x"),
        (double) Compiled.components(hvP.get("pos")).get("y"),
        (double) Compiled.components(hvP.get("vel")).get("x"),
        (double) Compiled.components(hvP.get("vel")).get("y"), (double) hvP.get("mass"),
        (double) hvp.get("hvS")};
    for (int i = 0; i < point.length; i++) {
      double expected = 0;
      for (int j = 0; j < point.length; j++) {
        expected += hessian[i][j] * v[j];
      }
      assertEquals(expected, product[i], 1e-9 * Math.max(1, Math.abs(expected)), "(Hv)" + i);
    }
  }

  @Test
  void theJacobianOfAVectorValuedMethodOfRecords() throws Exception {
    double[] point = {0.6, 0.8, 2.0};
    Object v = compiled.load("rc.R$Vec").getDeclaredConstructors()[0].newInstance(0.6, 0.8);
    // Two outputs: by rows, reverse; five: by columns, forward.
    for (int outputs : new int[] {2, 5}) {
      Map<String, Object> j = Compiled.components(compiled.call("rc.RGradients", "polar", v,
          point[2], outputs));
      Object[] dV = (Object[]) j.get("dV");
      double[] dS = (double[]) j.get("dS");
      for (int k = 0; k < outputs; k++) {
        int output = k;
        double[] numeric = FiniteDifferences.gradient(p -> (double) compiled.call("rc.R",
            "polarOutput", p, outputs, output), point.clone());
        Map<String, Object> row = Compiled.components(dV[k]);
        assertEquals(numeric[0], (double) row.get("x"), 1e-7, "dx, output " + k);
        assertEquals(numeric[1], (double) row.get("y"), 1e-7, "dy, output " + k);
        assertEquals(numeric[2], dS[k], 1e-7, "ds, output " + k);
      }
    }
  }

  @Test
  void aMethodWritingArraysGivenARecord() throws Exception {
    double[] point = {1.3, 0.4, 0.5, -0.2};
    Object p = compiled.load("rc.R$Damping").getDeclaredConstructors()[0]
        .newInstance(point[0], point[1]);
    Map<String, Object> g = Compiled.components(compiled.call("rc.RGradients", "integrate", p,
        new double[] {point[2], point[3]}));
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("rc.R",
        "integrate", (Object) v), point.clone());
    Map<String, Object> dP = Compiled.components(g.get("dP"));
    double[] dY0 = (double[]) g.get("dY0");
    double[] generated = {(double) dP.get("k"), (double) dP.get("c"), dY0[0], dY0[1]};
    for (int i = 0; i < point.length; i++) {
      assertEquals(numeric[i], generated[i], 1e-7 * Math.max(1, Math.abs(numeric[i])),
          "component " + i);
    }
    // The writer's pushforward, given a record of tangents, writes out's tangent in place.
    Constructor<?> damping = compiled.load("rc.R$Damping").getDeclaredConstructors()[0];
    double[] y = {0.5, -0.2};
    double[] out = new double[2];
    double[] outDot = new double[2];
    compiled.call("rc.RGradients", "ratePushforward", p, 0.3, y.clone(), out,
        damping.newInstance(1.0, -0.5), 0.2, new double[] {0.7, 0.1}, outDot);
    double[] along = {1.0, -0.5, 0.2, 0.7, 0.1};
    double[] base = {1.3, 0.4, 0.3, 0.5, -0.2};
    for (int c = 0; c < 2; c++) {
      int component = c;
      double[] row = FiniteDifferences.gradient(v -> {
        double[] o = new double[2];
        try {
          compiled.call("rc.R", "rate", damping.newInstance(v[0], v[1]), v[2],
              new double[] {v[3], v[4]}, o);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
        return o[component];
      }, base.clone());
      double expected = 0;
      for (int i = 0; i < along.length; i++) {
        expected += row[i] * along[i];
      }
      assertEquals(expected, outDot[c], 1e-7, "tangent of out[" + c + "]");
    }
  }
}
