package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library compiled with the processor into a jar, then an application compiled against the
 * jar alone: the application's gradients go through the library's pullbacks and rules.
 */
class SeparateCompilationTest {
  private static final String LIBRARY = """
      package lib;

      import dev.leibniz.DerivativeOf;
      import dev.leibniz.Differentiable;

      public final class Kernels {
        private Kernels() {}

        @Differentiable(order = 2)
        public static double rbf(double[] a, double[] b, double width) {
          double d2 = 0;
          for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            d2 += d * d;
          }
          return Math.exp(-d2 / (2 * width * width));
        }

        @Differentiable(order = 2) public static double[] cross(double[] a, double[] b) {
          return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2],
              a[0] * b[1] - a[1] * b[0]};
        }

        @Differentiable(order = 2) public static void rate(double t, double[] y, double[] dy) {
          dy[0] = y[1] * t;
          dy[1] = -Math.sin(y[0]);
          dy[2] = y[2] * y[0];
        }

        @Differentiable(order = 2) public static double well(double x, double y) {
          return Math.cosh(x * y) + x * x * x;
        }

        public record Pt(double x, double y, String label) {}

        public record Xy(double x, double y) {
          @Differentiable public double norm2() {
            return x * x + y() * y();
          }
        }

        @Differentiable public static double spread(Xy[] points) {
          double s = 0;
          for (Xy p : points) {
            s += p.norm2() * p.x();
          }
          return s;
        }

        @Differentiable public static Xy turned(Xy a, double angle) {
          return new Xy(a.x() * Math.cos(angle) - a.y() * Math.sin(angle),
              a.x() * Math.sin(angle) + a.y() * Math.cos(angle));
        }

        @Differentiable public static Xy[] scaled(Xy[] ps, double k) {
          Xy[] out = new Xy[ps.length];
          for (int i = 0; i < ps.length; i++) {
            out[i] = new Xy(ps[i].x() * k + ps[i].y(), Math.sin(ps[i].y() * k));
          }
          return out;
        }

        public record Chain(double[] q, double s) {}

        @Differentiable public static Chain tightened(Chain c, double k) {
          double[] q = new double[c.q().length];
          for (int i = 0; i < q.length; i++) {
            q[i] = c.q()[i] + k * Math.sin(c.q()[(i + 1) % q.length]) * c.s();
          }
          return new Chain(q, c.s() * k + q[0]);
        }

        @Differentiable public static double dist2(Pt a, Pt b) {
          double dx = a.x() - b.x();
          double dy = a.y() - b.y();
          return dx * dx + dy * dy * Math.cos(a.x());
        }

        public static double gudermann(double x) {
          return 2 * Math.atan(Math.tanh(x / 2));
        }

        @DerivativeOf(type = Kernels.class, method = "gudermann")
        static double gudermannDerivative(double x) {
          return 1 / Math.cosh(x);
        }
      }
      """;

  private static final String APPLICATION = """
      package lib;

      import dev.leibniz.Differentiable;

      public class App {
        @Differentiable public static double score(double[] a, double[] b, double width) {
          return Kernels.rbf(a, b, width) * Kernels.gudermann(width);
        }

        @Differentiable public static double stepped(double[] a, double[] b, double width) {
          double[] c = Kernels.cross(a, b);
          double[] next = new double[3];
          Kernels.rate(width, c, next);
          return next[0] * next[1] + next[2] * c[1];
        }

        @Differentiable(order = 2)
        public static double steppedTwice(double[] a, double[] b, double width) {
          double[] c = Kernels.cross(a, b);
          double[] next = new double[3];
          Kernels.rate(width, c, next);
          Kernels.rate(width * 0.5, next, c);
          return next[0] * next[1] + c[2] * c[1];
        }

        @Differentiable public static double viaRecords(double x, double y) {
          Kernels.Pt p = new Kernels.Pt(x * y, y, "p");
          Kernels.Xy q = Kernels.turned(new Kernels.Xy(x, y), x * y);
          Kernels.Xy[] both = new Kernels.Xy[2];
          both[0] = q;
          both[1] = new Kernels.Xy(y, x);
          return Kernels.dist2(p, new Kernels.Pt(y, 1, "q")) + p.x() + q.x() * q.y() + q.norm2()
              + Kernels.spread(both);
        }

        @Differentiable public static double chained(double x, double y) {
          double[] q = {x, y, x * y};
          Kernels.Chain c = new Kernels.Chain(q, y);
          for (int k = 0; k < 3; k++) {
            c = Kernels.tightened(c, 0.5);
          }
          return c.q()[0] * c.q()[2] + c.s();
        }

        @Differentiable public static double scaledTwice(double x, double y) {
          Kernels.Xy[] ps = new Kernels.Xy[2];
          ps[0] = new Kernels.Xy(x, y);
          ps[1] = new Kernels.Xy(y, x * y);
          for (int k = 0; k < 2; k++) {
            ps = Kernels.scaled(ps, 0.7);
          }
          return ps[0].x() * ps[1].y() + Kernels.spread(ps);
        }

        @Differentiable public static double pulled(double[] a, double[] b) {
          return KernelsGradients.rbf(a, b, 0.9).dA()[1] * a[0];
        }

        @Differentiable(order = 2) public static double curved(double x, double y) {
          return Kernels.well(x, y * x) * y;
        }

        @Differentiable public static double pushed(double x, double y) {
          return KernelsGradients.well(x, y).dY() * x;
        }
      }
      """;

