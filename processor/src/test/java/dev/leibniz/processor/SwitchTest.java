package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.leibniz.check.FiniteDifferences;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code switch} statements on an {@code int}, differentiated with Java's semantics: cases that
 * end in {@code break} (a chain of branches), several labels to a case, {@code default} in the
 * middle, the {@code ->} form, returns from cases, and cases that fall through, leave the switch
 * from inside a branch, or {@code continue} the enclosing loop, also from a switch inside such a
 * switch. Every selector value is checked in reverse mode and forward mode against finite
 * differences of the method itself, and one Hessian against differences of the gradient. A
 * switch on what a call returns is an error at its line.
 */
class SwitchTest {
  private static Compiled compiled;
  private static final double[] X = {0.3, 0.9, -0.4, 1.2, 0.5};

  @BeforeAll
  static void compile() {
    compiled = Compiled.compileWith(List.of("-Xlint:-fallthrough"), """
        package sw;

        import dev.leibniz.Differentiable;

        public class Cases {
          @Differentiable static double chain(double x, int k) {
            double y;
            switch (k) {
              case 0:
                y = x * x;
                break;
              default:
                y = x;
                break;
              case 1:
              case 2:
                y = Math.sin(x);
                break;
            }
            return y * 3;
          }

          @Differentiable(order = 2) static double arrows(double x, int k) {
            double y = 1;
            switch (k % 3) {
              case 0 -> y = x * x;
              case 1, 2 -> {
                y = Math.exp(x);
                y *= x;
              }
              default -> y += x;
            }
            return y * x;
          }

          @Differentiable static double returns(double x, int k) {
            switch (k) {
              case 0:
                return Math.cos(x);
              case 1:
                x = x * 2;
                break;
              default:
                return x * x * x;
            }
            return x + 1;
          }

          @Differentiable static double fallThrough(double[] x, int k) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              switch ((i + k) % 4) {
                case 0:
                  s += x[i];
                case 1:
                  s *= x[i];
                  if (s > 2) {
                    break;
                  }
                  s += 1;
                case 2:
                  continue;
                default:
                  s -= x[i] * x[i];
              }
              s += 0.5 * x[i];
            }
            return s;
          }

          @Differentiable static double nested(double[] x, int k) {
            double s = 1;
            for (int i = 0; i < x.length; i++) {
              switch ((i + k) % 3) {
                case 0:
                  switch (i % 2) {
                    case 0:
                      s += x[i] * s;
                      continue;
                    default:
                      s -= x[i];
                  }
                case 1:
                  s *= 1 + x[i] * x[i];
                  break;
                default:
                  for (int j = 0; j < 2; j++) {
                    if (j == 1) {
                      continue;
                    }
                    s += Math.sin(x[i] + j);
                  }
              }
              s *= 0.9;
            }
            return s;
          }
        }
        """);
  }

  @Test
  void everyCaseMatchesFiniteDifferencesInReverseMode() {
    for (int k = -1; k < 5; k++) {
      MixedGradients.assertMatches(compiled, "sw.Cases", "chain", 1e-7, new int[] {0}, 0.7, k);
      MixedGradients.assertMatches(compiled, "sw.Cases", "arrows", 1e-7, new int[] {0}, 0.7, k);
      MixedGradients.assertMatches(compiled, "sw.Cases", "returns", 1e-7, new int[] {0}, 0.7, k);
      MixedGradients.assertMatches(compiled, "sw.Cases", "fallThrough", 1e-7, new int[] {0},
          X, k);
      MixedGradients.assertMatches(compiled, "sw.Cases", "nested", 1e-7, new int[] {0}, X, k);
    }
  }

  @Test
  void everyCaseMatchesFiniteDifferencesInForwardMode() {
    double[] direction = {0.4, -0.3, 0.8, 0.1, -0.6};
    for (int k = 0; k < 4; k++) {
      for (String method : List.of("fallThrough", "nested")) {
        ArrayDirections.assertPushforwardMatches(compiled, "sw.Cases", method, X, k, direction);
      }
    }
  }

  @Test
  void aSecondDerivativeThroughTheArrowForm() {
    for (int k = 0; k < 3; k++) {
      int selector = k;
      double hessian = ((double[][]) Compiled.components(
          compiled.call("sw.CasesGradients", "arrowsHessian", 0.7, k)).get("hessian"))[0][0];
      double numeric = FiniteDifferences.derivative(x -> (double) Compiled.components(
          compiled.call("sw.CasesGradients", "arrows", x, selector)).get("dX"), 0.7);
      assertTrue(FiniteDifferences.relativeError(hessian, numeric) < 1e-6,
          k + ": " + hessian + ", differences " + numeric);
    }
  }

  /** Cases that end in break become branches; a switch left from inside a case, a loop. */
  @Test
  void aSwitchOfCasesEndingInBreakIsAChainOfBranches() {
    String chain = compiled.pullbackBody("sw.CasesGradients", "chainPullback");
    assertTrue(chain.contains(" = _case == 0;"), chain);
    assertTrue(chain.contains(" = _case == 1 || _case == 2;"), chain);
    assertTrue(chain.contains("// Cases.java:15: case 1:"), chain);
    assertFalse(chain.contains("_fell"), chain);
    String fallThrough = compiled.pullbackBody("sw.CasesGradients", "fallThroughPullback");
    assertTrue(fallThrough.contains("_fell"), fallThrough);
  }

  /** A switch on what a call returns is an error at its selector that says what to write. */
  @Test
  void aSwitchOnAnythingButAnIntACharAnEnumOrAStringParameterIsAnErrorAtItsLine() {
    JavaFileObject file = Compiled.file("""
        package sw;

        import dev.leibniz.Differentiable;

        public class Modes {
          @Differentiable static double f(double x, String mode) {
            switch (mode.trim()) {
              case "square":
                return x * x;
              default:
                return x;
            }
          }
        }
        """);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining(
        "[LZ101] Leibniz cannot differentiate a switch on mode.trim() (not an int, a char, an"
            + " enum or a String parameter) yet: switch on an int, a char, an enum or a String").inFile(file)
        .onLine(7);
  }

  /** A String case labeled with a constant's name rather than a literal is an error there. */
  @Test
  void aStringCaseLabeledByAConstantIsAnErrorAtItsLabel() {
    JavaFileObject file = Compiled.file("""
        package sw;

        import dev.leibniz.Differentiable;

        public class Named {
          static final String SQUARE = "square";

          @Differentiable static double f(double x, String mode) {
            switch (mode) {
              case SQUARE:
                return x * x;
              default:
                return x;
            }
          }
        }
        """);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("label the cases of a switch on a String with"
        + " string literals").inFile(file).onLine(10);
  }
}
