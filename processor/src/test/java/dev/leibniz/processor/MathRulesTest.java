package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import dev.leibniz.processor.rules.Rules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code Math} function in the rule table against its textbook derivative, written out
 * here independently, and against finite differences; then the conventions at kinks.
 */
class MathRulesTest {
  /** f'(x) from any calculus table. */
  private static final Map<String, DoubleUnaryOperator> UNARY = new LinkedHashMap<>();

  /** (∂f/∂a, ∂f/∂b) from any calculus table. */
  private static final Map<String, DoubleBinaryOperator[]> BINARY = new LinkedHashMap<>();

  static {
    UNARY.put("sin", Math::cos);
    UNARY.put("cos", x -> -Math.sin(x));
    UNARY.put("tan", x -> 1 / (Math.cos(x) * Math.cos(x)));
    UNARY.put("asin", x -> 1 / Math.sqrt(1 - x * x));
    UNARY.put("acos", x -> -1 / Math.sqrt(1 - x * x));
    UNARY.put("atan", x -> 1 / (1 + x * x));
    UNARY.put("sinh", Math::cosh);
    UNARY.put("cosh", Math::sinh);
    UNARY.put("tanh", x -> 1 / (Math.cosh(x) * Math.cosh(x)));
    UNARY.put("exp", Math::exp);
    UNARY.put("expm1", Math::exp);
    UNARY.put("log", x -> 1 / x);
    UNARY.put("log10", x -> 1 / (x * Math.log(10)));
    UNARY.put("log1p", x -> 1 / (1 + x));
    UNARY.put("sqrt", x -> 1 / (2 * Math.sqrt(x)));
    UNARY.put("cbrt", x -> 1 / (3 * Math.pow(x, 2.0 / 3)));
    UNARY.put("abs", x -> Math.signum(x));
    UNARY.put("signum", x -> 0);
    UNARY.put("floor", x -> 0);
    UNARY.put("ceil", x -> 0);
    UNARY.put("rint", x -> 0);
    UNARY.put("round", x -> 0);
    UNARY.put("getExponent", x -> 0);
    UNARY.put("toRadians", x -> Math.PI / 180);
    UNARY.put("toDegrees", x -> 180 / Math.PI);
    UNARY.put("ulp", x -> 0);
    UNARY.put("nextUp", x -> 1);
    UNARY.put("nextDown", x -> 1);
    BINARY.put("pow", pair((a, b) -> b * Math.pow(a, b - 1), (a, b) -> Math.pow(a, b) * Math.log(a)));
    BINARY.put("atan2", pair((y, x) -> x / (x * x + y * y), (y, x) -> -y / (x * x + y * y)));
    BINARY.put("hypot", pair((a, b) -> a / Math.hypot(a, b), (a, b) -> b / Math.hypot(a, b)));
    BINARY.put("max", pair((a, b) -> a > b ? 1 : 0, (a, b) -> a > b ? 0 : 1));
    BINARY.put("min", pair((a, b) -> a < b ? 1 : 0, (a, b) -> a < b ? 0 : 1));
    BINARY.put("IEEEremainder", pair((a, b) -> 1, (a, b) -> -Math.rint(a / b)));
    BINARY.put("copySign", pair((m, s) -> 1, (m, s) -> 0));
    BINARY.put("nextAfter", pair((a, b) -> 1, (a, b) -> 0));
  }

