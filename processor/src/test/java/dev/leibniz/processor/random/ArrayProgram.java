package dev.leibniz.processor.random;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A randomly generated method over arrays the way Java code uses them: a name {@code v}
 * reassigned to the parameter, a local and rows of a local matrix, reads and writes through
 * it; copies, fills and {@code System.arraycopy}, overlapping too; calls of helpers returning
 * arrays and of helpers writing into an array; in loops and branches. Its interpreter over dual
 * numbers, which shares the arrays' identities the way Java does, is the oracle.
 *
 * <p>Parameters {@code x0, x1} and {@code double[] a} of length 3; locals {@code s},
 * {@code b} and {@code c} of length 3, {@code m} of 2 × 3, and {@code double[] v = b}.
 */
final class ArrayProgram {
  static final int INPUTS = 5;
  private static final int N = ArrayHelper.LENGTH;

  /** A statement: its Java source and what it does to the interpreter's state. */
  interface Statement {
    String java(String indent);

    void run(State state);
  }

  /** The interpreter's variables; an array name maps to the very array it names. */
  static final class State {
    final Map<String, Dual> scalars = new HashMap<>();
    final Map<String, Dual[]> arrays = new HashMap<>();
    final Map<String, Integer> counters = new HashMap<>();
    final Dual[][] m = new Dual[2][N];
  }

  final String name;
  private final List<Statement> body;
  private final Node result;

  ArrayProgram(String name, List<Statement> body, Node result) {
    this.name = name;
    this.body = body;
    this.result = result;
  }

  String java() {
    var text = new StringBuilder("  @Differentiable(order = 2) static double ").append(name)
        .append("(double x0, double x1, double[] a) {\n")
        .append("    double s = 0;\n    double[] b = new double[3];\n")
        .append("    double[] c = new double[3];\n    double[][] m = new double[2][3];\n")
        .append("    double[] v = b;\n");
    body.forEach(s -> text.append(s.java("    ")));
    return text.append("    return ").append(result.java()).append(";\n  }\n").toString();
  }

  /** Value and partials with respect to x0, x1, a[0], a[1], a[2]. */
  Dual oracle(double[] point) {
    var state = new State();
    state.scalars.put("x0", Dual.input(point[0], 0, INPUTS));
    state.scalars.put("x1", Dual.input(point[1], 1, INPUTS));
    state.scalars.put("s", Dual.constant(0, INPUTS));
    Dual[] a = new Dual[N];
    for (int i = 0; i < N; i++) {
      a[i] = Dual.input(point[2 + i], 2 + i, INPUTS);
    }
    state.arrays.put("a", a);
    state.arrays.put("b", zeros());
    state.arrays.put("c", zeros());
    for (int r = 0; r < 2; r++) {
      state.m[r] = zeros();
    }
    state.arrays.put("v", state.arrays.get("b"));
    body.forEach(s -> s.run(state));
    return ArrayStatements.eval(result, state);
  }

  static Dual[] zeros() {
    Dual[] zeros = new Dual[N];
    for (int i = 0; i < N; i++) {
      zeros[i] = Dual.constant(0, INPUTS);
    }
    return zeros;
  }

  static List<Statement> list() {
    return new ArrayList<>();
  }
}
