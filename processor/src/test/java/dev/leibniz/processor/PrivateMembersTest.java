package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.leibniz.processor.Gradients.assertMatchesFiniteDifferences;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Idiomatic private members: private {@code @Differentiable} methods, private helpers they
 * call (differentiated without an annotation), and private constants, compile-time or computed.
 */
class PrivateMembersTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile(
        """
        package pm;

        import dev.leibniz.Differentiable;

        public class Likelihood {
          private static final double LOG_2PI = Math.log(2 * Math.PI);
          private static final double HALF_LOG_2PI = 0.5 * LOG_2PI;
          private static final double SHAPE = 2.5;
          private final double scale = 1.5;

          @Differentiable
          private static double square(double x) {
            return x * x;
          }

          private static double logNormal(double x, double mean, double sigma) {
            double z = (x - mean) / sigma;
            return -HALF_LOG_2PI - Math.log(sigma) - 0.5 * square(z);
          }

          private static double softplus(double x) {
            return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
          }

          @Differentiable
          static double logLikelihood(double mean, double logSigma) {
            double total = 0;
            for (int i = 0; i < 4; i++) {
              total += logNormal(0.3 * i, mean, Math.exp(logSigma));
            }
            return total + SHAPE * softplus(mean);
          }

          @Differentiable
          private double energy(double x) {
            return scale * square(x) * softplus(x);
          }

          static double energyOf(double x) {
            return new Likelihood().energy(x);
          }

          static double energyDerivative(double x) {
            return LikelihoodGradients.energy(new Likelihood(), x).dX();
          }
        }
        """);
  }

  @Test
  void privateHelpersAndConstantsGiveTheGradient() {
    for (double[] x : new double[][] {{0.2, -0.3}, {-1.1, 0.4}, {2.0, 1.0}}) {
      assertMatchesFiniteDifferences(compiled, "pm.Likelihood", "logLikelihood", 1e-8, x);
    }
    assertMatchesFiniteDifferences(compiled, "pm.Likelihood", "square", 1e-8, 0.7);
  }

  @Test
  void privateInstanceMethodGivesTheGradient() {
    for (double x : new double[] {-0.8, 0.3, 1.9}) {
      double numeric = dev.leibniz.check.FiniteDifferences.gradient(
          p -> (double) compiled.call("pm.Likelihood", "energyOf", p[0]), new double[] {x})[0];
      double exact = (double) compiled.call("pm.Likelihood", "energyDerivative", x);
      assertEquals(numeric, exact, 1e-8 * Math.max(1, Math.abs(numeric)));
    }
  }

  @Test
  void companionMethodsOfPrivateMethodsAreNotPublic() {
    Class<?> companion = compiled.load("pm.LikelihoodGradients");
    for (String name : new String[] {"square", "logNormal", "softplus", "energy"}) {
      assertThat(Arrays.stream(companion.getDeclaredMethods())
              .filter(m -> m.getName().startsWith(name))
              .filter(m -> Modifier.isPublic(m.getModifiers()))
              .toList())
          .isEmpty();
    }
    assertThat(Arrays.stream(companion.getDeclaredMethods())
            .filter(m -> m.getName().startsWith("logLikelihood"))
            .filter(m -> !m.getName().endsWith("WithBudget"))
            .allMatch(m -> Modifier.isPublic(m.getModifiers())))
        .isTrue();
  }

  @Test
  void computedConstantIsCopiedOnce() throws java.io.IOException {
    String source = compiled.compilation().generatedSourceFile("pm.LikelihoodGradients")
        .orElseThrow().getCharContent(false).toString();
    assertThat(source).contains("private static final double LOG_2PI = Math.log(2 * Math.PI);");
    assertThat(source).doesNotContain("Math.log(2 * Math.PI) *");
  }
}
