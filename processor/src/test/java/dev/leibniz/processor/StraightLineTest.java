package dev.leibniz.processor;

import static dev.leibniz.processor.Gradients.assertMatchesFiniteDifferences;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each straight-line construct of the language, differentiated and checked numerically. */
class StraightLineTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled =
        Compiled.compile(
            """
            package s;

            import dev.leibniz.Differentiable;
            import dev.leibniz.NoDerivative;

            public class Ops {
              static final double SCALE = 1.5;
              static final int STEPS = 3;
              double weight = 0.75;
              int count = 4;

              @Differentiable static double circuit(double x, double y, double z) {
                return (x + y) * z;
              }
              @Differentiable static double reassignParameter(double x, double y) {
                x = x * y;
                x = Math.sin(x) + x;
                return x * x;
              }
              @Differentiable static double compound(double x, double y) {
                double a = x;
                a += y;
                a -= 0.5 * x;
                a *= y;
                a /= x;
                return a;
              }
              @Differentiable static double negation(double x) {
                double y = -x;
                return -(y * -x) + +x;
              }
              @Differentiable static double integerDivision(double x, int k) {
                return x * (k / 2) + x / k;
              }
              @Differentiable static double casts(double x, int k) {
                int truncated = (int) x;
                double widened = (double) k;
                long big = 3L;
                return x * truncated + widened * x + big * x + (int) (x * 10);
              }
              @Differentiable static double constants(double x) {
                return SCALE * x + STEPS * Math.PI * x + Double.MIN_VALUE;
              }
              @Differentiable double instance(double x) {
                return weight * x * x + count + this.weight;
              }
              @Differentiable static double noDerivative(double x, @NoDerivative double c) {
                return x * c * c;
              }
              @Differentiable static double mixedParams(double x, long n, boolean flag, int k) {
                return x * n + k;
              }
              @Differentiable static double locals(double x) {
                double a = x * x;
                int k = 2;
                k = k + 1;
                double b = a * k;
                var c = b + 1.0;
                double d;
                d = c * c;
                { double e = d + a; d = e; }
                return d;
              }
              @Differentiable static double selfUpdates(double x) {
                double y = x;
                y = Math.exp(y);
                y = Math.sqrt(y) * y;
                y = Math.tanh(y);
                return y;
              }
              @Differentiable static double unused(double x, double y) {
                return 2 * x;
              }
              @Differentiable static double constantResult(double x) {
                x = 3;
                return x;
              }
              @Differentiable static double repeatedUse(double x) {
                return x * x * x + x / x - x;
              }
              @Differentiable static double remainder(double x, double y) {
                double r = x % y;
                r %= 0.7;
                int k = 17;
                k %= 5;
                k++;
                k--;
                ++k;
                return r * y + k * x;
              }
              @Differentiable static double strict(double x) {
                return StrictMath.sin(x) * StrictMath.exp(x);
              }

              static class Nested {
                @Differentiable static double inner(double x) {
                  return x * x;
                }
              }
            }
            """,
            """
            package s;

            import static java.lang.Math.*;
            import dev.leibniz.Differentiable;

            public class Second {
              @Differentiable static double imported(double a, double b) {
                return sin(a) * cos(b) + PI;
              }
            }
            """);
  }

  @Test
  void circuitHasThePublishedGradient() {
    double[] g = Gradients.generated(compiled, "s.Ops", "circuit", -2, 5, -4);
    assertEquals(-12, Gradients.generatedValue(compiled, "s.Ops", "circuit", -2, 5, -4));
    assertArrayEquals(new double[] {-4, -4, 3}, g);
  }

  @Test
  void reassignedParametersAndCompoundAssignments() {
    assertMatchesFiniteDifferences(compiled, "s.Ops", "reassignParameter", 1e-7, 0.7, -1.3);
    assertMatchesFiniteDifferences(compiled, "s.Ops", "compound", 1e-7, 0.7, -1.3);
    assertMatchesFiniteDifferences(compiled, "s.Ops", "locals", 1e-7, 0.9);
    assertMatchesFiniteDifferences(compiled, "s.Ops", "selfUpdates", 1e-7, 0.4);
    assertMatchesFiniteDifferences(compiled, "s.Ops", "repeatedUse", 1e-7, 1.7);
    assertMatchesFiniteDifferences(compiled, "s.Ops", "remainder", 1e-7, 5.3, 1.2);
    assertMatchesFiniteDifferences(compiled, "s.Ops", "remainder", 1e-7, -5.3, 1.2);
  }

  @Test
  void unaryMinusAndPlus() {
    assertMatchesFiniteDifferences(compiled, "s.Ops", "negation", 1e-7, 0.3);
    assertArrayEquals(
        new double[] {-2 * 0.3 + 1}, Gradients.generated(compiled, "s.Ops", "negation", 0.3), 1e-15);
  }

  @Test
  void integerArithmeticKeepsJavaSemantics() {
    Object result = compiled.call("s.OpsGradients", "integerDivision", 2.0, 5);
    Map<String, Object> c = Compiled.components(result);
    assertEquals(2.0 * 2 + 2.0 / 5, (double) c.get("value"), 1e-15);
    assertEquals(2 + 1.0 / 5, (double) c.get("dX"), 1e-15);
  }

  @Test
  void castsAreConstantsOfTheDerivative() {
    Map<String, Object> c = Compiled.components(compiled.call("s.OpsGradients", "casts", 2.34, 7));
    assertEquals(2.34 * 2 + 7.0 * 2.34 + 3 * 2.34 + 23, (double) c.get("value"), 1e-12);
    assertEquals(2 + 7 + 3, (double) c.get("dX"), 1e-12);
  }

  @Test
  void fieldsAndConstantsAreConstants() {
    assertMatchesFiniteDifferences(compiled, "s.Ops", "constants", 1e-7, 0.5);
    Object model = newOps();
    Map<String, Object> c = Compiled.components(compiled.call("s.OpsGradients", "instance", model, 2.0));
    assertEquals(0.75 * 4 + 4 + 0.75, (double) c.get("value"), 1e-15);
    assertEquals(2 * 0.75 * 2.0, (double) c.get("dX"), 1e-15);
  }

  @Test
  void constantParametersHaveNoAccessor() {
    Map<String, Object> c =
        Compiled.components(compiled.call("s.OpsGradients", "noDerivative", 2.0, 3.0));
    assertEquals(Map.of("value", 18.0, "dX", 9.0), c);
    Map<String, Object> mixed =
        Compiled.components(compiled.call("s.OpsGradients", "mixedParams", 2.0, 5L, true, 1));
    assertEquals(Map.of("value", 11.0, "dX", 5.0), mixed);
  }

  @Test
  void unusedAndOverwrittenInputsHaveZeroGradient() {
    assertArrayEquals(new double[] {2, 0}, Gradients.generated(compiled, "s.Ops", "unused", 1, 2));
    assertArrayEquals(new double[] {0}, Gradients.generated(compiled, "s.Ops", "constantResult", 1));
  }

  @Test
  void nestedClassesStaticImportsAndStrictMath() {
    assertMatchesFiniteDifferences(compiled, "s.Ops$Nested", "inner", 1e-7, 1.1);
    assertArrayEquals(
        new double[] {2.2}, Gradients.generated(compiled, "s.Ops_Nested", "inner", 1.1), 1e-15);
    assertMatchesFiniteDifferences(compiled, "s.Second", "imported", 1e-7, 0.3, 1.2);
    assertMatchesFiniteDifferences(compiled, "s.Ops", "strict", 1e-7, 0.3);
  }

  private static Object newOps() {
    try {
      var constructor = compiledClass("s.Ops").getDeclaredConstructor();
      return constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Class<?> compiledClass(String name) {
    return compiled.load(name);
  }
}
