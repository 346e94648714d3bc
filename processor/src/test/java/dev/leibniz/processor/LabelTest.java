package dev.leibniz.processor;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Labeled statements, {@code break label} and {@code continue label}, differentiated with Java's
 * semantics: leaving or continuing an outer loop from an inner one, leaving a labeled block, an
 * unlabeled {@code break} or {@code continue} inside a labeled block (which still goes to the
 * innermost loop), and a {@code continue} from a switch inside a labeled block. Reverse mode and
 * forward mode are checked against finite differences of the method itself, one Hessian against
 * differences of the gradient.
 */
class LabelTest {
  private static Compiled compiled;
  private static final double[] X = {0.3, 0.9, -0.4, 1.2, 0.5, -0.8};
  private static final List<String> METHODS =
      List.of("continueOuter", "breakOuter", "block", "innermostThroughBlock", "switchInBlock");

  @BeforeAll
  static void compile() {
    compiled = Compiled.compileWith(List.of("-Xlint:-fallthrough"), """
        package lb;

        import dev.leibniz.Differentiable;

        public class Labels {
          @Differentiable(order = 2) static double continueOuter(double[] x, int k) {
            double s = 1;
            rows:
            for (int i = 0; i < x.length; i++) {
              for (int j = 0; j < x.length; j++) {
                if ((i + j + k) % 4 == 0) {
                  continue rows;
                }
                s += 0.1 * x[i] * Math.sin(x[j]);
              }
              s *= 1.01;
            }
            return s;
          }

          @Differentiable static double breakOuter(double[] x, int k) {
            double s = 0;
            outer:
            while (true) {
              int i = 0;
              do {
                s += x[i] * x[i] * (1 + 0.1 * k);
                if (s > 1.05 + k) {
                  break outer;
                }
                i++;
              } while (i < x.length);
              s += 0.25;
            }
            return s * s;
          }

          @Differentiable static double block(double[] x, int k) {
            double s = x[0];
            found: {
              for (int i = 1; i < x.length; i++) {
                if (i == k) {
                  s *= x[i];
                  break found;
                }
                s += x[i];
              }
              s = Math.exp(s * 0.5);
            }
            return s * x[1];
          }

          @Differentiable static double innermostThroughBlock(double[] x, int k) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              step: {
                if (i == k) {
                  continue;
                }
                if (i == k + 2) {
                  break;
                }
                if (x[i] < 0) {
                  break step;
                }
                s += x[i] * x[i];
              }
              s += Math.cos(x[i]);
            }
            return s;
          }

          @Differentiable static double switchInBlock(double[] x, int k) {
            double s = 1;
            for (int i = 0; i < x.length; i++) {
              inner: {
                switch ((i + k) % 3) {
                  case 0:
                    s *= x[i];
                    continue;
                  case 1:
                    if (s > 1) {
                      break inner;
                    }
                    s += x[i];
                  default:
                    s -= 0.5 * x[i] * x[i];
                }
                s *= 1.1;
              }
              s += 0.01 * x[i];
            }
            return s;
          }
        }
        """);
  }

  @Test
  void reverseModeMatchesFiniteDifferences() {
    for (int k = 0; k < 5; k++) {
      for (String method : METHODS) {
        MixedGradients.assertMatches(compiled, "lb.Labels", method, 1e-7, new int[] {0}, X, k);
      }
    }
  }

  @Test
  void forwardModeMatchesFiniteDifferences() {
    double[] direction = {0.4, -0.3, 0.8, 0.1, -0.6, 0.2};
    for (int k = 0; k < 5; k++) {
      for (String method : METHODS) {
        ArrayDirections.assertPushforwardMatches(compiled, "lb.Labels", method, X, k, direction);
      }
    }
  }

  /** A Hessian-vector product through continue of an outer loop, against its gradient. */
  @Test
  void aSecondDerivativeThroughContinueOfAnOuterLoop() {
    double[] v = {1, 0.5, -0.25, 0, 0.75, -1};
    for (int k = 0; k < 4; k++) {
      ArrayDirections.assertHvpMatches(compiled, "lb.Labels", "continueOuter", X, k, v);
    }
  }
}
