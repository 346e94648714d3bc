package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.leibniz.NonFiniteException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code -Aleibniz.checkFinite=true}: the first value of the forward sweep, or adjoint of the
 * backward sweep, that is not finite throws {@link NonFiniteException} naming the sweep, the
 * line (with the loop's counter, or the callee's own line), the expression, its operands and,
 * backwards, the local partial at fault; a pushforward checks its values and derivatives alike;
 * where every number is finite the gradients are those without the option, bit for bit.
 */
class FiniteChecksTest {
  private static final String SOURCE = """
      package f;

      import dev.leibniz.Differentiable;

      public class Risky {
        @Differentiable
        static double root(double x) {
          return Math.sqrt(x) * 2;
        }

        @Differentiable
        static double ratio(double x, double y) {
          return x / y + y;
        }

        @Differentiable
        static double grows(double x) {
          double y = Math.exp(x);
          return y / (1 + y);
        }

        @Differentiable
        static double crossEntropy(double[] p, int n) {
          double loss = 0;
          for (int i = 0; i < n; i++) {
            loss -= Math.log(p[i]);
          }
          return loss;
        }

        @Differentiable
        static double caller(double x) {
          return 3 * root(x - 1) + x;
        }
      }
      """;
  private static Compiled checked;
  private static Compiled plain;

  @BeforeAll
  static void compile() {
    checked = Compiled.compileWith(List.of("-Aleibniz.checkFinite=true"), SOURCE);
    plain = Compiled.compile(SOURCE);
  }

  private static NonFiniteException thrown(String method, Object... args) {
    Throwable cause = assertThrows(Throwable.class,
        () -> checked.call("f.RiskyGradients", method, args));
    while (cause != null && !(cause instanceof NonFiniteException)) {
      cause = cause.getCause();
    }
    assertTrue(cause instanceof NonFiniteException, method + " threw no NonFiniteException");
    return (NonFiniteException) cause;
  }

  @Test
  void sqrtAtZeroIsFiniteForwardAndInfiniteBackward() {
    NonFiniteException e = thrown("root", 0.0);
    assertEquals(NonFiniteException.Sweep.BACKWARD, e.sweep());
    assertEquals("Risky.java:8", e.location());
    assertEquals("Math.sqrt(x)", e.expression());
    assertEquals("∂(Math.sqrt(x))/∂(x) = 0.5 / Math.sqrt(x) = Infinity", e.partial());
    assertEquals(Map.of("Math.sqrt(x)", 0.0), e.operands());
    assertTrue(e.getMessage().startsWith("backward sweep: the gradient passed from Math.sqrt(x)"
        + " to x at Risky.java:8 is not finite"), e.getMessage());
  }

  @Test
  void sqrtOfANegativeNumberIsNaNForward() {
    NonFiniteException e = thrown("root", -1.0);
    assertEquals(NonFiniteException.Sweep.FORWARD, e.sweep());
    assertEquals(Map.of("x", -1.0), e.operands());
    assertEquals("", e.partial());
  }

  @Test
  void zeroOverZero() {
    NonFiniteException e = thrown("ratio", 0.0, 0.0);
    assertEquals(NonFiniteException.Sweep.FORWARD, e.sweep());
    assertEquals("x / y", e.expression());
    assertEquals("Risky.java:13", e.location());
    assertEquals(Map.of("x", 0.0, "y", 0.0), e.operands());
    assertTrue(e.getMessage().startsWith("forward sweep: x / y = NaN at Risky.java:13"));
  }

  @Test
  void overflowInExp() {
    NonFiniteException e = thrown("grows", 800.0);
    assertEquals("Math.exp(x)", e.expression());
    assertEquals("Risky.java:18", e.location());
    assertEquals(Map.of("x", 800.0), e.operands());
  }