  /** Points inside every function's domain and away from its kinks. */
  private static final double[] POINTS = {0.13, 0.37, 0.61, 0.89};

  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    String unary =
        UNARY.keySet().stream()
            .map(f -> "  @Differentiable static double " + f + "(double x) { return Math." + f + "(x); }")
            .collect(Collectors.joining("\n"));
    String binary =
        BINARY.keySet().stream()
            .map(f -> "  @Differentiable static double " + f
                + "(double a, double b) { return Math." + f + "(a, b); }")
            .collect(Collectors.joining("\n"));
    compiled =
        Compiled.compile(
            "package m; import dev.leibniz.Differentiable; public class F {\n"
                + unary + "\n" + binary + "\n"
                + "  @Differentiable static double powOfZero(double b) { return Math.pow(0.0, b); }\n"
                + "  @Differentiable static double fma(double a, double b, double c) {\n"
                + "    return Math.fma(a, b, c);\n  }\n"
                + "  @Differentiable static double scalb(double d, int n) { return Math.scalb(d, n); }\n"
                + "  @Differentiable static double random(double x) {\n"
                + "    double r = Math.random();\n    return x * r + Math.round(x * r);\n  }\n"
                + "  @Differentiable static double roundedTimes(double x, int k) {\n"
                + "    long n = Math.round(x);\n    int i = Math.round(k);\n"
                + "    return n * x + i * x + Math.getExponent(x);\n  }\n"
                + "  @Differentiable static double copySignNegative(double m, double s) {\n"
                + "    return Math.copySign(m, s);\n  }\n"
                + "}");
  }

  /** Functions whose arguments are not one or two {@code double}s, tested on their own below. */
  private static final List<String> OTHERS = List.of("fma", "scalb", "random");

  @Test
  void everyFunctionInTheRuleTableIsCovered() {
    var covered = Stream.of(UNARY.keySet().stream(), BINARY.keySet().stream(), OTHERS.stream())
        .flatMap(s -> s).sorted().toList();
    assertEquals(Rules.functionNames(), covered);
  }

  @Test
  void fusedMultiplyAddAndScaling() {
    double[] fma = Gradients.generated(compiled, "m.F", "fma", 0.3, -1.7, 2.5);
    assertEquals(-1.7, fma[0], 0.0, "∂(a b + c)/∂a = b");
    assertEquals(0.3, fma[1], 0.0, "∂(a b + c)/∂b = a");
    assertEquals(1.0, fma[2], 0.0, "∂(a b + c)/∂c = 1");
    Gradients.assertMatchesFiniteDifferences(compiled, "m.F", "fma", 1e-9, 0.3, -1.7, 2.5);
    for (int n : new int[] {-3, 0, 5}) {
      var result = Compiled.components(compiled.call("m.FGradients", "scalb", 0.7, n));
      assertEquals(Math.pow(2, n), (double) result.get("dD"), 0.0, "d scalb(d, n)/dd = 2^n");
    }
    for (int k : new int[] {-2, 3}) {
      for (double x : new double[] {-1.7, 2.4}) {
        var rounded = Compiled.components(compiled.call("m.FGradients", "roundedTimes", x, k));
        assertEquals(Math.round(x) + Math.round((float) k), (double) rounded.get("dX"), 0.0,
            "round and getExponent are constant between their jumps");
      }
    }
    for (double x : new double[] {0.3, 1.9}) {
      var random = Compiled.components(compiled.call("m.FGradients", "random", x));
      // x r + round(x r) has derivative r, which the value gives back where round(x r) = 0
      double r = (double) random.get("dX");
      assertTrue(r >= 0 && r < 1, "the same random number as the value used: " + r);
      assertEquals(x * r + Math.round(x * r), (double) random.get("value"), 1e-15);
    }
    double[] negative = Gradients.generated(compiled, "m.F", "copySignNegative", 0.4, -2.0);
    assertEquals(-1.0, negative[0], 0.0, "copySign(m, s) = -m where the signs differ");
    assertEquals(0.0, negative[1], 0.0);
  }

  @TestFactory
  Stream<DynamicTest> unaryFunctions() {
    return UNARY.entrySet().stream()
        .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
          for (double x : POINTS) {
            double generated = Gradients.generated(compiled, "m.F", entry.getKey(), x)[0];
            assertEquals(entry.getValue().applyAsDouble(x), generated, 1e-12, "textbook at " + x);
            double numeric = FiniteDifferences.derivative(
                t -> Gradients.primal(compiled, "m.F", entry.getKey(), t), x);
            boolean stepFunction = entry.getValue().applyAsDouble(x) == 0;
            if (!stepFunction) {
              assertTrue(FiniteDifferences.relativeError(generated, numeric) < 1e-8,
                  entry.getKey() + " finite differences at " + x + ": " + numeric);
            }
          }
        }));
  }

  @TestFactory
  Stream<DynamicTest> binaryFunctions() {
    return BINARY.entrySet().stream()
        .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
          for (double a : POINTS) {
            double b = 1.3 - a;
            double[] generated = Gradients.generated(compiled, "m.F", entry.getKey(), a, b);
            DoubleBinaryOperator[] textbook = entry.getValue();
            assertEquals(textbook[0].applyAsDouble(a, b), generated[0], 1e-12, "d/da at " + a);
            assertEquals(textbook[1].applyAsDouble(a, b), generated[1], 1e-12, "d/db at " + a);
            Gradients.assertMatchesFiniteDifferences(compiled, "m.F", entry.getKey(), 1e-8, a, b);
          }
        }));
  }

  @Test
  void conventionsWhereTheDerivativeDoesNotExist() {
    assertEquals(0.0, Gradients.generated(compiled, "m.F", "abs", 0.0)[0], "abs'(0) = 0");
    assertEquals(
        Double.POSITIVE_INFINITY, Gradients.generated(compiled, "m.F", "sqrt", 0.0)[0], "sqrt'(0)");
    double[] maxTie = Gradients.generated(compiled, "m.F", "max", 0.4, 0.4);
    double[] minTie = Gradients.generated(compiled, "m.F", "min", 0.4, 0.4);
    assertEquals(0.5, maxTie[0]);
    assertEquals(0.5, maxTie[1]);
    assertEquals(0.5, minTie[0]);
    assertEquals(0.5, minTie[1]);
    for (String step : new String[] {"floor", "ceil", "rint", "signum"}) {
      assertEquals(0.0, Gradients.generated(compiled, "m.F", step, 2.0)[0], step + " at integer");
      assertEquals(0.0, Gradients.generated(compiled, "m.F", step, 0.0)[0], step + " at 0");
    }
    assertEquals(0.0, Gradients.generated(compiled, "m.F", "powOfZero", 2.0)[0], "d/dy pow(0, y)");
    double[] hypotOrigin = Gradients.generated(compiled, "m.F", "hypot", 0.0, 0.0);
    assertEquals(0.0, hypotOrigin[0]);
    assertEquals(0.0, hypotOrigin[1]);
  }

  private static DoubleBinaryOperator[] pair(DoubleBinaryOperator da, DoubleBinaryOperator db) {
    return new DoubleBinaryOperator[] {da, db};
  }
}
