package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.leibniz.check.FiniteDifferences;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Value classes, the style records replaced: a final class whose final fields one constructor
 * copies from parameters of the same names, with instance methods, read as a record. Parameters,
 * locals reassigned in a loop, methods called on what a call returns, fields read by name, and
 * a result of the class; gradients are instances of the class, checked against finite
 * differences. A constructor that computes is an error that says why.
 */
class ValueClassTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package vc;

        import dev.leibniz.Differentiable;

        public class Values {
          public static final class Complex {
            final double re;
            final double im;

            Complex(double re, double im) {
              this.re = re;
              this.im = im;
            }

            @Differentiable Complex times(Complex o) {
              return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
            }

            @Differentiable Complex plus(Complex o) {
              return new Complex(re + o.re, im + o.im);
            }

            @Differentiable double abs() {
              return Math.hypot(re, im);
            }
          }

          /** Hipparchus' style: private fields read through getters. */
          public static final class Vector3 {
            private final double x;
            private final double y;
            private final double z;

            public Vector3(double x, double y, double z) {
              this.x = x;
              this.y = y;
              this.z = z;
            }

            public double getX() {
              return x;
            }

            public double getY() {
              return this.y;
            }

            public double getZ() {
              return z;
            }

            public boolean isAbove() {
              return z > 0;
            }

            @Differentiable(order = 2) public Vector3 add(Vector3 o) {
              return new Vector3(x + o.x, y + o.getY(), z + o.z);
            }

            @Differentiable(order = 2) public double getNorm() {
              return Math.sqrt(x * x + y * y + z * z);
            }
          }

          @Differentiable(order = 2) static double swing(double[] x, int k) {
            Vector3 a = new Vector3(x[0], x[1], x[2] * (k - 1));
            Vector3 b = a.add(new Vector3(x[1], 1, x[0]));
            double s = b.getNorm() * a.getX() + b.getZ() * b.getY();
            return a.isAbove() ? s : s * a.getZ();
          }

          @Differentiable static double height(Vector3 v) {
            return v.getNorm() * v.getZ() + v.add(v).getX();
          }

          static double heightAt(double[] p) {
            return height(new Vector3(p[0], p[1], p[2]));
          }

          @Differentiable static double orbit(Complex c, int steps) {
            Complex z = new Complex(0.1, 0);
            for (int i = 0; i < steps; i++) {
              z = z.times(z).plus(c);
            }
            return z.abs() + z.re * c.im;
          }

          @Differentiable static Complex square(Complex c) {
            return c.times(c);
          }

          static double orbit(double[] p) {
            return orbit(new Complex(p[0], p[1]), 4);
          }
        }
        """);
  }

  @Test
  void aGradientIsAnInstanceOfTheClassAndMatchesDifferences() {
    double[] p = {-0.4, 0.3};
    Object c = complex(p[0], p[1]);
    Map<String, Object> g = Compiled.components(
        compiled.call("vc.ValuesGradients", "orbit", c, 4));
    Object dC = g.get("dC");
    assertEquals("vc.Values$Complex", dC.getClass().getName());
    double[] exact = {field(dC, "re"), field(dC, "im")};
    ToDoubleFunction<double[]> f = q -> (double) compiled.call("vc.Values", "orbit", q);
    double[] numeric = FiniteDifferences.gradient(f, p.clone());
    for (int i = 0; i < 2; i++) {
      assertTrue(FiniteDifferences.relativeError(exact[i], numeric[i]) < 1e-7,
          "coordinate " + i + ": " + exact[i] + ", differences " + numeric[i]);
    }
  }

  /** Forward mode: the tangent along a direction that is an instance of the class. */
  @Test
  void aPushforwardAlongAnInstanceMatchesDifferences() {
    double[] p = {-0.4, 0.3};
    double[] direction = {0.6, -0.8};
    Object pushed = compiled.call("vc.ValuesGradients", "orbitPushforward", complex(p[0], p[1]),
        4, complex(direction[0], direction[1]));
    double tangent = (double) Compiled.components(pushed).get("tangent");
    double numeric = FiniteDifferences.derivative(t -> (double) compiled.call("vc.Values",
        "orbit", new double[] {p[0] + t * direction[0], p[1] + t * direction[1]}), 0.0);
    assertTrue(FiniteDifferences.relativeError(tangent, numeric) < 1e-7,
        tangent + ", differences " + numeric);
  }

  /** A method returning the class: its pullback takes an upstream instance, returns one. */
  @Test
  void aResultOfTheClassHasItsPullback() {
    Object c = complex(0.7, -0.2);
    double[] dScalars = new double[2];
    Object value = compiled.call("vc.ValuesGradients", "squarePullback", c, complex(1, 0),
        dScalars);
    assertEquals(0.7 * 0.7 - 0.2 * 0.2, field(value, "re"), 1e-12);
    assertEquals(2 * 0.7 * -0.2, field(value, "im"), 1e-12);
    // re(c²) = re² − im²: its gradient along (re, im) is (2 re, −2 im), against differences.
    ToDoubleFunction<double[]> re = q -> field(
        compiled.call("vc.Values", "square", complex(q[0], q[1])), "re");
    double[] numeric = FiniteDifferences.gradient(re, new double[] {0.7, -0.2});
    assertEquals(numeric[0], dScalars[0], 1e-9);
    assertEquals(numeric[1], dScalars[1], 1e-9);
  }

  /** Private fields read through getters, in the style of Hipparchus' {@code Vector3D}. */
  @Test
  void privateFieldsReadThroughGettersMatchDifferences() {
    double[] x = {0.5, -0.3, 0.8};
    double[] direction = {0.1, 0.7, -0.4};
    for (int k = 0; k < 3; k++) {
      MixedGradients.assertMatches(compiled, "vc.Values", "swing", 1e-7, new int[] {0}, x, k);
      ArrayDirections.assertPushforwardMatches(compiled, "vc.Values", "swing", x, k, direction);
      ArrayDirections.assertHvpMatches(compiled, "vc.Values", "swing", x, k, direction);
    }
    Object v = compiled.construct("vc.Values$Vector3", x[0], x[1], x[2]);
    Object gradient = Compiled.components(compiled.call("vc.ValuesGradients", "height", v))
        .get("dV");
    double[] numeric = FiniteDifferences.gradient(
        p -> (double) compiled.call("vc.Values", "heightAt", p), x.clone());
    String[] fields = {"x", "y", "z"};
    for (int i = 0; i < 3; i++) {
      assertTrue(FiniteDifferences.relativeError(field(gradient, fields[i]), numeric[i]) < 1e-7,
          fields[i] + ": " + field(gradient, fields[i]) + ", differences " + numeric[i]);
    }
  }

  @Test
  void aGetterThatComputesIsAnErrorThatSaysWhy() {
    JavaFileObject file = Compiled.file("""
        package vc;

        import dev.leibniz.Differentiable;

        public class Scaled {
          public static final class Pair {
            private final double a;
            private final double b;

            Pair(double a, double b) {
              this.a = a;
              this.b = b;
            }

            double getA() {
              return 2 * a;
            }

            double getB() {
              return b;
            }
          }

          @Differentiable static double f(Pair p) {
            return p.getA() * p.getB();
          }
        }
        """);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("the getter getA() of Pair computes its value")
        .inFile(file).onLine(24);
  }

  @Test
  void aConstructorThatComputesIsAnErrorThatSaysWhy() {
    JavaFileObject file = Compiled.file("""
        package vc;

        import dev.leibniz.Differentiable;

        public class Unit {
          public static final class Direction {
            final double x;
            final double y;

            Direction(double x, double y) {
              double n = Math.hypot(x, y);
              this.x = x / n;
              this.y = y / n;
            }
          }

          @Differentiable static double f(Direction d) {
            return d.x * d.y;
          }
        }
        """);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("does more than copy its parameters"
        + " into its fields (double n = Math.hypot(x, y))").inFile(file).onLine(17);
  }

  private static Object complex(double re, double im) {
    try {
      var constructor = compiled.load("vc.Values$Complex")
          .getDeclaredConstructor(double.class, double.class);
      constructor.setAccessible(true);
      return constructor.newInstance(re, im);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double field(Object value, String name) {
    try {
      var field = value.getClass().getDeclaredField(name);
      field.setAccessible(true);
      return field.getDouble(value);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