  @Test
  void applicationDifferentiatesThroughAJarCompiledEarlier(@TempDir Path dir) throws Exception {
    Path libraryClasses = Jars.compile(dir.resolve("lib-src"), LIBRARY, "Kernels",
        dir.resolve("lib"), List.of());
    Path jar = Jars.jar(libraryClasses, dir.resolve("kernels.jar"));
    Path appClasses = Jars.compile(dir.resolve("app-src"), APPLICATION, "App",
        dir.resolve("app"), List.of(jar));
    assertTrue(Files.exists(appClasses.resolve("lib/AppGradients.class")));

    try (var loader = Jars.loader(appClasses, jar)) {
      Class<?> app = loader.loadClass("lib.App");
      Class<?> gradients = loader.loadClass("lib.AppGradients");
      Method score = app.getMethod("score", double[].class, double[].class, double.class);
      Method gradient = gradients.getMethod("score", double[].class, double[].class, double.class);
      double[] a = {0.3, -0.4};
      double[] b = {0.1, 0.2};
      Object result = gradient.invoke(null, a, b, 0.8);
      double[] dA = (double[]) result.getClass().getMethod("dA").invoke(result);
      double dWidth = (double) result.getClass().getMethod("dWidth").invoke(result);
      double[] numeric = FiniteDifferences.gradient(v -> invoke(score, v, b, 0.8), a.clone());
      assertEquals(numeric[0], dA[0], 1e-9);
      assertEquals(numeric[1], dA[1], 1e-9);
      assertEquals(FiniteDifferences.derivative(w -> invoke(score, a, b, w), 0.8), dWidth, 1e-9);

      // Through a method returning an array and one writing into an array, both in the jar.
      Method stepped = app.getMethod("stepped", double[].class, double[].class, double.class);
      Method steppedGradient =
          gradients.getMethod("stepped", double[].class, double[].class, double.class);
      double[] u = {0.3, -0.4, 0.9};
      double[] v = {0.1, 0.2, -0.7};
      Object through = steppedGradient.invoke(null, u, v, 0.8);
      double[] dU = (double[]) through.getClass().getMethod("dA").invoke(through);
      double[] numericU = FiniteDifferences.gradient(x -> invoke(stepped, x, v, 0.8), u.clone());
      for (int i = 0; i < 3; i++) {
        assertEquals(numericU[i], dU[i], 1e-8);
      }

      // Second order through methods of vectors in the jar; an element of a gradient's array.
      double[] point = {0.3, -0.4, 0.9, 0.1, 0.2, -0.7, 0.8};
      Method twice = gradients.getMethod("steppedTwiceHessian", double[].class, double[].class,
          double.class);
      double[][] twiceHessian = (double[][]) components(twice.invoke(null,
          Arrays.copyOfRange(point, 0, 3), Arrays.copyOfRange(point, 3, 6), point[6]),
          "hessian");
      Method twiceGradient = gradients.getMethod("steppedTwice", double[].class, double[].class,
          double.class);
      // A vector the jar's callee only reads, overwritten after the call, is read back right.
      Method twiceValue = app.getMethod("steppedTwice", double[].class, double[].class,
          double.class);
      assertArrayEquals(FiniteDifferences.gradient(p -> invoke(twiceValue,
          Arrays.copyOfRange(p, 0, 3), Arrays.copyOfRange(p, 3, 6), p[6]), point.clone()),
          flat(invokeObject(twiceGradient, Arrays.copyOfRange(point, 0, 3),
              Arrays.copyOfRange(point, 3, 6), point[6])), 1e-8);
      for (int i = 0; i < point.length; i++) {
        int row = i;
        double[] numericRow = FiniteDifferences.gradient(p -> flat(invokeObject(twiceGradient,
            Arrays.copyOfRange(p, 0, 3), Arrays.copyOfRange(p, 3, 6), p[6]))[row],
            point.clone());
        for (int j = 0; j < point.length; j++) {
          assertEquals(numericRow[j], twiceHessian[i][j], 1e-6 * Math.max(1,
              Math.abs(numericRow[j])), "H[" + i + "][" + j + "]");
        }
      }
      Method pulled = app.getMethod("pulled", double[].class, double[].class);
      Object pulledGradient = gradients.getMethod("pulled", double[].class, double[].class)
          .invoke(null, u, v);
      double[] numericPulled = FiniteDifferences.gradient(x -> invoke(pulled, x, v), u.clone());
      assertArrayEquals(numericPulled, (double[]) components(pulledGradient, "dA"), 1e-7);

      // Records passed to a method of records in the jar.
      Method viaRecords = app.getMethod("viaRecords", double.class, double.class);
      Object recordGradient = gradients.getMethod("viaRecords", double.class, double.class)
          .invoke(null, 0.4, 0.7);
      double[] numericRecords = FiniteDifferences.gradient(p -> invoke(viaRecords, p[0], p[1]),
          new double[] {0.4, 0.7});
      assertEquals(numericRecords[0], (double) components(recordGradient, "dX"), 1e-7);
      assertEquals(numericRecords[1], (double) components(recordGradient, "dY"), 1e-7);

      // A record with a vector, returned by a method in the jar and reassigned in a loop.
      Method chained = app.getMethod("chained", double.class, double.class);
      Object chainedGradient = gradients.getMethod("chained", double.class, double.class)
          .invoke(null, 0.4, 0.7);
      double[] numericChained = FiniteDifferences.gradient(p -> invoke(chained, p[0], p[1]),
          new double[] {0.4, 0.7});
      assertEquals(numericChained[0], (double) components(chainedGradient, "dX"), 1e-7);
      assertEquals(numericChained[1], (double) components(chainedGradient, "dY"), 1e-7);

      // An array of records returned by a method in the jar, in a loop.
      Method scaledTwice = app.getMethod("scaledTwice", double.class, double.class);
      Object scaledGradient = gradients.getMethod("scaledTwice", double.class, double.class)
          .invoke(null, 0.4, 0.7);
      double[] numericScaled = FiniteDifferences.gradient(p -> invoke(scaledTwice, p[0], p[1]),
          new double[] {0.4, 0.7});
      assertEquals(numericScaled[0], (double) components(scaledGradient, "dX"), 1e-7);
      assertEquals(numericScaled[1], (double) components(scaledGradient, "dY"), 1e-7);

      // Second order through a method of order 2 in the jar, and its gradient read.
      Method curved = gradients.getMethod("curvedHessian", double.class, double.class);
      double[][] hessian = (double[][]) components(curved.invoke(null, 0.4, 0.7), "hessian");
      Method curvedGradient = gradients.getMethod("curved", double.class, double.class);
      for (int i = 0; i < 2; i++) {
        String component = i == 0 ? "dX" : "dY";
        double[] numericRow = FiniteDifferences.gradient(p -> (double) components(
            invokeObject(curvedGradient, p[0], p[1]), component), new double[] {0.4, 0.7});
        assertEquals(numericRow[0], hessian[i][0], 1e-7);
        assertEquals(numericRow[1], hessian[i][1], 1e-7);
      }
      Method pushed = app.getMethod("pushed", double.class, double.class);
      Object pushedGradient = gradients.getMethod("pushed", double.class, double.class)
          .invoke(null, 0.4, 0.7);
      double[] numericPushed = FiniteDifferences.gradient(p -> invoke(pushed, p[0], p[1]),
          new double[] {0.4, 0.7});
      assertEquals(numericPushed[0], (double) components(pushedGradient, "dX"), 1e-7);
      assertEquals(numericPushed[1], (double) components(pushedGradient, "dY"), 1e-7);
    }
  }

  /** The gradient of {@code steppedTwice} as one vector: dA, dB, dWidth. */
  private static double[] flat(Object record) {
    double[] dA = (double[]) components(record, "dA");
    double[] dB = (double[]) components(record, "dB");
    return new double[] {dA[0], dA[1], dA[2], dB[0], dB[1], dB[2],
        (double) components(record, "dWidth")};
  }

  private static Object invokeObject(Method method, Object... args) {
    try {
      return method.invoke(null, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object components(Object record, String component) {
    return Compiled.components(record).get(component);
  }

  private static double invoke(Method method, Object... args) {
    try {
      return (double) method.invoke(null, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
