package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records beside their numbers: a {@code boolean} component of a record a method returns
 * ({@code Hit(double d, boolean inside)}), and a record passed to a method Leibniz does not
 * differentiate whose result carries no derivative ({@code p.isRight()},
 * {@code inside(p, r)}), for which the record is built again from its components. Gradients in
 * reverse mode, forward mode and one Hessian-vector product are checked against finite
 * differences; a record passed where its derivative would be lost is an error at its line.
 */
class RecordPredicatesTest {
  private static Compiled compiled;
  private static final double[] X = {0.7, -0.4, 1.3};
  private static final double[] DIRECTION = {0.3, 0.8, -0.5};

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package rp;

        import dev.leibniz.Differentiable;

        public class Shapes {
          public record Hit(double depth, boolean inside, int side) {}

          public record P(double x, double y) {
            boolean isRight() {
              return x > 0;
            }
          }

          public static final class Q {
            final double re;
            final double im;

            Q(double re, double im) {
              this.re = re;
              this.im = im;
            }

            boolean small() {
              return re * re + im * im < 1;
            }
          }

          static boolean inside(P p, double radius) {
            return p.x() * p.x() + p.y() * p.y() < radius * radius;
          }

          @Differentiable(order = 2) static Hit hit(double x, double y) {
            double d = x * x + y * y - 1;
            return new Hit(d * d, d < 0, x < y ? -1 : 1);
          }

          @Differentiable(order = 2) static double depth(double[] x, int k) {
            Hit h = hit(x[0] * k, x[1] + x[2]);
            return h.inside() ? Math.sin(h.depth()) * x[2] : h.depth() * h.side() + x[0];
          }

          @Differentiable(order = 2) static double predicates(double[] x, int k) {
            P p = new P(x[0] * x[1] + 0.5 - 0.3 * k, x[2] - x[0]);
            double s = 0;
            if (p.isRight()) {
              s += p.x() * p.y();
            }
            if (inside(p, 0.5 + 0.25 * k)) {
              s += Math.exp(p.y());
            } else {
              s -= p.x() * p.x();
            }
            Q q = new Q(x[0] + x[1], x[2] * 0.3 * k);
            return q.small() ? s + q.re * q.im : s - q.im;
          }

          @Differentiable static double onRight(P p) {
            return p.isRight() ? p.x() * p.y() : Math.cos(p.y());
          }

          static double onRight(double x, double y) {
            return onRight(new P(x, y));
          }
        }
        """);
  }

  @Test
  void reverseModeMatchesFiniteDifferences() {
    for (int k = 0; k < 4; k++) {
      MixedGradients.assertMatches(compiled, "rp.Shapes", "depth", 1e-7, new int[] {0}, X, k);
      MixedGradients.assertMatches(compiled, "rp.Shapes", "predicates", 1e-7, new int[] {0},
          X, k);
    }
  }

  @Test
  void forwardModeAndSecondOrderMatchFiniteDifferences() {
    for (int k = 0; k < 4; k++) {
      for (String method : new String[] {"depth", "predicates"}) {
        ArrayDirections.assertPushforwardMatches(compiled, "rp.Shapes", method, X, k, DIRECTION);
        ArrayDirections.assertHvpMatches(compiled, "rp.Shapes", method, X, k, DIRECTION);
      }
    }
  }

  /** A record parameter's method, on either side of its predicate. */
  @Test
  void aPredicateOnARecordParameter() {
    for (double x : new double[] {0.6, -0.6}) {
      Map<String, Object> gradient = Compiled.components(compiled.call("rp.ShapesGradients",
          "onRight", compiled.construct("rp.Shapes$P", x, 0.9)));
      Map<String, Object> dP = Compiled.components(gradient.get("dP"));
      double[] numeric = dev.leibniz.check.FiniteDifferences.gradient(
          p -> (double) compiled.call("rp.Shapes", "onRight", p[0], p[1]), new double[] {x, 0.9});
      assertEquals(numeric[0], (double) dP.get("x"), 1e-8);
      assertEquals(numeric[1], (double) dP.get("y"), 1e-8);
    }
  }

  /** The record the companion returns for {@code hit} has the method's boolean and int. */
  @Test
  void theReturnedRecordKeepsItsBooleanAndInt() {
    for (double[] at : new double[][] {{0.2, 0.3}, {1.5, -0.2}}) {
      Map<String, Object> value = Compiled.components(Compiled.components(
          compiled.call("rp.ShapesGradients", "hitPushforward", at[0], at[1], 1.0, 0.0))
          .get("value"));
      Map<String, Object> expected = Compiled.components(
          compiled.call("rp.Shapes", "hit", at[0], at[1]));
      assertEquals(expected, value);
    }
  }

  /** A record with a component Leibniz does not follow cannot be built again to be passed. */
  @Test
  void aRecordWithAnObjectComponentPassedToAPredicateIsAnErrorAtItsLine() {
    JavaFileObject file = Compiled.file("""
        package rp;

        import dev.leibniz.Differentiable;

        public class Tagged {
          public record P(double x, String tag) {
            boolean named() {
              return !tag.isEmpty();
            }
          }

          @Differentiable static double f(P p) {
            return p.named() ? p.x() : 0;
          }
        }
        """);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("Leibniz builds the record again to pass it, and"
        + " cannot for one with a component it does not follow").inFile(file).onLine(13);
  }

  @Test
  void aRecordPassedWhereItsDerivativeWouldBeLostIsAnErrorAtItsLine() {
    JavaFileObject file = Compiled.file("""
        package rp;

        import dev.leibniz.Differentiable;

        public class Lost {
          public record P(double x, double y) {
            double norm() {
              return Math.hypot(x, y);
            }
          }

          @Differentiable static double f(P p) {
            return p.norm();
          }
        }
        """);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("would lose its derivative there: mark the method"
        + " @Differentiable").inFile(file).onLine(13);
  }
}
