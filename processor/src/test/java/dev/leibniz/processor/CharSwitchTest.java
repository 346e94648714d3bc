package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code char}s as Java has them: a {@code char} parameter and a {@code char} a method returns
 * ({@code ops.charAt(i)}) switched on with character labels, in both switch forms; a
 * {@code char} local incremented (narrowed back to a {@code char}) and promoted to {@code int}
 * in arithmetic ({@code -c + 'a'}). Reverse mode, forward mode and a Hessian-vector product are
 * checked against finite differences of the methods themselves, for every case.
 */
class CharSwitchTest {
  private static Compiled compiled;
  private static final double[] V = {0.4, 1.3, -0.7, 0.9, 0.25};

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package ch;

        import dev.leibniz.Differentiable;

        public class Calculator {
          static final String OPS = "+*s,q+s*+";

          @Differentiable static double apply(double x, double y, char op) {
            switch (op) {
              case '+':
                return x + y;
              case '*':
                return x * y;
              case 'e', 'E':
                return Math.exp(x) * y;
              case '\\'':
                return -x;
              case '\\n', '\\\\', 'é':
                return y * y * x;
              default:
                return x - y;
            }
          }

          @Differentiable(order = 2) static double run(double[] x, int k) {
            double acc = x[0];
            for (int i = 0; i + 1 < x.length; i++) {
              char c = OPS.charAt((i + k) % OPS.length());
              acc = switch (c) {
                case '+' -> acc + x[i + 1];
                case '*' -> acc * x[i + 1];
                case 's' -> Math.sin(acc);
                default -> acc;
              };
              char next = c;
              next++;
              if (next == '-') {
                acc *= x[i];
              }
              int offset = -c + 'a';
              acc += offset * 0.01 * x[0];
            }
            return acc;
          }
        }
        """);
  }

  @Test
  void everyCharacterCaseMatchesFiniteDifferences() {
    for (char op : List.of('+', '*', 'e', 'E', '\'', '\n', '\\', 'é', '/')) {
      MixedGradients.assertMatches(compiled, "ch.Calculator", "apply", 1e-7, new int[] {0, 1},
          0.6, -1.2, op);
      double numeric = FiniteDifferences.derivative(t -> (double) compiled.call("ch.Calculator",
          "apply", 0.6 + 0.5 * t, -1.2 - 0.3 * t, op), 0.0);
      double tangent = (double) Compiled.components(compiled.call("ch.CalculatorGradients",
          "applyPushforward", 0.6, -1.2, op, 0.5, -0.3)).get("tangent");
      assertTrue(FiniteDifferences.relativeError(tangent, numeric) < 1e-7,
          op + ": " + tangent + ", differences " + numeric);
    }
  }

  @Test
  void aLoopOverTheCharactersOfAStringMatchesFiniteDifferences() {
    double[] direction = {0.3, -0.2, 0.5, 0.1, -0.4};
    for (int k = 0; k < 5; k++) {
      MixedGradients.assertMatches(compiled, "ch.Calculator", "run", 1e-7, new int[] {0}, V, k);
      ArrayDirections.assertPushforwardMatches(compiled, "ch.Calculator", "run", V, k, direction);
      ArrayDirections.assertHvpMatches(compiled, "ch.Calculator", "run", V, k, direction);
    }
  }
}
