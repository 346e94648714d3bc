package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Errors that once sent users the wrong way: each now says, at its line, what to write
 * instead, and the first error already gives the advice that works.
 */
class MessageAdviceTest {
  @Test
  void aSwitchOnACallsStringNamesItsReplacement() {
    JavaFileObject file = Compiled.file("""
        package m;
        import dev.leibniz.Differentiable;
        class Cases {
          @Differentiable static double f(double x, String k) {
            double y = switch (k.strip()) {
              case "double" -> 2 * x;
              default -> 3 * x;
            };
            return y;
          }
        }
        """);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("switch on an int, a char, an enum or a String, or rewrite"
        + " it as if / else if / else").inFile(file).onLine(5);
  }

  @Test
  void forEachOverAListSaysToPassAnArrayTheFirstTime() {
    JavaFileObject file = Compiled.file("""
        package m;
        import dev.leibniz.Differentiable;
        import java.util.List;
        class Boxed {
          @Differentiable static double f(double x, List<Double> weights) {
            double s = 0;
            for (double w : weights) {
              s += w * x;
            }
            return s;
          }
        }
        """);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("[LZ130] 'weights' is a java.util.List<java.lang"
        + ".Double>").inFile(file).onLine(7);
    assertThat(compilation).hadErrorContaining("pass a double[]");
    assertTrue(compilation.errors().stream()
        .noneMatch(e -> e.getMessage(null).contains("LZ121")), "LZ121 reported too");
  }

  @Test
  void aMethodCalledOnAnObjectACallReturnsSaysToKeepTheResultInALocal() {
    JavaFileObject file = Compiled.file("""
        package m;
        import dev.leibniz.Differentiable;
        class Chain {
          static final class Box {
            double v;
            Box(double v) {
              this.v = v;
            }
            double value() {
              return v;
            }
          }
          static Box box(double x) {
            return new Box(x);
          }
          @Differentiable static double f(double x) {
            return box(x).value() * x;
          }
        }
        """);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("[LZ138] 'value' is called on the value of"
        + " 'box(x)'").inFile(file).onLine(17);
    assertThat(compilation).hadErrorContaining("keep that value in a local first"
        + " ('var v = box(x);')");
    assertTrue(compilation.errors().stream()
        .noneMatch(e -> e.getMessage(null).contains("LZ106")), "LZ106 reported too");
  }

  @Test
  void theAdvicedRewriteOfACallOnACallsResultCompiles() {
    Compiled compiled = Compiled.compile("""
        package m;
        import dev.leibniz.Differentiable;
        public class Chained {
          public record V(double x, double y) {
            @Differentiable V plus(V o) {
              return new V(x + o.x(), y + o.y());
            }
            @Differentiable double norm() {
              return Math.sqrt(x * x + y * y);
            }
          }
          @Differentiable static double f(V a, V b) {
            var v = a.plus(b);
            return v.norm();
          }
        }
        """);
    Object a = vector(compiled, 0.3, -1.2);
    Object b = vector(compiled, 0.9, 0.4);
    var gradient = Compiled.components(compiled.call("m.ChainedGradients", "f", a, b));
    // |a + b| has gradient (a + b) / |a + b| with respect to a and to b.
    double sx = 1.2;
    double sy = -0.8;
    double n = Math.hypot(sx, sy);
    var dA = Compiled.components(gradient.get("dA"));
    assertEquals(n, (double) gradient.get("value"), 1e-15);
    assertEquals(sx / n, (double) dA.get("x"), 1e-15);
    assertEquals(sy / n, (double) dA.get("y"), 1e-15);
  }

  private static Object vector(Compiled compiled, double x, double y) {
    try {
      var constructor = compiled.load("m.Chained$V")
          .getDeclaredConstructor(double.class, double.class);
      return constructor.newInstance(x, y);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
