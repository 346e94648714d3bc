package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overloads that take the same numbers once their records are read as components
 * ({@code s(R r)} with {@code record R(double[] d)} beside {@code s(double[] d)}): their
 * companions compile, keep the user's names, and callers in the same compilation and in
 * another one reach the right overload, to second order.
 */
class OverloadsTest {
  private static final String LIBRARY = """
      package ov;

      import dev.leibniz.Differentiable;

      public final class Shapes {
        private Shapes() {}

        public record R(double[] d) {}

        public record P(double v) {}

        @Differentiable(order = 2) public static double s(R r) {
          return r.d()[0] * r.d()[1];
        }

        @Differentiable(order = 2) public static double s(double[] d) {
          return d[0] + Math.sin(d[1]);
        }

        @Differentiable(order = 2) public static double t(P p) {
          return p.v() * p.v() * p.v();
        }

        @Differentiable(order = 2) public static double t(double v) {
          return Math.exp(v);
        }

        @Differentiable public static R twice(R r) {
          double[] e = new double[2];
          e[0] = 2 * r.d()[0];
          e[1] = 2 * r.d()[1];
          return new R(e);
        }

        @Differentiable public static R twice(double[] d) {
          double[] e = new double[2];
          e[0] = d[0] * d[1];
          e[1] = d[1];
          return new R(e);
        }

        @Differentiable(order = 2) public static double both(double[] d) {
          return s(new R(d)) + s(d);
        }

        @Differentiable(order = 2) public static double powers(double v) {
          return t(new P(v)) * t(v);
        }

        @Differentiable public static double doubled(double[] d) {
          R a = twice(new R(d));
          R b = twice(d);
          return a.d()[0] * b.d()[0] + a.d()[1] * b.d()[1];
        }
      }
      """;

  private static final String APPLICATION = """
      package app;

      import dev.leibniz.Differentiable;
      import ov.Shapes;

      public final class Uses {
        private Uses() {}

        @Differentiable public static double both(double[] d) {
          return Shapes.s(new Shapes.R(d)) * Shapes.s(d);
        }

        @Differentiable public static double powers(double v) {
          return Shapes.t(new Shapes.P(v)) + Shapes.t(v);
        }
      }
      """;

  @Test
  void callersInTheSameCompilationReachEachOverload() {
    Compiled compiled = Compiled.compile(LIBRARY);
    double[] d = {0.7, -0.4};
    double[] numeric = FiniteDifferences.gradient(
        x -> (double) compiled.call("ov.Shapes", "both", (Object) x), d.clone());
    double[] dD = (double[]) Compiled.components(
        compiled.call("ov.ShapesGradients", "both", (Object) d.clone())).get("dD");
    assertEquals(numeric[0], dD[0], 1e-8);
    assertEquals(numeric[1], dD[1], 1e-8);
    Gradients.assertMatchesFiniteDifferences(compiled, "ov.Shapes", "powers", 1e-8, 0.6);
    double[][] hessian = (double[][]) Compiled.components(
        compiled.call("ov.ShapesGradients", "bothHessian", (Object) d.clone())).get("hessian");
    // s(R) + s(d) = d0 d1 + d0 + sin d1: the Hessian is [[0, 1], [1, -sin d1]].
    assertEquals(0.0, hessian[0][0], 1e-12);
    assertEquals(1.0, hessian[0][1], 1e-12);
    assertEquals(-Math.sin(d[1]), hessian[1][1], 1e-12);
    double[] doubled = FiniteDifferences.gradient(
        x -> (double) compiled.call("ov.Shapes", "doubled", (Object) x), d.clone());
    double[] dDoubled = (double[]) Compiled.components(
        compiled.call("ov.ShapesGradients", "doubled", (Object) d.clone())).get("dD");
    assertEquals(doubled[0], dDoubled[0], 1e-8);
    assertEquals(doubled[1], dDoubled[1], 1e-8);
  }

  @Test
  void callersInAnotherCompilationReachEachOverload(@TempDir Path dir) throws Exception {
    try (var loader = Jars.libraryAndApplication(dir, LIBRARY, "Shapes", APPLICATION, "Uses")) {
      Class<?> uses = loader.loadClass("app.Uses");
      Class<?> gradients = loader.loadClass("app.UsesGradients");
      Method both = uses.getMethod("both", double[].class);
      double[] d = {0.7, -0.4};
      double[] numeric = FiniteDifferences.gradient(x -> invoke(both, x), d.clone());
      Object result = gradients.getMethod("both", double[].class).invoke(null, (Object) d);
      double[] dD = (double[]) Compiled.components(result).get("dD");
      assertEquals(numeric[0], dD[0], 1e-8);
      assertEquals(numeric[1], dD[1], 1e-8);
      Method powers = uses.getMethod("powers", double.class);
      double expected = FiniteDifferences.derivative(v -> invoke(powers, v), 0.6);
      Object pushed = gradients.getMethod("powers", double.class).invoke(null, 0.6);
      assertEquals(expected, (double) Compiled.components(pushed).get("dV"), 1e-8);
    }
  }

  private static double invoke(Method method, Object arg) {
    try {
      return (double) method.invoke(null, arg);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
