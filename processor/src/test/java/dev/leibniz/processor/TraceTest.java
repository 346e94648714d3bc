package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.leibniz.Trace;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @Differentiable(trace = true)}: the circuit of backpropagation's classic notes and a
 * sigmoid neuron traced node by node against values, local partials and gradients computed by
 * hand; every node's adjoint obeying the chain rule and the inputs' equal to the pullback's
 * gradient; the first non-finite value found where it is made.
 */
class TraceTest {
  private static final String OWNER = "t.Traced";
  private static final String COMPANION = "t.TracedGradients";
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package t;

        import dev.leibniz.Differentiable;

        public class Traced {
          @Differentiable(trace = true)
          static double circuit(double x, double y, double z) {
            double q = x + y;
            return q * z;
          }

          @Differentiable
          static double circuitTail(double q, double z) {
            return q * z;
          }

          @Differentiable
          static double sigmoid(double dot) {
            return 1 / (1 + Math.exp(-dot));
          }

          @Differentiable(trace = true)
          static double neuron(double w0, double x0, double w1, double x1, double w2) {
            return 1 / (1 + Math.exp(-(w0 * x0 + w1 * x1 + w2)));
          }

          @Differentiable(trace = true)
          static double series(double[] x, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
              if (x[i] > 1) {
                s += Math.sqrt(x[i]) * x[i];
              } else {
                s -= Math.log(x[i]) / (1 + s * s);
              }
            }
            return s;
          }

          @Differentiable
          static double root(double x) {
            return Math.sqrt(x);
          }

          @Differentiable
          static double norm(double[] v) {
            double s = 0;
            for (double e : v) {
              s += e * e;
            }
            return Math.sqrt(s);
          }

          @Differentiable(trace = true)
          static double caller(double x, double[] v) {
            double r = root(x * x + 1);
            return r * norm(v) + Math.sin(r);
          }

          @Differentiable(trace = true)
          static float floats(float[][] m, float[] v) {
            float s = 0;
            for (int i = 0; i < v.length; i++) {
              s += m[i][0] * v[i] * m[i][1];
            }
            return s;
          }

          @Differentiable(trace = true)
          static double ratio(double x, double y) {
            return x / y;
          }

          @Differentiable(trace = true)
          static double grows(double x) {
            return Math.exp(x) * 0.5;
          }

          @Differentiable(trace = true)
          static double sqrtAtZero(double x) {
            return Math.sqrt(x) + x;
          }

