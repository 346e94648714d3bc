package dev.leibniz.processor.random;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A randomly generated straight-line method: {@code inputs} double parameters, an int
 * parameter {@code k}, declarations, reassignments and compound assignments, and a return.
 */
final class RandomProgram {
  /** One statement: {@code double t = v;}, {@code t = v;} or {@code t op= v;}. */
  record Statement(String target, boolean declares, char op, Node value) {
    String java() {
      if (declares) {
        return "double " + target + " = " + value.java() + ";";
      }
      return target + " " + (op == '=' ? "" : String.valueOf(op)) + "= " + value.java() + ";";
    }
  }

  final String name;
  final int inputs;
  final int k;
  final List<Statement> statements;
  final Node result;

  private RandomProgram(String name, int inputs, int k, List<Statement> statements, Node result) {
    this.name = name;
    this.inputs = inputs;
    this.k = k;
    this.statements = statements;
    this.result = result;
  }

  /** A new random program named {@code name}. */
  static RandomProgram generate(String name, Random random) {
    return generate(name, random, List.of());
  }

  /** A new random program that may call {@code helpers}. */
  static RandomProgram generate(String name, Random random, List<RandomProgram> helpers) {
    return generate(name, random, helpers, 1 + random.nextInt(3), 1 + random.nextInt(5));
  }

  /** A helper: two doubles in, no {@code k}, calling earlier helpers. */
  static RandomProgram helper(String name, Random random, List<RandomProgram> helpers) {
    return generate(name, random, helpers, 2, -1);
  }

  private static RandomProgram generate(
      String name, Random random, List<RandomProgram> helpers, int inputs, int k) {
    var generator = new ExpressionGenerator(random, k, helpers);
    var variables = new ArrayList<String>();
    for (int i = 0; i < inputs; i++) {
      variables.add("x" + i);
    }
    var statements = new ArrayList<Statement>();
    int count = 1 + random.nextInt(6);
    for (int s = 0; s < count; s++) {
      Node value = generator.expression(variables, 3);
      int kind = random.nextInt(3);
      if (kind == 0) {
        String local = "v" + s;
        statements.add(new Statement(local, true, '=', value));
        variables.add(local);
      } else {
        String target = variables.get(random.nextInt(variables.size()));
        char op = kind == 1 ? '=' : "+-*".charAt(random.nextInt(3));
        statements.add(new Statement(target, false, op, value));
      }
    }
    Node result = generator.expression(variables, 2);
    return new RandomProgram(name, inputs, k, statements, result);
  }

  /** The method's source. */
  String java() {
    return java("");
  }

  /** The method's source, its annotation with {@code arguments}: "(order = 2)". */
  String java(String arguments) {
    var text = new StringBuilder("  @Differentiable" + arguments + " static double ")
        .append(name).append('(');
    for (int i = 0; i < inputs; i++) {
      text.append("double x").append(i).append(", ");
    }
    text.append(k < 0 ? "" : "int k");
    if (k < 0) {
      text.setLength(text.length() - 2);
    }
    text.append(") {\n");
    statements.forEach(s -> text.append("    ").append(s.java()).append('\n'));
    return text.append("    return ").append(result.java()).append(";\n  }\n").toString();
  }

  /**
   * The method in {@code float}: {@code float} parameters, locals and result, each value
   * narrowed where it is stored, the expressions computed as Java promotes them.
   */
  String javaFloat() {
    var text = new StringBuilder("  @Differentiable static float ").append(name).append('(');
    for (int i = 0; i < inputs; i++) {
      text.append("float x").append(i).append(", ");
    }
    text.append(k < 0 ? "" : "int k");
    if (k < 0) {
      text.setLength(text.length() - 2);
    }
    text.append(") {\n");
    for (Statement s : statements) {
      String value = "(float) (" + s.value().java() + ")";
      text.append("    ").append(s.declares() ? "float " + s.target() + " = " + value + ";"
          : s.target() + " " + (s.op() == '=' ? "" : String.valueOf(s.op())) + "= " + value
              + ";").append('\n');
    }
    return text.append("    return (float) (").append(result.java()).append(");\n  }\n")
        .toString();
  }

  /** The value and every partial derivative at {@code x}, by dual numbers. */
  Dual oracle(double[] x) {
    Dual[] duals = new Dual[inputs];
    for (int i = 0; i < inputs; i++) {
      duals[i] = Dual.input(x[i], i, inputs);
    }
    return evaluate(duals);
  }

  /**
   * The value and every partial at {@code x} of {@link #javaFloat()}: each stored value
   * rounded to {@code float} as the method rounds it, so that the derivatives are taken along
   * the values the {@code float} method computes.
   */
  Dual floatOracle(double[] x) {
    Dual[] duals = new Dual[inputs];
    for (int i = 0; i < inputs; i++) {
      duals[i] = Dual.input(x[i], i, inputs);
    }
    return run(duals, true);
  }

  /** The program run on dual numbers: the chain rule through a call, done by the oracle. */
  Dual evaluate(Dual[] x) {
    return run(x, false);
  }

  private Dual run(Dual[] x, boolean inFloat) {
    int tangents = x[0].tangent().length;
    Map<String, Dual> env = new HashMap<>();
    for (int i = 0; i < inputs; i++) {
      env.put("x" + i, x[i]);
    }
    for (Statement s : statements) {
      Dual v = s.value().eval(env, tangents);
      if (inFloat) {
        v = v.toFloat();
      }
      Dual old = env.get(s.target());
      Dual updated =
          switch (s.op()) {
            case '+' -> old.plus(v);
            case '-' -> old.minus(v);
            case '*' -> old.times(v);
            default -> v;
          };
      env.put(s.target(), inFloat ? updated.toFloat() : updated);
    }
    Dual value = result.eval(env, tangents);
    return inFloat ? value.toFloat() : value;
  }
}
