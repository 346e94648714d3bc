package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.leibniz.check.FiniteDifferences;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Switch expressions ({@code case … ->} with values and blocks, the {@code case …:} form with
 * {@code yield} and fall-through, {@code yield} from inside a loop or a switch statement) and
 * switches on an enum and on a String, statements and expressions, differentiated with Java's
 * semantics. Each selector value is checked in reverse and forward mode against finite
 * differences of the method itself, and the second derivative of an activation chosen by an enum
 * against differences of its gradient.
 */
class SwitchExpressionTest {
  private static Compiled compiled;
  private static final double[] X = {0.3, 0.9, -0.4, 1.2, 0.5};
  private static final List<String> ARRAY_METHODS = List.of("yields", "nestedYield");

  @BeforeAll
  static void compile() {
    compiled = Compiled.compileWith(List.of("-Xlint:-fallthrough"), """
        package sx;

        import dev.leibniz.Differentiable;

        public class Choices {
          public enum Activation { RELU, TANH, SIGMOID, SOFTPLUS, IDENTITY }

          @Differentiable(order = 2) static double activate(double x, Activation a) {
            return switch (a) {
              case RELU -> x > 0 ? x : 0.01 * x;
              case TANH -> Math.tanh(x);
              case SIGMOID -> {
                double e = Math.exp(-x);
                yield 1 / (1 + e);
              }
              case SOFTPLUS, IDENTITY -> a == Activation.IDENTITY ? x : Math.log1p(Math.exp(x));
            };
          }

          @Differentiable static double layer(double x, Activation a) {
            double y = x;
            switch (a) {
              case RELU:
                y = Math.max(0, y) * 1.5;
              case TANH:
                y = Math.tanh(y + 0.1);
                break;
              default:
                y = -y * y;
            }
            return y;
          }

          @Differentiable static double yields(double[] x, int k) {
            double s = 0.5;
            for (int i = 0; i < x.length; i++) {
              s += switch ((i + k) % 5) {
                case 0:
                  yield x[i] * x[i];
                case 1: {
                  if (x[i] > 0) {
                    yield Math.sin(x[i]);
                  }
                  double t = x[i] * s;
                  yield t;
                }
                case 2:
                  for (int j = 1; j < 4; j++) {
                    if (j * x[i] > 0.55) {
                      yield j * x[i];
                    }
                  }
                  yield -x[i];
                case 3:
                  s += 1;
                default:
                  yield s * x[i];
              };
            }
            return s;
          }

          @Differentiable static double byName(double x, String name) {
            double y = switch (name) {
              case "square" -> x * x;
              case "sine", "sin" -> Math.sin(x);
              default -> x;
            };
            switch (name) {
              case "square":
                y *= x;
              case "sine":
                y += 1;
                break;
              default:
                y = -y;
            }
            return y;
          }

          @Differentiable static double nestedYield(double[] x, int k) {
            double v = switch (k % 3) {
              case 0 -> {
                switch (k + 1) {
                  case 1:
                    if (x[0] > 0) {
                      yield x[0] * x[1];
                    }
                  default:
                    break;
                }
                yield 3 * x[2];
              }
              case 1 -> {
                int j = 0;
                while (j < 4) {
                  j++;
                  if (j == 2) {
                    yield x[j] * x[0];
                  }
                }
                yield x[1];
              }
              default -> Math.exp(x[3]);
            };
            return v * v + x[4];
          }
        }
        """);
  }

  private static Object[] activations() {
    return compiled.load("sx.Choices$Activation").getEnumConstants();
  }

  @Test
  void reverseModeMatchesFiniteDifferences() {
    for (Object a : activations()) {
      for (double x : new double[] {-0.7, 0.4}) {
        MixedGradients.assertMatches(compiled, "sx.Choices", "activate", 1e-7, new int[] {0},
            x, a);
        MixedGradients.assertMatches(compiled, "sx.Choices", "layer", 1e-7, new int[] {0}, x, a);
      }
    }
    for (int k = 0; k < 6; k++) {
      for (String method : ARRAY_METHODS) {
        MixedGradients.assertMatches(compiled, "sx.Choices", method, 1e-7, new int[] {0}, X, k);
      }
    }
    for (String name : new String[] {"square", "sine", "sin", "other"}) {
      MixedGradients.assertMatches(compiled, "sx.Choices", "byName", 1e-7, new int[] {0}, 0.7,
          name);
    }
  }

  @Test
  void forwardModeMatchesFiniteDifferences() {
    double[] direction = {0.4, -0.3, 0.8, 0.1, -0.6};
    for (int k = 0; k < 6; k++) {
      for (String method : ARRAY_METHODS) {
        ArrayDirections.assertPushforwardMatches(compiled, "sx.Choices", method, X, k,
            direction);
      }
    }
    for (Object a : activations()) {
      double numeric = FiniteDifferences.derivative(
          x -> (double) compiled.call("sx.Choices", "layer", x, a), 0.4);
      double tangent = (double) Compiled.components(
          compiled.call("sx.ChoicesGradients", "layerPushforward", 0.4, a, 1.0)).get("tangent");
      assertTrue(FiniteDifferences.relativeError(tangent, numeric) < 1e-7,
          a + ": " + tangent + ", differences " + numeric);
    }
  }

  @Test
  void secondDerivativesOfEachActivation() {
    for (Object a : activations()) {
      double hessian = ((double[][]) Compiled.components(
          compiled.call("sx.ChoicesGradients", "activateHessian", 0.4, a)).get("hessian"))[0][0];
      double numeric = FiniteDifferences.derivative(x -> (double) Compiled.components(
          compiled.call("sx.ChoicesGradients", "activate", x, a)).get("dX"), 0.4);
      assertTrue(FiniteDifferences.relativeError(hessian, numeric) < 1e-6,
          a + ": " + hessian + ", differences " + numeric);
    }
  }

  /** A field's initializer has no statements to hold a switch's cases: an error, not a crash. */
  @Test
  void aSwitchExpressionInAFieldsInitializerIsAnErrorAtItsLine() {
    JavaFileObject file = Compiled.file("""
        package sx;

        import dev.leibniz.Differentiable;

        public class Field {
          private static final int MODE = 2;
          private static final double SCALE = switch (MODE) {
            case 1 -> 0.5;
            default -> 1.5;
          };

          @Differentiable static double f(double x) {
            return x * SCALE;
          }
        }
        """);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("a switch expression").inFile(file).onLine(7);
    assertThat(compilation).hadErrorCount(1);
  }
}
