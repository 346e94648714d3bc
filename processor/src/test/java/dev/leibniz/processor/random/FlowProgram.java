package dev.leibniz.processor.random;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A randomly generated method with branches, loops, arrays, {@code break} and {@code continue}
 * (of the innermost loop or, by label, of one further out) and early returns,
 * and its own interpreter over dual numbers, which is the oracle. Parameters: {@code x0, x1}, a
 * {@code double[] a} of length 3, an {@code int k} that is always 2; a local {@code double[] b}
 * of length 3.
 */
final class FlowProgram {
  static final int INPUTS = 5;
  /** The local that indices step as they are evaluated, {@code a[m++ % 3]}. */
  static final String STEPPED = "m";
  private static final int LENGTH = 3;

  /** A statement of the generated program: Java source and its effect on the interpreter. */
  interface Statement {
    String java(String indent);

    /** Runs the statement; returns a non-null value when the method returns. */
    Dual run(State state);
  }

  /** The interpreter's variables. */
  static final class State {
    final Map<String, Dual> scalars = new HashMap<>();
    final Map<String, Integer> ints = new HashMap<>();
    final Map<String, Dual[]> arrays = new HashMap<>();
    /** The {@code break} or {@code continue} being taken, until its loop meets it. */
    FlowStatements.Jump jump;
    /** Whether a value computed on the way overflowed (or was NaN). */
    boolean overflowed;
  }

  final String name;
  final List<Statement> body;

  private FlowProgram(String name, List<Statement> body) {
    this.name = name;
    this.body = body;
  }

  static FlowProgram generate(String name, Random random, List<RandomProgram> helpers) {
    return new FlowProgram(name, new FlowGenerator(random, helpers).body());
  }

  String java() {
    var text = new StringBuilder("  @Differentiable(order = 2) static double ").append(name)
        .append("(double x0, double x1, double[] a, int k) {\n")
        .append("    double s = 0;\n")
        .append("    double[] b = new double[" + LENGTH + "];\n")
        .append("    int " + STEPPED + " = 0;\n");
    body.forEach(s -> text.append(s.java("    ")));
    return text.toString() + "  }\n";
  }

  /** Value and partials with respect to x0, x1, a[0], a[1], a[2]. */
  Dual oracle(double[] point) {
    var state = new State();
    state.scalars.put("x0", Dual.input(point[0], 0, INPUTS));
    state.scalars.put("x1", Dual.input(point[1], 1, INPUTS));
    state.scalars.put("s", Dual.constant(0, INPUTS));
    state.ints.put(STEPPED, 0);
    Dual[] a = new Dual[LENGTH];
    Dual[] b = new Dual[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      a[i] = Dual.input(point[2 + i], 2 + i, INPUTS);
      b[i] = Dual.constant(0, INPUTS);
    }
    state.arrays.put("a", a);
    state.arrays.put("b", b);
    Dual result = runAll(body, state);
    if (state.overflowed) {
      // Where a value on the way is not finite, forward and reverse mode meet 0 · ∞ in
      // different places: the gradient is not defined by either, and is not compared.
      double[] undefined = new double[INPUTS];
      Arrays.fill(undefined, Double.NaN);
      return new Dual(result.value(), undefined);
    }
    return result;
  }

  static Dual runAll(List<Statement> statements, State state) {
    for (Statement s : statements) {
      Dual returned = s.run(state);
      if (returned != null || state.jump != null) {
        return returned;
      }
    }
    return null;
  }

  static String block(List<Statement> statements, String indent) {
    var text = new StringBuilder();
    statements.forEach(s -> text.append(s.java(indent + "  ")));
    return text.toString();
  }

  static List<Statement> list() {
    return new ArrayList<>();
  }
}
