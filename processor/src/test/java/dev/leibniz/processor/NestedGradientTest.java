package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.leibniz.check.FiniteDifferences;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nested differentiation: a {@code @Differentiable} method that reads the gradient of a method
 * of order 2 ({@code PGradients.potential(x, y).dY()}) is differentiated through it, its
 * pullback a Hessian-vector product of the callee. Checked against finite differences of the
 * user's own method, for the gradient and the pushforward; what cannot be followed is an error.
 */
class NestedGradientTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package ng;

        import dev.leibniz.Differentiable;

        public class P {
          @Differentiable(order = 2)
          static double potential(double x, double y) {
            return Math.sin(x) * y * y + x * x * x - Math.exp(0.3 * x * y);
          }

          /** Gradient descent on the potential: the loss is where it ends. */
          @Differentiable
          static double descend(double x, double y, double rate, int steps) {
            for (int step = 0; step < steps; step++) {
              double gx = PGradients.potential(x, y).dX();
              double gy = PGradients.potential(x, y).dY();
              x = x - rate * gx;
              y = y - rate * gy;
            }
            return x * x + y + PGradients.potential(x, y).value();
          }

          /**
           * A particle pushed by the force of the potential, with velocity and mass; the
           * gradient's record is kept in a local and read after one of its arguments changed.
           */
          @Differentiable
          static double particle(double x, double y, double mass) {
            double vx = 0;
            double vy = 0;
            for (int step = 0; step < 20; step++) {
              var force = PGradients.potential(x, y);
              x += 0.01 * force.value();
              vx -= 0.05 * force.dX() / mass;
              vy -= 0.05 * force.dY() / mass;
              x += 0.05 * vx;
              y += 0.05 * vy;
            }
            return x + 2 * y;
          }

          /** A potential over positions in a vector and couplings in a matrix. */
          @Differentiable(order = 2)
          static double chain(double[] q, double[][] k) {
            double e = 0;
            for (int i = 0; i + 1 < q.length; i++) {
              double d = q[i + 1] - q[i];
              e += k[i][0] * d * d + k[i][1] * Math.cos(q[i]) * d;
            }
            return e;
          }

          @Differentiable(order = 2)
          static double ring(double[] q) {
            double e = 0;
            for (int i = 0; i < q.length; i++) {
              e += Math.sin(q[i] - q[(i + 1) % q.length]) * q[i];
            }
            return e;
          }

          /**
           * Gradient descent on the positions, through elements of the gradients' arrays; a
           * record kept in a local is read after its vector changed.
           */
          @Differentiable
          static double relax(double[] q0, double[][] k, double rate) {
            double[] q = new double[q0.length];
            for (int i = 0; i < q.length; i++) {
              q[i] = q0[i] - rate * PGradients.chain(q0, k).dQ()[i];
            }
            var g = PGradients.ring(q);
            q[0] = 0;
            double s = 0;
            for (int i = 0; i < q.length; i++) {
              s += g.dQ()[i] * g.dQ()[i];
            }
            return s + PGradients.chain(q, k).dK()[1][0] * rate;
          }

          /** A class of the user's whose name ends like a companion's is called as any other. */
          @Differentiable
          static double scaled(double x) {
            return x * x * ScaleGradients.factor();
          }
        }

        class ScaleGradients {
          static double factor() {
            return 2.5;
          }
        }
        """);
  }

  @Test
  void gradientDescentInsideADifferentiableMethod() {
    for (double[] point : new double[][] {{0.3, 0.8, 0.1}, {-0.5, 0.2, 0.05}}) {
      Map<String, Object> result = Compiled.components(compiled.call("ng.PGradients",
          "descend", point[0], point[1], point[2], 6));
      double[] numeric = FiniteDifferences.gradient(
          p -> (double) compiled.call("ng.P", "descend", p[0], p[1], p[2], 6), point.clone());
      double[] generated = {(double) result.get("dX"), (double) result.get("dY"),
          (double) result.get("dRate")};
      for (int i = 0; i < 3; i++) {
        assertEquals(numeric[i], generated[i], 1e-7 * Math.max(1, Math.abs(numeric[i])),
            "component " + i);
      }
      double[] v = {0.3, -0.7, 0.5};
      Object tangent = compiled.call("ng.PGradients", "descendPushforward", point[0], point[1],
          point[2], 6, v[0], v[1], v[2]);
      double expected = numeric[0] * v[0] + numeric[1] * v[1] + numeric[2] * v[2];
      assertEquals(expected, (double) Compiled.components(tangent).get("tangent"),
          1e-7 * Math.max(1, Math.abs(expected)));
    }
  }

  @Test
  void aParticlePushedByTheGradientOfAPotential() {
    double[] point = {0.4, -0.3, 1.7};
    Map<String, Object> result = Compiled.components(compiled.call("ng.PGradients",
        "particle", point[0], point[1], point[2]));
    double[] numeric = FiniteDifferences.gradient(
        p -> (double) compiled.call("ng.P", "particle", p[0], p[1], p[2]), point.clone());
    double[] generated = {(double) result.get("dX"), (double) result.get("dY"),
        (double) result.get("dMass")};
    for (int i = 0; i < 3; i++) {
      assertEquals(numeric[i], generated[i], 1e-7 * Math.max(1, Math.abs(numeric[i])),
          "component " + i);
    }
  }

  @Test
  void elementsOfTheGradientsOfArrayParameters() {
    double[] point = {0.3, -0.5, 0.8, 0.2, 0.7, -0.4, 1.1, 0.6, 0.5, -0.2, 0.15};
    Map<String, Object> result = Compiled.components(compiled.call("ng.PGradients", "relax",
        vector(point), matrix(point), point[10]));
    double[] numeric = FiniteDifferences.gradient(p -> (double) compiled.call("ng.P", "relax",
        vector(p), matrix(p), p[10]), point.clone());
    double[] dQ0 = (double[]) result.get("dQ0");
    double[][] dK = (double[][]) result.get("dK");
    double[] generated = {dQ0[0], dQ0[1], dQ0[2], dQ0[3], dK[0][0], dK[0][1], dK[1][0],
        dK[1][1], dK[2][0], dK[2][1], (double) result.get("dRate")};
    double[] v = {0.2, -0.6, 0.4, 0.9, -0.3, 0.5, 0.1, -0.8, 0.7, 0.3, -0.5};
    double expected = 0;
    for (int i = 0; i < point.length; i++) {
      assertEquals(numeric[i], generated[i], 1e-7 * Math.max(1, Math.abs(numeric[i])),
          "component " + i);
      expected += numeric[i] * v[i];
    }
    Object pushed = compiled.call("ng.PGradients", "relaxPushforward", vector(point),
        matrix(point), point[10], vector(v), matrix(v), v[10]);
    assertEquals(expected, (double) Compiled.components(pushed).get("tangent"),
        1e-7 * Math.max(1, Math.abs(expected)), "pushforward");
  }

  private static double[] vector(double[] p) {
    return new double[] {p[0], p[1], p[2], p[3]};
  }

  private static double[][] matrix(double[] p) {
    return new double[][] {{p[4], p[5]}, {p[6], p[7]}, {p[8], p[9]}};
  }

  @Test
  void aUsersClassNamedLikeACompanionIsCalledAsAnyOther() {
    Map<String, Object> result = Compiled.components(compiled.call("ng.PGradients", "scaled",
        0.7));
    assertEquals(FiniteDifferences.derivative(x -> (double) compiled.call("ng.P", "scaled", x),
        0.7), (double) result.get("dX"), 1e-8);
  }

  @Test
  void whatCannotBeFollowedIsAnError() {
    String source = """
        package ng;

        import dev.leibniz.Differentiable;

        class Bad {
          @Differentiable
          static double first(double x) {
            return x * x;
          }
          @Differentiable(order = 2)
          static double second(double x, double[] w) {
            return x * w[0];
          }
          @Differentiable
          static double notOfOrderTwo(double x) {
            return BadGradients.first(x).dX();
          }
          @Differentiable
          static double arrays(double x, double[] w) {
            double[] d = BadGradients.second(x, w).dW(); return d[0];
          }
          @Differentiable(order = 2)
          static double thirdOrder(double x) {
            return BadGradients.scalar(x).dX();
          }
          @Differentiable(order = 2)
          static double scalar(double x) {
            return x * x * x;
          }
          @Differentiable
          static double other(double x) {
            return BadGradients.scalarPullback(x, 1.0, new double[1]);
          }
          @Differentiable
          static double missing(double x) {
            return BadGradients.nothing(x).dX();
          }
          @Differentiable(order = 2)
          static double matrix(double[][] m) {
            return m[0][0] * m[1][1];
          }
          @Differentiable
          static double kept(double[][] m) {
            var g = BadGradients.matrix(m);
            return g.value();
          }
          @Differentiable
          static double indices(double[][] m) {
            return BadGradients.matrix(m).dM()[0];
          }
        }
        """;
    JavaFileObject file = Compiled.file(source);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("[LZ134] the gradient of 'first' is"
        + " differentiated here through its second derivatives: add order = 2 to it")
        .inFile(file).onLine(16);
    assertThat(compilation).hadErrorContaining("'dW()' is an array: read its elements, as in"
        + " 'dW()[i]'").inFile(file).onLine(20);
    assertThat(compilation).hadErrorContaining("would take third derivatives").inFile(file)
        .onLine(24);
    assertThat(compilation).hadErrorContaining("a companion's other methods are not followed")
        .inFile(file).onLine(32);
    assertThat(compilation).hadErrorContaining("'BadGradients.nothing' is differentiated here"
        + " through its second derivatives: it is not a static @Differentiable method")
        .inFile(file).onLine(36);
    assertThat(compilation).hadErrorContaining("a record of a method with matrix parameters is"
        + " not kept in a local").inFile(file).onLine(44);
    assertThat(compilation).hadErrorContaining("'dM()' is an array: read its elements")
        .inFile(file).onLine(49);
  }
}
