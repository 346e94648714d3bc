package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records as Java writes them: a method called on what another call returns
 * ({@code a.plus(b).norm()}, in a chain too, with arguments that are calls), and inside a
 * record's method another instance's field read by name ({@code o.x} for {@code o.x()}).
 * Gradients are checked against finite differences of the methods themselves.
 */
class RecordGapsTest {
  private static Compiled compiled;
  private static final double[] P = {0.3, -1.1, 0.8, 0.45};

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package rg;

        import dev.leibniz.Differentiable;

        public class Gaps {
          public record V(double x, double y) {
            @Differentiable V plus(V o) {
              return new V(x + o.x, y + o.y());
            }

            @Differentiable V scaled(double s) {
              return new V(x * s, y * s);
            }

            @Differentiable double norm() {
              return Math.hypot(x, y);
            }

            @Differentiable double dot(V o) {
              return x * o.x + y * o.y;
            }
          }

          @Differentiable static double chained(V a, V b) {
            return a.plus(b).norm() + a.plus(b.scaled(2)).scaled(a.x()).dot(b);
          }

          @Differentiable static double dotted(V a, V b) {
            return a.dot(b) * b.plus(a).x();
          }

          static double chained(double[] p) {
            return chained(new V(p[0], p[1]), new V(p[2], p[3]));
          }

          static double dotted(double[] p) {
            return dotted(new V(p[0], p[1]), new V(p[2], p[3]));
          }
        }
        """);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Class<?> vector = compiled.load("rg.Gaps$V");
    for (String method : List.of("chained", "dotted")) {
      Object a = construct(vector, P[0], P[1]);
      Object b = construct(vector, P[2], P[3]);
      Map<String, Object> g = Compiled.components(
          compiled.call("rg.GapsGradients", method, a, b));
      Map<String, Object> dA = Compiled.components(g.get("dA"));
      Map<String, Object> dB = Compiled.components(g.get("dB"));
      double[] exact = {(double) dA.get("x"), (double) dA.get("y"), (double) dB.get("x"),
          (double) dB.get("y")};
      ToDoubleFunction<double[]> f = p -> (double) compiled.call("rg.Gaps", method, p);
      double[] numeric = FiniteDifferences.gradient(f, P.clone());
      for (int i = 0; i < exact.length; i++) {
        assertTrue(FiniteDifferences.relativeError(exact[i], numeric[i]) < 1e-7,
            method + ", coordinate " + i + ": " + exact[i] + ", differences " + numeric[i]);
      }
    }
  }

  private static Object construct(Class<?> type, double x, double y) {
    try {
      var constructor = type.getDeclaredConstructor(double.class, double.class);
      constructor.setAccessible(true);
      return constructor.newInstance(x, y);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
