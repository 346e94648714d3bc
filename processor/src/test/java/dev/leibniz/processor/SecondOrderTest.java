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
 * {@code @Differentiable(order = 2)}: the Hessian is symmetric and equals finite differences of
 * the generated gradient, {@code mHvp} equals {@code mHessian} times the direction, over loops,
 * branches, kinks' rules (max, pow, hypot), arrays of both ranks, calls, rules whose method is
 * differentiable, and an instance method; and what second order does not yet follow is an error
 * that says so.
 */
class SecondOrderTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package so;

        import dev.leibniz.DerivativeOf;
        import dev.leibniz.Differentiable;

        public class Fn {
          @Differentiable(order = 2)
          static double rosen(double[] x) {
            double s = 0;
            for (int i = 0; i + 1 < x.length; i++) {
              double a = x[i + 1] - x[i] * x[i];
              double b = 1 - x[i];
              s += 100 * a * a + b * b;
            }
            return s;
          }

          @Differentiable(order = 2)
          static double mixed(double x, double y, double[][] m) {
            double s = Math.max(x, y) * Math.exp(x * y);
            if (x > 0) {
              s += Math.pow(1 + y * y, x) * m[0][1];
            } else {
              s -= Math.hypot(x, m[1][0]);
            }
            return s + m[0][0] * m[1][1] * x + Math.sin(m[1][1] * y);
          }

          @Differentiable(order = 2)
          static double energy(double[] q, double k) {
            double e = 0;
            for (int i = 0; i < q.length; i++) {
              e += k * q[i] * q[i] * Math.cos(q[i]);
            }
            return e;
          }

          /** Calls of methods of order 2, with arguments computed from the inputs. */
          @Differentiable(order = 2)
          static double caller(double x, double[] w) {
            double[] q = new double[w.length];
            for (int i = 0; i < w.length; i++) {
              q[i] = w[i] * x + Math.sin(w[i]);
            }
            double[][] m = new double[2][2];
            m[0][0] = w[0];
            m[0][1] = x;
            m[1][0] = w[1];
            m[1][1] = 0.5;
            return energy(q, x * x + 1) * rosen(w) + mixed(x, w[0] * w[1], m);
          }

          /** A function with a rule whose own derivative Leibniz reads. */
          @Differentiable(order = 2)
          static double ruled(double x, double y) {
            return Special.softplus(x * y) * y + Special.softplus(x);
          }

          static double[] ruledGradient(double[] v) {
            var g = FnGradients.ruled(v[0], v[1]);
            return new double[] {g.dX(), g.dY()};
          }

          final double stiffness;

          Fn(double stiffness) {
            this.stiffness = stiffness;
          }

          /** An instance method reading a field, calling static methods of order 2. */
          @Differentiable(order = 2)
          double spring(double x, double[] w) {
            return stiffness * energy(w, x) * x + ruled(x, w[0]);
          }

          static Fn withStiffness(double stiffness) {
            return new Fn(stiffness);
          }

          static double[] springGradient(double[] v) {
            var g = FnGradients.spring(new Fn(1.3), v[0], new double[] {v[1], v[2]});
            return new double[] {g.dX(), g.dW()[0], g.dW()[1]};
          }

          /** Writes into its vector, read again after. */
          @Differentiable(order = 2)
          static double scaleInPlace(double[] a, double s) {
            for (int i = 0; i < a.length; i++) {
              a[i] = a[i] * Math.sin(s * a[i]);
            }
            return a[0] * a[1] * s + a[2];
          }

          /** Writes into its matrix, read again after. */
          @Differentiable(order = 2)
          static double inMatrix(double[][] m, double s) {
            for (int i = 0; i < m.length; i++) {
              m[i][1] = m[i][0] * Math.sin(s * m[i][1]);
            }
            return m[0][1] * m[1][1] * s + m[1][0];
          }

          static double[] inMatrixGradient(double[] v) {
            var g = FnGradients.inMatrix(new double[][] {{v[0], v[1]}, {v[2], v[3]}}, v[4]);
            return new double[] {g.dM()[0][0], g.dM()[0][1], g.dM()[1][0], g.dM()[1][1],
                g.dS()};
          }

          static double[] scaleInPlaceGradient(double[] v) {
            var g = FnGradients.scaleInPlace(new double[] {v[0], v[1], v[2]}, v[3]);
            return new double[] {g.dA()[0], g.dA()[1], g.dA()[2], g.dS()};
          }

          /** Returns a vector: of order 2 for its callers, with no Hessian of its own. */
          @Differentiable(order = 2)
          static double[] features(double x, double[] w) {
            double[] r = new double[w.length];
            for (int i = 0; i < w.length; i++) {
              r[i] = Math.tanh(w[i] * x) + w[i] * w[i];
            }
            return r;
          }

          /** Writes its output, as an ODE's right-hand side does. */
          @Differentiable(order = 2)
          static void rate(double k, double[] y, double[] out) {
            out[0] = -k * y[0] * y[1];
            out[1] = k * y[0] * y[0] - Math.sin(y[1]);
          }

          /** Calls a method returning a vector and one writing into vectors, twice. */
          @Differentiable(order = 2)
          static double vectors(double x, double[] w) {
            double[] f = features(x, w);
            double[] y = {w[0], x};
            double[] dy = new double[2];
            rate(x * w[1], y, dy);
            double s = 0;
            for (int i = 0; i < f.length; i++) {
              s += f[i] * f[i] * dy[i % 2];
            }
            rate(0.5, dy, y);
            return s + y[0] * y[1] * w[2];
          }

          static double[] vectorsGradient(double[] v) {
            var g = FnGradients.vectors(v[0], new double[] {v[1], v[2], v[3]});
            return new double[] {g.dX(), g.dW()[0], g.dW()[1], g.dW()[2]};
          }

          /** A function of two arguments whose rule method is differentiable. */
          @Differentiable(order = 2)
          static double twoArguments(double x, double y) {
            return Special.scaledExp(x * y, x + y) * y + Special.scaledExp(y, x);
          }

          static double[] twoArgumentsGradient(double[] v) {
            var g = FnGradients.twoArguments(v[0], v[1]);
            return new double[] {g.dX(), g.dY()};
          }

          static double[] callerGradient(double[] v) {
            var g = FnGradients.caller(v[0], new double[] {v[1], v[2], v[3]});
            return new double[] {g.dX(), g.dW()[0], g.dW()[1], g.dW()[2]};
          }

          static double[] rosenGradient(double[] x) {
            return FnGradients.rosen(x).dX();
          }

          static double[] mixedGradient(double[] v) {
            var g = FnGradients.mixed(v[0], v[1], new double[][] {{v[2], v[3]}, {v[4], v[5]}});
            return new double[] {g.dX(), g.dY(), g.dM()[0][0], g.dM()[0][1], g.dM()[1][0],
                g.dM()[1][1]};
          }
        }

        class Special {
          static double softplus(double x) {
            return Math.log1p(Math.exp(x));
          }

          static double scaledExp(double a, double b) {
            return a * Math.exp(b);
          }
        }

        class SpecialRules {
          @DerivativeOf(type = Special.class, method = "scaledExp")
          @Differentiable
          static void scaledExpPartials(double a, double b, double[] partials) {
            partials[0] = Math.exp(b);
            partials[1] = a * Math.exp(b);
          }

          @DerivativeOf(type = Special.class, method = "softplus")
          @Differentiable
          static double softplusDerivative(double x) {
            return 1 / (1 + Math.exp(-x));
          }
        }
        """);
  }

  @Test
  void rosenbrocksHessianIsTheDerivativeOfItsGradient() {
    double[] x = {0.3, -0.8, 1.2, 0.5};
    Map<String, Object> result = Compiled.components(compiled.call("so.FnGradients",
        "rosenHessian", (Object) x.clone()));
    double[][] hessian = (double[][]) result.get("hessian");
    assertDifferencesOfGradient(hessian, "rosenGradient", x);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        assertEquals(hessian[j][i], hessian[i][j], 1e-9 * Math.max(1, Math.abs(hessian[i][j])),
            "symmetric");
      }
    }
    double[] v = {0.4, -1.0, 0.2, 0.7};
    Map<String, Object> hvp = Compiled.components(compiled.call("so.FnGradients", "rosenHvp",
        x.clone(), v.clone()));
    assertProduct(hessian, v, (double[]) hvp.get("hvX"));
    assertEquals((double) result.get("value"), (double) hvp.get("value"), 0.0);
  }

  @Test
  void aHessianOverScalarsAndAMatrixThroughBranchesAndKinks() {
    for (double[] point : new double[][] {
        {0.6, 0.3, 0.2, -0.5, 0.8, 1.1}, {-0.4, 0.9, 0.7, 0.1, -0.3, 0.5}}) {
      Map<String, Object> result = Compiled.components(compiled.call("so.FnGradients",
          "mixedHessian", point[0], point[1],
          new double[][] {{point[2], point[3]}, {point[4], point[5]}}));
      double[][] hessian = (double[][]) result.get("hessian");
      assertDifferencesOfGradient(hessian, "mixedGradient", point);
    }
  }

  @Test
  void throughCallsOfMethodsOfOrderTwo() {
    double[] point = {0.4, 0.9, -0.3, 0.6};
    Map<String, Object> result = Compiled.components(compiled.call("so.FnGradients",
        "callerHessian", point[0], new double[] {point[1], point[2], point[3]}));
    double[][] hessian = (double[][]) result.get("hessian");
    assertDifferencesOfGradient(hessian, "callerGradient", point);
  }

  @Test
  void throughARuleWhoseMethodIsDifferentiable() {
    for (double[] point : new double[][] {{0.4, -1.3}, {-2.0, 0.7}}) {
      Map<String, Object> result = Compiled.components(compiled.call("so.FnGradients",
          "ruledHessian", point[0], point[1]));
      double[][] hessian = (double[][]) result.get("hessian");
      assertDifferencesOfGradient(hessian, "ruledGradient", point);
    }
  }

  @Test
  void throughCallsOfMethodsReturningVectorsAndWritingThem() {
    for (double[] point : new double[][] {{0.4, 0.9, -0.3, 0.6}, {-0.7, 0.2, 1.1, -0.5}}) {
      Map<String, Object> result = Compiled.components(compiled.call("so.FnGradients",
          "vectorsHessian", point[0], new double[] {point[1], point[2], point[3]}));
      assertDifferencesOfGradient((double[][]) result.get("hessian"), "vectorsGradient", point);
    }
  }

  @Test
  void throughARuleOfTwoArgumentsWhoseMethodIsDifferentiable() {
    for (double[] point : new double[][] {{0.4, -1.3}, {-0.8, 0.7}}) {
      Map<String, Object> result = Compiled.components(compiled.call("so.FnGradients",
          "twoArgumentsHessian", point[0], point[1]));
      assertDifferencesOfGradient((double[][]) result.get("hessian"), "twoArgumentsGradient",
          point);
    }
  }

  @Test
  void anInstanceMethodsHessianAndHessianVectorProduct() {
    double[] point = {0.7, 0.4, -0.9};
    Object receiver = compiled.call("so.Fn", "withStiffness", 1.3);
    double[][] hessian = (double[][]) Compiled.components(compiled.call("so.FnGradients",
        "springHessian", receiver, point[0], new double[] {point[1], point[2]})).get("hessian");
    double[] v = {0.3, -0.8, 0.5};
    Map<String, Object> hvp = Compiled.components(compiled.call("so.FnGradients", "springHvp",
        receiver, point[0], new double[] {point[1], point[2]}, v[0], new double[] {v[1], v[2]}));
    double[] product = {(double) hvp.get("hvX"), ((double[]) hvp.get("hvW"))[0],
        ((double[]) hvp.get("hvW"))[1]};
    assertDifferencesOfGradient(hessian, "springGradient", point);
    assertProduct(hessian, v, product);
  }

  @Test
  void aMethodWritingIntoItsVectorLeavesItAsItWas() {
    double[] a = {0.6, -0.4, 0.9};
    double s = 1.2;
    double[][] hessian = (double[][]) Compiled.components(compiled.call("so.FnGradients",
        "scaleInPlaceHessian", a, s)).get("hessian");
    double[] v = {0.3, -0.8, 0.5, 0.2};
    Map<String, Object> hvp = Compiled.components(compiled.call("so.FnGradients",
        "scaleInPlaceHvp", a, s, new double[] {v[0], v[1], v[2]}, v[3]));
    assertEquals(java.util.List.of(0.6, -0.4, 0.9), java.util.List.of(a[0], a[1], a[2]));
    double[] point = {a[0], a[1], a[2], s};
    double[] hv = (double[]) hvp.get("hvA");
    double[] product = {hv[0], hv[1], hv[2], (double) hvp.get("hvS")};
    assertDifferencesOfGradient(hessian, "scaleInPlaceGradient", point);
    assertProduct(hessian, v, product);
    double value = (double) hvp.get("value");
    assertEquals((double) compiled.call("so.Fn", "scaleInPlace", a.clone(), s), value, 1e-12);
  }

  @Test
  void aMethodWritingIntoItsMatrixLeavesItAsItWas() {
    double[][] m = {{0.6, -0.4}, {0.9, 0.3}};
    double s = 1.2;
    double[][] hessian = (double[][]) Compiled.components(compiled.call("so.FnGradients",
        "inMatrixHessian", m, s)).get("hessian");
    double[] v = {0.3, -0.8, 0.5, 0.2, -0.6};
    Map<String, Object> hvp = Compiled.components(compiled.call("so.FnGradients",
        "inMatrixHvp", m, s, new double[][] {{v[0], v[1]}, {v[2], v[3]}}, v[4]));
    assertEquals("[[0.6, -0.4], [0.9, 0.3]]", java.util.Arrays.deepToString(m));
    double[][] hv = (double[][]) hvp.get("hvM");
    double[] product = {hv[0][0], hv[0][1], hv[1][0], hv[1][1], (double) hvp.get("hvS")};
    assertDifferencesOfGradient(hessian, "inMatrixGradient", new double[] {0.6, -0.4, 0.9, 0.3,
        s});
    assertProduct(hessian, v, product);
  }

  /** The Hessian equals central differences of the gradient that {@code Fn.gradient} gives. */
  private static void assertDifferencesOfGradient(double[][] hessian, String gradient,
      double[] point) {
    for (int i = 0; i < point.length; i++) {
      int row = i;
      double[] numeric = FiniteDifferences.gradient(p -> ((double[]) compiled.call("so.Fn",
          gradient, (Object) p))[row], point.clone());
      for (int j = 0; j < point.length; j++) {
        assertEquals(numeric[j], hessian[i][j], 1e-6 * Math.max(1, Math.abs(numeric[j])),
            gradient + ": H[" + i + "][" + j + "] at " + java.util.Arrays.toString(point));
      }
    }
  }

  /** {@code product} is the Hessian times {@code v}. */
  private static void assertProduct(double[][] hessian, double[] v, double[] product) {
    for (int i = 0; i < v.length; i++) {
      double expected = 0;
      for (int j = 0; j < v.length; j++) {
        expected += hessian[i][j] * v[j];
      }
      assertEquals(expected, product[i], 1e-9 * Math.max(1, Math.abs(expected)), "(Hv)" + i);
    }
  }

  @Test
  void whatSecondOrderDoesNotYetFollowIsAnError() {
    String source = """
        package so;

        import dev.leibniz.DerivativeOf;
        import dev.leibniz.Differentiable;

        class Bad {
          @Differentiable
          static double inner(double x) {
            return x * x;
          }
          @Differentiable(order = 2)
          static double outer(double x) {
            return inner(x) * x;
          }
          @Differentiable(order = 3)
          static double third(double x) {
            return x;
          }
          @Differentiable(order = 2)
          static double ruled(double x) {
            return Lib.cube(x) * x;
          }
          @Differentiable(order = 2)
          static double twoArguments(double x) {
            return Lib.both(x, 2 * x);
          }
        }

        class Lib {
          static double cube(double x) {
            return x * x * x;
          }
          static double both(double x, double y) {
            return x * y;
          }
          @DerivativeOf(type = Lib.class, method = "cube")
          static double cubeDerivative(double x) {
            return 3 * x * x;
          }
          @DerivativeOf(type = Lib.class, method = "both")
          static void bothDerivatives(double x, double y, double[] partials) {
            partials[0] = y;
            partials[1] = x;
          }
        }
        """;
    JavaFileObject file = Compiled.file(source);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("add order = 2 to it").inFile(file).onLine(13);
    assertThat(compilation).hadErrorContaining("the order is 1 or 2, not 3").inFile(file)
        .onLine(16);
    assertThat(compilation).hadErrorContaining("rule 'Lib.cubeDerivative', whose own derivative"
        + " Leibniz has only if it is @Differentiable").inFile(file).onLine(21);
    assertThat(compilation).hadErrorContaining("rule 'Lib.bothDerivatives', whose own"
        + " derivative Leibniz has only if it is @Differentiable").inFile(file).onLine(25);

  }
}