  @Test
  void inALoopWithTheIteration() {
    NonFiniteException e = thrown("crossEntropy", new double[] {0.5, 0.25, 0.0, 1.0}, 4);
    assertEquals(NonFiniteException.Sweep.FORWARD, e.sweep());
    assertEquals("Risky.java:26 (i = 2)", e.location());
    assertEquals("Math.log(p[i])", e.expression());
    assertEquals(Map.of("p[i]", 0.0), e.operands());
  }

  @Test
  void throughACallAtTheCalleesLine() {
    NonFiniteException e = thrown("caller", 1.0);
    assertEquals(NonFiniteException.Sweep.BACKWARD, e.sweep());
    assertEquals("Risky.java:8", e.location());
    assertEquals("Math.sqrt(x)", e.expression());
  }

  @Test
  void pushforwardsCheckTheirValuesAndTheirDerivatives() {
    Throwable sqrt = assertThrows(Throwable.class,
        () -> checked.call("f.RiskyGradients", "rootPushforward", 0.0, 1.0));
    NonFiniteException e = nonFinite(sqrt);
    assertEquals(NonFiniteException.Sweep.FORWARD, e.sweep());
    assertEquals("Math.sqrt(x)", e.expression());
    assertEquals("d(Math.sqrt(x)) = Infinity", e.partial());
    assertTrue(e.getMessage().startsWith("forward sweep: the derivative of Math.sqrt(x) along"
        + " the direction is Infinity at Risky.java:8"), e.getMessage());
    Throwable log = assertThrows(Throwable.class, () -> checked.call("f.RiskyGradients",
        "crossEntropyPushforward", new double[] {0.5, 0.25, 0.0}, 3, new double[3]));
    assertEquals("Risky.java:26 (i = 2)", nonFinite(log).location());
    for (double x : new double[] {0.3, 1.7}) {
      assertEquals(Compiled.components(plain.call("f.RiskyGradients", "rootPushforward", x, 1.0)),
          Compiled.components(checked.call("f.RiskyGradients", "rootPushforward", x, 1.0)));
    }
  }

  private static NonFiniteException nonFinite(Throwable thrown) {
    Throwable cause = thrown;
    while (cause != null && !(cause instanceof NonFiniteException)) {
      cause = cause.getCause();
    }
    assertTrue(cause instanceof NonFiniteException, "no NonFiniteException: " + thrown);
    return (NonFiniteException) cause;
  }

  @Test
  void whereEveryNumberIsFiniteTheGradientsAreThoseWithoutChecks() {
    for (double x : new double[] {0.3, 1.7, 25.0}) {
      assertArrayEquals(Gradients.generated(plain, "f.Risky", "root", x),
          Gradients.generated(checked, "f.Risky", "root", x));
      assertArrayEquals(Gradients.generated(plain, "f.Risky", "caller", x + 1),
          Gradients.generated(checked, "f.Risky", "caller", x + 1));
      assertArrayEquals(Gradients.generated(plain, "f.Risky", "ratio", x, 2 - x),
          Gradients.generated(checked, "f.Risky", "ratio", x, 2 - x));
      Gradients.assertMatchesFiniteDifferences(checked, "f.Risky", "grows", 1e-8, x);
    }
    double[] p = {0.5, 0.25, 0.125};
    assertArrayEquals(dP(plain, p), dP(checked, p));
  }

  @Test
  void anOptionValueItDoesNotTakeIsAnError() {
    var compilation = Compiled.compilation(List.of("-Aleibniz.checkFinite=yes"),
        Compiled.file(SOURCE));
    assertEquals(Compilation.Status.FAILURE, compilation.status());
    assertTrue(compilation.errors().get(0).getMessage(null).contains(
        "[LZ194] the processor option 'leibniz.checkFinite' takes one of true, false, not"
            + " 'yes'"), compilation.errors().toString());
  }

  private static double[] dP(Compiled compiled, double[] p) {
    return (double[]) Compiled.components(compiled.call("f.RiskyGradients", "crossEntropy",
        p.clone(), p.length)).get("dP");
  }
}