          @Differentiable(trace = true)
          static double throughCall(double x) {
            return 3 * root(x);
          }
        }
        """);
  }

  private static Trace trace(String method, Object... args) {
    return (Trace) compiled.call(COMPANION, method + "Trace", args);
  }

  @Test
  void circuitNodeByNode() {
    Trace trace = trace("circuit", -2.0, 5.0, -4.0);
    // Hand computed: q = x + y = 3, f = q z = -12; df/dq = z = -4, df/dz = q = 3,
    // df/dx = df/dy = df/dq · 1 = -4.
    assertNodes(trace, List.of(
        node("x", "input", -2, -4),
        node("y", "input", 5, -4),
        node("z", "input", -4, 3),
        node("x + y", "+", 3, -4, edge(1, 1), edge(2, 1)),
        node("q * z", "*", -12, 1, edge(4, -4), edge(3, 3))));
    assertEquals(5, trace.output());
    // q's gradient is what the pullback of the circuit's rest, q z, gives for q.
    assertEquals(Gradients.generated(compiled, OWNER, "circuitTail", 3, -4)[0],
        trace.node(4).adjoint());
    assertEquals("Traced.java:8", trace.node(4).location());
    assertEquals("Traced.java:9", trace.node(5).location());
  }

  @Test
  void sigmoidNeuronNodeByNode() {
    double w0 = 2;
    double x0 = -1;
    double w1 = -3;
    double x1 = -2;
    double w2 = -3;
    Trace trace = trace("neuron", w0, x0, w1, x1, w2);
    double dot = w0 * x0 + w1 * x1 + w2;
    double e = Math.exp(-dot);
    double sigma = 1 / (1 + e);
    // Backwards by hand: d(1/u)/du = -1/u², d(1+e)/de = 1, d exp(t)/dt = exp(t), d(-s)/ds = -1.
    double dU = -1 / ((1 + e) * (1 + e));
    double dExp = dU;
    double dNeg = dExp * e;
    double dDot = -dNeg;
    assertNodes(trace, List.of(
        node("w0", "input", w0, dDot * x0),
        node("x0", "input", x0, dDot * w0),
        node("w1", "input", w1, dDot * x1),
        node("x1", "input", x1, dDot * w1),
        node("w2", "input", w2, dDot),
        node("w0 * x0", "*", w0 * x0, dDot, edge(1, x0), edge(2, w0)),
        node("w1 * x1", "*", w1 * x1, dDot, edge(3, x1), edge(4, w1)),
        node("w0 * x0 + w1 * x1", "+", w0 * x0 + w1 * x1, dDot, edge(6, 1), edge(7, 1)),
        node("w0 * x0 + w1 * x1 + w2", "+", dot, dDot, edge(8, 1), edge(5, 1)),
        node("-(w0 * x0 + w1 * x1 + w2)", "-", -dot, dNeg, edge(9, -1)),
        node("Math.exp(-(w0 * x0 + w1 * x1 + w2))", "Math.exp", e, dExp, edge(10, e)),
        node("1 + Math.exp(-(w0 * x0 + w1 * x1 + w2))", "+", 1 + e, dU, edge(11, 1)),
        node("1 / (1 + Math.exp(-(w0 * x0 + w1 * x1 + w2)))", "/", sigma, 1,
            edge(12, dU))));
    // The gradient reaching the dot product is what the pullback of the sigmoid gives.
    assertEquals(Gradients.generated(compiled, OWNER, "sigmoid", dot)[0], trace.node(9).adjoint(),
        1e-16);
    // The notes' numbers: the neuron's gradient on w0 is about -0.2 and on x0 about 0.39.
    assertEquals(-0.197, trace.node(1).adjoint(), 1e-3);
    assertEquals(0.393, trace.node(2).adjoint(), 1e-3);
  }

  @Test
  void everyAdjointIsTheChainRuleAndTheInputsAreThePullbacks() {
    double[] x = {0.4, 2.5, 0.7, 3.0};
    Trace series = trace("series", x.clone(), 4);
    assertChainRule(series);
    double[] pullback = arrayGradient("series", x.clone(), 4);
    for (int i = 0; i < x.length; i++) {
      assertEquals(pullback[i], series.node(i + 1).adjoint(), 1e-15 * Math.abs(pullback[i]));
    }
    assertEquals(compiled.call(OWNER, "series", x.clone(), 4), series.node(series.output())
        .value());
    assertEquals("i = 2", series.nodes().stream()
        .filter(n -> n.expression().equals("Math.log(x[i])")).skip(1).findFirst().orElseThrow()
        .context());
    for (double[] point : new double[][] {{-2, 5, -4}, {0.3, -1.2, 2.2}}) {
      Trace circuit = trace("circuit", point[0], point[1], point[2]);
      assertChainRule(circuit);
      double[] exact = Gradients.generated(compiled, OWNER, "circuit", point);
      for (int i = 0; i < 3; i++) {
        assertEquals(exact[i], circuit.node(i + 1).adjoint(), 0.0);
      }
      Gradients.assertMatchesFiniteDifferences(compiled, OWNER, "circuit", 1e-9, point);
    }
  }

  @Test
  void aCallIsOneNodeWithTheCalleesPartials() {
    double[] v = {0.5, -1.5, 2.0};
    Trace trace = trace("caller", 0.8, v.clone());
    assertChainRule(trace);
    var calls = trace.nodes().stream().filter(n -> n.operation().equals("norm")).toList();
    assertEquals(1, calls.size());
    assertEquals(3, calls.get(0).inputs().size());
    double norm = Math.sqrt(0.25 + 2.25 + 4);
    for (int i = 0; i < 3; i++) {
      assertEquals(v[i] / norm, calls.get(0).inputs().get(i).partial(), 1e-15);
    }
    Object gradient = compiled.call(COMPANION, "caller", 0.8, v.clone());
    var components = Compiled.components(gradient);
    assertEquals((double) components.get("dX"), trace.node(1).adjoint(), 1e-15);
    double[] dV = (double[]) components.get("dV");
    for (int i = 0; i < 3; i++) {
      assertEquals(dV[i], trace.node(i + 2).adjoint(), 1e-15);
    }
  }

  @Test
  void floatMatricesAreInputsElementByElement() {
    float[][] m = {{0.5f, -1.5f}, {2f, 0.25f}};
    float[] v = {3f, -0.75f};
    Trace trace = trace("floats", (Object) m, v);
    assertChainRule(trace);
    var gradient = Compiled.components(compiled.call(COMPANION, "floats", (Object) m, v));
    float[][] dM = (float[][]) gradient.get("dM");
    float[] dV = (float[]) gradient.get("dV");
    assertEquals("m[1][0]", trace.node(3).expression());
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(dM[i][j], trace.node(1 + 2 * i + j).adjoint(), 1e-6);
      }
      assertEquals(dV[i], trace.node(5 + i).adjoint(), 1e-6);
    }
    // ∂/∂v[0] of Σ m[i][0] v[i] m[i][1] is m[0][0] m[0][1], by hand.
    assertEquals(-0.75, trace.node(5).adjoint(), 1e-6);
  }

  @Test
  void firstNonFiniteValueInTheForwardSweep() {
    var log = trace("series", new double[] {0.5, 0.0, 2.0}, 3).firstNonFinite().orElseThrow();
    assertEquals("Math.log(x[i])", log.expression());
    assertEquals("i = 1", log.context());
    assertEquals(Double.NEGATIVE_INFINITY, log.value());
    assertTrue(Double.isNaN(trace("ratio", 0.0, 0.0).firstNonFinite().orElseThrow().value()));
    var overflow = trace("grows", 800.0).firstNonFinite().orElseThrow();
    assertEquals("Math.exp(x)", overflow.expression());
    assertEquals(Double.POSITIVE_INFINITY, overflow.value());
    assertTrue(trace("grows", 700.0).firstNonFinite().isEmpty());
  }

  @Test
  void firstNonFinitePartialInTheBackwardSweepOnly() {
    Trace trace = trace("sqrtAtZero", 0.0);
    trace.nodes().forEach(n -> assertTrue(Double.isFinite(n.value()), n.expression()));
    var fault = trace.firstNonFinite().orElseThrow();
    assertEquals("Math.sqrt(x)", fault.expression());
    assertEquals(Double.POSITIVE_INFINITY, fault.inputs().get(0).partial());
    var call = trace("throughCall", 0.0).firstNonFinite().orElseThrow();
    assertEquals("root", call.operation());
    assertEquals("Traced.java:86", call.location());
    assertEquals(Double.POSITIVE_INFINITY, call.inputs().get(0).partial());
  }

  @Test
  void pastTheLimitATraceKeepsSummaries() {
    int n = 4000;
    double[] x = new double[n];
    java.util.Arrays.fill(x, 0.5);
    x[3000] = 0;
    Trace trace = trace("series", x, n);
    assertTrue(trace.size() > Trace.NODE_LIMIT);
    assertTrue(trace.isSummarized());
    assertTrue(trace.nodes().isEmpty());
    var log = trace.summaries().stream().filter(s -> s.expression().equals("Math.log(x[i])"))
        .findFirst().orElseThrow();
    assertEquals(n, log.count());
    assertEquals(Double.NEGATIVE_INFINITY, log.minValue());
    assertEquals(Math.log(0.5), log.maxValue());
    assertEquals(Double.NEGATIVE_INFINITY, log.firstNonFinite().orElseThrow().value());
    // After the inputs: three nodes in the first iteration, where s is a constant (log, the
    // quotient, s -), then five (s * s and 1 + s * s too).
    assertEquals(log.firstNonFinite().orElseThrow().id(), n + 3 + 2999 * 5 + 1);
    assertTrue(trace.toHtml().contains("<table>"));
  }

  @Test
  void dotHasEveryNodeAndEdge() {
    String dot = trace("circuit", -2.0, 5.0, -4.0).toDot();
    assertTrue(dot.startsWith("digraph trace {"));
    assertTrue(dot.contains("rankdir=LR"));
    assertTrue(dot.contains("n4 -> n5 [label=\"×-4\"]"));
    assertTrue(dot.contains("n3 -> n5 [label=\"×3\"]"));
    assertTrue(dot.contains("{q * z|value -12|gradient 1}"));
    assertFalse(dot.contains("n5 -> "));
  }

  @Test
  void recordComponentsAreInputsNamedAsTheSourceReadsThem() {
    Compiled records = Compiled.compile("""
        package q;
        public record Pt(double x, double y) {}
        """, """
        package q;
        import dev.leibniz.Differentiable;
        class Distance {
          @Differentiable(trace = true)
          static double between(Pt a, Pt b) {
            double dx = a.x() - b.x();
            double dy = a.y() - b.y();
            return Math.sqrt(dx * dx + dy * dy);
          }
        }
        """);
    Object a = records.construct("q.Pt", 0.0, 0.0);
    Object b = records.construct("q.Pt", 3.0, 4.0);
    Trace trace = (Trace) records.call("q.DistanceGradients", "betweenTrace", a, b);
    assertEquals(List.of("a.x()", "a.y()", "b.x()", "b.y()"), trace.nodes().subList(0, 4)
        .stream().map(Trace.Node::expression).toList());
    // ∂|a − b|/∂a = (a − b) / |a − b| = (-0.6, -0.8)
    assertEquals(-0.6, trace.node(1).adjoint(), 1e-15);
    assertEquals(-0.8, trace.node(2).adjoint(), 1e-15);
    assertEquals(5.0, trace.node(trace.output()).value());
    assertEquals("a.x() - b.x()", trace.node(5).expression());
  }

  @Test
  void aMethodTooLongForOneIsTracedInParts() {
    var source = new StringBuilder("package h;\nimport dev.leibniz.Differentiable;\n")
        .append("public class Long {\n")
        .append("  @Differentiable(trace = true) public static double f(double x, double[] w) {\n")
        .append("    double s = 0;\n");
    for (int i = 0; i < 300; i++) {
      source.append("    s = s + Math.sin(x * w[").append(i % 3).append("] + s * 0.001);\n");
    }
    source.append("    return s;\n  }\n}\n");
    Compiled big = Compiled.compile(source.toString());
    double[] w = {0.3, -0.2, 0.5};
    Trace trace = (Trace) big.call("h.LongGradients", "fTrace", 0.7, w.clone());
    assertTrue(java.util.Arrays.stream(big.load("h.LongGradients").getDeclaredMethods())
        .anyMatch(m -> m.getName().equals("fTracePart2")), "the trace is cut into parts");
    assertEquals(big.call("h.Long", "f", 0.7, w.clone()), trace.node(trace.output()).value());
    // The inputs, then five operations a statement but for s * 0.001 in the first, a constant.
    assertEquals(4 + 300 * 5 - 1, trace.size());
    assertChainRule(trace);
    var gradient = Compiled.components(big.call("h.LongGradients", "f", 0.7, w.clone()));
    assertEquals((double) gradient.get("dX"), trace.node(1).adjoint(), 1e-12);
    double[] dW = (double[]) gradient.get("dW");
    for (int i = 0; i < 3; i++) {
      assertEquals(dW[i], trace.node(i + 2).adjoint(), 1e-12);
    }
  }

  @Test
  void whatATraceCannotFollowIsAnErrorAtItsLine() {
    JavaFileObject file = Compiled.file("""
        package r;
        import dev.leibniz.Differentiable;
        class Refused {
          @Differentiable static void scale(double[] a, double s) {
            for (int i = 0; i < a.length; i++) { a[i] *= s; } }
          @Differentiable static double norm(double[][] m) { return m[0][0] * m[0][0]; }
          @Differentiable(trace = true) static double writes(double[] a, double s) {
            scale(a, s);
            return a[0]; }
          @Differentiable(trace = true) static double matrix(double[][] m) {
            double n = norm(m);
            return n; }
          @Differentiable private static double hidden(double x) { return x * x; }
          @Differentiable(trace = true) static double callsHidden(double x) {
            double h = hidden(x);
            return h; }
        }
        """);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("[LZ139] @Differentiable(trace = true) on"
        + " 'writes' cannot trace this yet: a call of 'scale', which writes into its arrays")
        .inFile(file).onLine(8);
    assertThat(compilation).hadErrorContaining("[LZ139] @Differentiable(trace = true) on"
        + " 'matrix' cannot trace this yet: a call of 'norm' with a matrix argument")
        .inFile(file).onLine(11);
    assertThat(compilation).hadErrorContaining("[LZ139] @Differentiable(trace = true) on"
        + " 'callsHidden' cannot trace this yet: a call of 'hidden', which takes or returns"
        + " records or is private").inFile(file).onLine(15);
  }

  private static double[] arrayGradient(String method, double[] x, int n) {
    Object result = compiled.call(COMPANION, method, x, n);
    return (double[]) Compiled.components(result).get("dX");
  }

  /** adjoint(v) = Σ over the edges leaving v of partial × adjoint(target); the output's is 1. */
  private static void assertChainRule(Trace trace) {
    double[] expected = new double[trace.size() + 1];
    expected[trace.output()] = 1;
    for (int id = trace.size(); id >= 1; id--) {
      Trace.Node node = trace.node(id);
      assertEquals(expected[id], node.adjoint(), 1e-14 * (1 + Math.abs(expected[id])),
          () -> "node " + node);
      for (Trace.Edge e : node.inputs()) {
        expected[e.from()] += e.partial() * node.adjoint();
      }
    }
  }

  private record Expected(String expression, String operation, double value, double adjoint,
      List<Trace.Edge> inputs) {}

  private static Expected node(String expression, String operation, double value,
      double adjoint, Trace.Edge... inputs) {
    return new Expected(expression, operation, value, adjoint, List.of(inputs));
  }

  private static Trace.Edge edge(int from, double partial) {
    return new Trace.Edge(from, partial);
  }

  private static void assertNodes(Trace trace, List<Expected> expected) {
    List<Trace.Node> nodes = trace.nodes();
    assertEquals(expected.size(), nodes.size(), () -> nodes.toString());
    var failures = new ArrayList<String>();
    for (int i = 0; i < nodes.size(); i++) {
      Trace.Node actual = nodes.get(i);
      Expected want = expected.get(i);
      assertEquals(i + 1, actual.id());
      assertEquals(want.expression(), actual.expression());
      assertEquals(want.operation(), actual.operation());
      assertEquals(want.value(), actual.value(), 1e-15, want.expression());
      assertEquals(want.adjoint(), actual.adjoint(), 1e-15, want.expression());
      assertEquals(want.inputs().size(), actual.inputs().size(), want.expression());
      for (int k = 0; k < want.inputs().size(); k++) {
        assertEquals(want.inputs().get(k).from(), actual.inputs().get(k).from());
        assertEquals(want.inputs().get(k).partial(), actual.inputs().get(k).partial(), 1e-15,
            want.expression());
      }
    }
    assertTrue(failures.isEmpty());
  }
}
