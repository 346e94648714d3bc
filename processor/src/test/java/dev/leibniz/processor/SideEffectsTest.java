package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Assignments, compound assignments and increments inside expressions, differentiated with
 * Java's order of evaluation: chained assignments, {@code a[i++] = …}, {@code x = ++t[0]},
 * {@code res += (arr[i] *= 5)}, {@code f(y += x)}, {@code while (n-- != 0)}, conditions that
 * assign, an operand read before a later operand changes it ({@code s + (s = …)}), increments
 * in indices, and assignments in the operands of {@code &&} and {@code ?:} that Java evaluates
 * only on one side. Each method is also run as plain Java to check the value, and its gradient
 * and tangent are checked against finite differences of the method itself.
 */
class SideEffectsTest {
  private static Compiled compiled;
  private static final double[] X = {0.3, 0.9, -0.4, 1.2, 0.5, -0.8};
  private static final List<String> METHODS = List.of("countDown", "assigningCondition",
      "chained", "postIncrementIndex", "preIncrementElement", "compoundOfCompound",
      "argumentAssigns", "leftToRight", "incrementsInIndices", "shortCircuit",
      "choiceAssigns", "forCondition");

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package se;

        import dev.leibniz.Differentiable;

        public class Effects {
          @Differentiable(order = 2) static double countDown(double[] x, int k) {
            int n = x.length;
            double s = 0;
            while (n-- != 0) {
              s += x[n] * (n + k);
            }
            return s * s;
          }

          @Differentiable static double assigningCondition(double[] x, int k) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              if ((s += x[i] * x[i]) > 1 + k) {
                s *= 0.5;
              }
            }
            return s;
          }

          @Differentiable static double chained(double[] x, int k) {
            double a;
            double b;
            double c = a = b = x[0] * x[1];
            b += k;
            return a * b + c;
          }

          @Differentiable static double postIncrementIndex(double[] x, int k) {
            double[] t = new double[x.length];
            int i = 0;
            t[i++] = x[0] * k;
            t[i++] = Math.sin(x[i]);
            t[i] = t[i - 1] * x[i++];
            return t[0] + t[1] * t[2] + i;
          }

          @Differentiable static double preIncrementElement(double[] x, int k) {
            double[] t = {x[0], x[1]};
            double y = ++t[0];
            y *= --t[1] * k;
            return y * t[0] + t[1];
          }

          @Differentiable static double compoundOfCompound(double[] x, int k) {
            double[] arr = x.clone();
            double res = 1;
            for (int i = 0; i < arr.length; i++) {
              res += (arr[i] *= 5 + k);
            }
            return res * arr[0];
          }

          @Differentiable static double argumentAssigns(double[] x, int k) {
            double y = x[1];
            double z = Math.sin(y += x[0]) + Math.max(y, y *= k + 0.5);
            return z * y;
          }

          @Differentiable static double leftToRight(double[] x, int k) {
            double s = x[0];
            double r = s * (s = x[1] + k);
            s += (s = x[2]) * s;
            return r + s;
          }

          @Differentiable static double incrementsInIndices(double[] x, int k) {
            int i = k % 2;
            double s = x[i++] * x[i++];
            s += x[i] * x[++i];
            return s + x[i--] - x[i];
          }

          @Differentiable static double shortCircuit(double[] x, int k) {
            double s = 0;
            int taken = 0;
            for (int i = 0; i < x.length; i++) {
              if (i < k && (s += x[i]) > 0.5 || i > k + 2 && taken++ < 1) {
                s *= x[i];
              }
            }
            return s + taken;
          }

          @Differentiable static double choiceAssigns(double[] x, int k) {
            double s = 1;
            double t = 0;
            for (int i = 0; i < x.length; i++) {
              t += (i + k) % 2 == 0 ? (s *= x[i]) : (s += x[i]);
            }
            return t + s;
          }

          @Differentiable static double forCondition(double[] x, int k) {
            double s = 0;
            int i = 0;
            for (int steps = 0; (s += x[i] * x[i]) < 2 + k && steps < 20; steps++) {
              if (++i == x.length) {
                i = 0;
                continue;
              }
              s *= 1.01;
            }
            return s;
          }
        }
        """);
  }

  @Test
  void reverseModeMatchesFiniteDifferences() {
    for (int k = 0; k < 4; k++) {
      for (String method : METHODS) {
        MixedGradients.assertMatches(compiled, "se.Effects", method, 1e-7, new int[] {0}, X, k);
      }
    }
  }

  /** The gradient's value is the method's own: the order of evaluation is Java's. */
  @Test
  void valuesAreJavasOwn() {
    for (int k = 0; k < 4; k++) {
      for (String method : METHODS) {
        double primal = (double) compiled.call("se.Effects", method, X.clone(), k);
        Object gradient = compiled.call("se.EffectsGradients", method, X.clone(), k);
        assertEquals(primal, (double) Compiled.components(gradient).get("value"), 0,
            method + " at " + k);
      }
    }
  }

  @Test
  void forwardModeMatchesFiniteDifferences() {
    double[] direction = {0.4, -0.3, 0.8, 0.1, -0.6, 0.2};
    for (int k = 0; k < 4; k++) {
      for (String method : METHODS) {
        ArrayDirections.assertPushforwardMatches(compiled, "se.Effects", method, X, k,
            direction);
      }
    }
  }

  @Test
  void aSecondDerivativeThroughACountDown() {
    double[] v = {1, 0.5, -0.25, 0, 0.75, -1};
    for (int k = 0; k < 3; k++) {
      ArrayDirections.assertHvpMatches(compiled, "se.Effects", "countDown", X, k, v);
    }
  }

  /** An array assigned inside an expression is still an error, at its line. */
  @Test
  void anArrayAssignedInsideAnExpressionIsAnErrorAtItsLine() {
    JavaFileObject file = Compiled.file("""
        package se;

        import dev.leibniz.Differentiable;

        public class Arrays {
          @Differentiable static double f(double[] x) {
            double[] a;
            double[] b = new double[2];
            double[] c = a = b;
            return c[0] * x[0];
          }
        }
        """);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("'a = b'").inFile(file).onLine(9);
  }
}
