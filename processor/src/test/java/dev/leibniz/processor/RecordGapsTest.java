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
 * ({@code a.plus(b).norm()}, in a chain too, with arguments that are calls), inside a record's
 * method another instance's field read by name ({@code o.x} for {@code o.x()}), and the field of
 * a record in an array read by name ({@code vs[i].x}).
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

          @Differentiable static double fields(V[] vs) {
            double s = 0;
            for (int i = 0; i < vs.length; i++) {
              s += vs[i].x * vs[i].y() + Math.sin(vs[i].y);
            }
            return s;
          }

          static double fieldsAt(double[] p) {
            return fields(new V[] {new V(p[0], p[1]), new V(p[2], p[3])});
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

  /** {@code vs[i].x}: a field of a record in an array, read by name. */
  @Test
  void fieldsOfRecordsInAnArrayMatchFiniteDifferences() {
    Class<?> vector = compiled.load("rg.Gaps$V");
    Object array = java.lang.reflect.Array.newInstance(vector, 2);
    java.lang.reflect.Array.set(array, 0, construct(vector, P[0], P[1]));
    java.lang.reflect.Array.set(array, 1, construct(vector, P[2], P[3]));
    Object[] dVs = (Object[]) Compiled.components(
        compiled.call("rg.GapsGradients", "fields", array)).get("dVs");
    double[] numeric = FiniteDifferences.gradient(
        p -> (double) compiled.call("rg.Gaps", "fieldsAt", p), P.clone());
    for (int i = 0; i < 2; i++) {
      Map<String, Object> d = Compiled.components(dVs[i]);
      assertTrue(FiniteDifferences.relativeError((double) d.get("x"), numeric[2 * i]) < 1e-7,
          "x of " + i + ": " + d.get("x") + ", differences " + numeric[2 * i]);
      assertTrue(FiniteDifferences.relativeError((double) d.get("y"), numeric[2 * i + 1]) < 1e-7,
          "y of " + i + ": " + d.get("y") + ", differences " + numeric[2 * i + 1]);
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
