package dev.leibniz.processor;

import static dev.leibniz.processor.Gradients.assertMatchesFiniteDifferences;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import java.io.IOException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the forward sweep keeps: exactly the values a later adjoint reads. Each case is checked
 * against finite differences, and the generated source shows what is and is not kept.
 */
class SavingTest {
  private static Compiled compiled;
  private static String generated;

  @BeforeAll
  static void compile() throws IOException {
    compiled = Compiled.compile(
        """
        package sv;

        import dev.leibniz.Differentiable;

        public class Saved {
          /**
           * The same element written every iteration, and read by exp's own derivative: each
           * old value is kept.
           */
          @Differentiable static double sameElement(double x) {
            double[] b = new double[3];
            double s = 0;
            for (int i = 0; i < 3; i++) {
              b[1] = Math.exp(x * i);
              s += b[1];
            }
            return s;
          }

                  /**
           * An element of its own per iteration, read again in the same iteration: nothing is
           * kept, since no later iteration writes that element.
           */
          @Differentiable static double ownElements(double x, double[] w) {
            double[] h = new double[w.length];
            double s = 0;
            for (int i = 0; i < w.length; i++) {
              h[i] = Math.tanh(w[i] * x);
              s += h[i] * h[i];
            }
            return s;
          }

          /** The inner loop writes elements of their own, but the outer loop writes them again. */
          @Differentiable static double rewritten(double x) {
            double[] h = new double[3];
            double s = 0;
            for (int k = 0; k < 2; k++) {
              for (int i = 0; i < 3; i++) {
                h[i] = Math.exp(x * (k + i));
                s += h[i] * (k + 1);
              }
            }
            return s;
          }

          /** An element read and then written again in the same iteration: kept. */
          @Differentiable static double overwritten(double x) {
            double[] h = new double[3];
            double s = 0;
            for (int i = 0; i < 3; i++) {
              h[i] = x * (i + 1);
              s += Math.sin(h[i]);
              h[i] = h[i] * h[i] + x;
              s += h[i];
            }
            return s;
          }

          /** Elements read ahead of the writes of later iterations: kept. */
          @Differentiable static double readAhead(double x) {
            double[] h = new double[4];
            for (int j = 0; j < 4; j++) {
              h[j] = x + j;
            }
            double s = 0;
            for (int i = 0; i < 3; i++) {
              h[i] = Math.exp(h[i] * 0.5);
              s += h[i] + Math.cos(h[i + 1]);
            }
            return s;
          }

          /** A sum that is only added to: nothing kept, not even the running value. */
          @Differentiable static double sumOnly(double x, double[] w) {
            double z = 0;
            for (int j = 0; j < w.length; j++) {
              z += w[j] * x;
            }
            return Math.max(0, z) + Math.sin(z);
          }

          /** Its products are cheap to compute again from p and y in its backward half. */
          @Differentiable static void rate(double[] p, double[] y, double[] dy) {
            dy[0] = p[0] * y[0] - p[1] * y[0] * y[1];
            dy[1] = p[3] * y[0] * y[1] - p[2] * y[1];
          }

          @Differentiable static double twoRates(double x, double[] w) {
            double[] k = new double[2];
            double[] m = new double[2];
            rate(w, w, k);
            k[0] = k[0] * x;
            rate(w, k, m);
            return m[0] * m[1];
          }
        }
        """);
    generated = compiled.compilation().generatedSourceFile("sv.SavedGradients").orElseThrow()
        .getCharContent(false).toString();
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    for (double x : new double[] {-0.7, 0.2, 0.9}) {
      assertMatchesFiniteDifferences(compiled, "sv.Saved", "sameElement", 1e-8, x);
      assertMatchesFiniteDifferences(compiled, "sv.Saved", "rewritten", 1e-8, x);
      assertMatchesFiniteDifferences(compiled, "sv.Saved", "overwritten", 1e-8, x);
      assertMatchesFiniteDifferences(compiled, "sv.Saved", "readAhead", 1e-8, x);
    }
  }

  @Test
  void arrayGradientsMatchFiniteDifferences() {
    double[] w = {0.3, -1.1, 0.8, 0.05};
    for (String method : new String[] {"ownElements", "sumOnly", "twoRates"}) {
      for (double x : new double[] {-0.6, 0.4}) {
        double[] point = new double[w.length + 1];
        point[0] = x;
        System.arraycopy(w, 0, point, 1, w.length);
        double[] numeric = FiniteDifferences.gradient(
            p -> (double) compiled.call("sv.Saved", method, p[0],
                Arrays.copyOfRange(p, 1, p.length)), point);
        var result = Compiled.components(compiled.call("sv.SavedGradients", method, x, w.clone()));
        double[] dW = (double[]) result.get("dW");
        assertTrue(FiniteDifferences.relativeError(
            (double) result.get("dX"), numeric[0]) < 1e-8, method + " dX");
        for (int i = 0; i < w.length; i++) {
          assertTrue(FiniteDifferences.relativeError(dW[i], numeric[i + 1])
              < 1e-8, method + " dW" + i);
        }
      }
    }
  }

  @Test
  void onlyWhatALaterAdjointReadsIsKept() {
    String ownElements = compiled.pullbackBody("sv.SavedGradients", "ownElementsPullback");
    String sumOnly = compiled.pullbackBody("sv.SavedGradients", "sumOnlyPullback");
    String sameElement = compiled.pullbackBody("sv.SavedGradients", "sameElementPullback");
    String rewritten = compiled.pullbackBody("sv.SavedGradients", "rewrittenPullback");
    // No value saved as the loop overwrites it (those are named after it, _h): only what the
    // forward half leaves for the backward half as it ends, the array h, the sum z.
    assertFalse(ownElements.contains("workspace.pushDouble(_"), ownElements);
    assertFalse(sumOnly.contains("workspace.pushDouble(_"), sumOnly);
    assertTrue(sameElement.contains("workspace.pushDouble(_b)"), sameElement);
    assertTrue(rewritten.contains("workspace.pushDouble(_h)"), rewritten);
  }

  @Test
  void halvesComputeCheapProductsOfTheirArgumentsAgain() {
    Matcher forward = Pattern.compile("public static void rateForward\\(.*?\n  }\n",
        Pattern.DOTALL).matcher(generated);
    assertTrue(forward.find());
    assertFalse(forward.group().contains("workspace.push"), forward.group());
    Matcher backward = Pattern.compile("public static void rateBackward\\(.*?\n  }\n",
        Pattern.DOTALL).matcher(generated);
    assertTrue(backward.find());
    assertTrue(backward.group().contains("computed again from the arguments"), backward.group());
  }

}
