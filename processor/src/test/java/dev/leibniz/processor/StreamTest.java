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
 * Streams of primitives with lambdas, differentiated as the loops they stand for:
 * {@code IntStream.range} and {@code rangeClosed}, {@code Arrays.stream} of a whole array or a
 * part, {@code map}, {@code mapToDouble}, {@code asDoubleStream}, {@code filter}, {@code sum},
 * {@code count}, {@code max}, {@code min}, {@code average} and {@code reduce} with and without an
 * identity, read with {@code getAsDouble} and {@code orElse}, method references to {@code Math}
 * and {@code Double}, empty streams and a pipeline inside another's lambda. Gradients and
 * tangents are checked against finite differences of the method itself, one Hessian against
 * differences of the gradient; a function passed in from outside is an error at its line.
 */
class StreamTest {
  private static Compiled compiled;
  private static final double[] V = {0.3, 0.9, -0.4, 1.2, 0.5};
  private static final List<String> ONE_ARRAY = List.of("squares", "extremes", "reduced",
      "nested");
  private static final List<String> WITH_K = List.of("filtered", "empty");

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package st;

        import dev.leibniz.Differentiable;
        import java.util.Arrays;
        import java.util.stream.IntStream;

        public class Pipelines {
          @Differentiable(order = 2) static double dot(double[] w, double[] x) {
            return IntStream.range(0, w.length).mapToDouble(i -> w[i] * x[i] * x[i]).sum();
          }

          @Differentiable static double squares(double[] v) {
            return Arrays.stream(v).map(t -> t * t).sum();
          }

          @Differentiable static double filtered(double[] v, int k) {
            return Arrays.stream(v).filter(t -> t > 0.1 * k + 0.05).map(Math::sqrt).sum()
                + IntStream.rangeClosed(1, k).asDoubleStream().map(j -> j * v[0]).sum();
          }

          @Differentiable static double extremes(double[] v) {
            return Arrays.stream(v).max().getAsDouble()
                - Arrays.stream(v).map(t -> t * t).min().orElse(0)
                + Arrays.stream(v, 1, 3).average().orElse(-1);
          }

          @Differentiable static double reduced(double[] v) {
            double product = Arrays.stream(v).reduce(1, (a, b) -> a * b);
            double biggest = Arrays.stream(v).map(t -> Math.sin(t)).reduce(Double::max)
                .getAsDouble();
            long positives = Arrays.stream(v).filter(t -> t > 0).count();
            return product + biggest * positives + Arrays.stream(v).average().getAsDouble();
          }

          @Differentiable static double empty(double[] v, int k) {
            return IntStream.range(0, k).mapToDouble(i -> v[i]).max().orElse(v[0] * 2)
                + IntStream.range(0, k).map(i -> i * i).sum() * v[1];
          }

          @Differentiable static double nested(double[] v) {
            return IntStream.range(0, v.length)
                .mapToDouble(i -> IntStream.range(0, i + 1).mapToDouble(j -> v[j] * v[i - j]).sum())
                .sum();
          }
        }
        """);
  }

  @Test
  void reverseModeMatchesFiniteDifferences() {
    double[] w = {1.5, -0.5, 2, 0.25, 1};
    MixedGradients.assertMatches(compiled, "st.Pipelines", "dot", 1e-7, new int[] {0, 1}, w, V);
    for (String method : ONE_ARRAY) {
      MixedGradients.assertMatches(compiled, "st.Pipelines", method, 1e-7, new int[] {0}, V);
    }
    for (int k = 0; k < 4; k++) {
      for (String method : WITH_K) {
        MixedGradients.assertMatches(compiled, "st.Pipelines", method, 1e-7, new int[] {0},
            V, k);
      }
    }
  }

  @Test
  void forwardModeMatchesFiniteDifferences() {
    double[] direction = {0.4, -0.3, 0.8, 0.1, -0.6};
    for (String method : ONE_ARRAY) {
      double numeric = FiniteDifferences.derivative(
          t -> (double) compiled.call("st.Pipelines", method,
              ArrayDirections.along(V, direction, t)), 0.0);
      Object pushed = compiled.call("st.PipelinesGradients", method + "Pushforward", V.clone(),
          direction.clone());
      double tangent = (double) Compiled.components(pushed).get("tangent");
      assertTrue(FiniteDifferences.relativeError(tangent, numeric) < 1e-7,
          method + ": " + tangent + ", differences " + numeric);
    }
  }

  @Test
  void aHessianVectorProductOfADotProduct() {
    double[] w = {1.5, -0.5, 2, 0.25, 1};
    double[] zero = new double[5];
    double[] v = {1, 0.5, -0.25, 0, 0.75};
    double[] hv = (double[]) Compiled.components(compiled.call("st.PipelinesGradients", "dotHvp",
        w.clone(), V.clone(), zero.clone(), v.clone())).get("hvX");
    for (int i = 0; i < V.length; i++) {
      int row = i;
      double numeric = FiniteDifferences.derivative(t -> ((double[]) Compiled.components(
          compiled.call("st.PipelinesGradients", "dot", w.clone(),
              ArrayDirections.along(V, v, t))).get("dX"))[row],
          0.0);
      assertTrue(FiniteDifferences.relativeError(hv[i], numeric) < 1e-6,
          "row " + i + ": " + hv[i] + ", differences " + numeric);
    }
  }

  /** What a pipeline does that Leibniz does not read is an error at its line, saying what. */
  @Test
  void unreadPipelinesAreErrorsAtTheirLines() {
    JavaFileObject file = Compiled.file("""
        package st;

        import dev.leibniz.Differentiable;
        import java.util.Arrays;

        public class Unread {
          @Differentiable static double block(double[] v) {
            return Arrays.stream(v).map(t -> {
              return t * t;
            }).sum();
          }

          @Differentiable static double sorted(double[] v) {
            return Arrays.stream(v).sorted().sum();
          }

          @Differentiable static double kept(double[] v) {
            return Arrays.stream(v).max().isPresent() ? v[0] : 0;
          }

          @Differentiable static double compared(double[] v) {
            return Arrays.stream(v).reduce(0, Double::compare);
          }
        }
        """);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("a lambda with a block for its body")
        .inFile(file).onLine(8);
    assertThat(compilation).hadErrorContaining("a stream's sorted").inFile(file).onLine(14);
    assertThat(compilation).hadErrorContaining("the optional max() gives, kept as an object")
        .inFile(file).onLine(18);
    assertThat(compilation).hadErrorContaining("the method reference Double::compare")
        .inFile(file).onLine(22);
  }

  /** A function passed in is unknown until the program runs: an error that says so. */
  @Test
  void aFunctionPassedInIsAnErrorAtItsLine() {
    JavaFileObject file = Compiled.file("""
        package st;

        import dev.leibniz.Differentiable;
        import dev.leibniz.NoDerivative;
        import java.util.Arrays;
        import java.util.function.DoubleUnaryOperator;

        public class Passed {
          @Differentiable static double f(double[] v, @NoDerivative DoubleUnaryOperator g) {
            return Arrays.stream(v).map(g).sum();
          }
        }
        """);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("the function g, passed in from outside")
        .inFile(file).onLine(10);
  }
}
