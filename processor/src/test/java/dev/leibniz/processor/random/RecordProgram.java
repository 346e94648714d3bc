package dev.leibniz.processor.random;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A randomly generated method over records: a state {@code record P(Q q, double c)} with
 * {@code record Q(double a, double b)}, taken as a parameter with a {@code double x}, kept in a
 * local, replaced by new records built from random expressions of its components (a loop
 * repeats some of them), passed to a method of records and replaced by what a method
 * returning a record gives. Its interpreter over dual numbers is the oracle.
 */
final class RecordProgram {
  /** Inputs: s.q().a(), s.q().b(), s.c(), x. */
  static final int INPUTS = 4;
  private static final List<String> VARIABLES = List.of("s.q().a()", "s.q().b()", "s.c()", "x");

  /** One statement: a new state, a new x, or the state through one of the fixed helpers. */
  private record Statement(int kind, Node a, Node b, Node c, int times) {
    String java() {
      String update = switch (kind) {
        case 0 -> "s = new P(new Q(" + a.java() + ", " + b.java() + "), " + c.java() + ");";
        case 1 -> "x = " + a.java() + ";";
        case 2 -> "s = turn(s, " + a.java() + ");";
        default -> "x = x * energy(s) + " + a.java() + ";";
      };
      return times == 1 ? "    " + update + "\n"
          : "    for (int i = 0; i < " + times + "; i++) {\n      " + update + "\n    }\n";
    }

    void run(Map<String, Dual> env) {
      for (int t = 0; t < times; t++) {
        switch (kind) {
          case 0 -> {
            Dual na = a.eval(env, INPUTS);
            Dual nb = b.eval(env, INPUTS);
            Dual nc = c.eval(env, INPUTS);
            env.put("s.q().a()", na);
            env.put("s.q().b()", nb);
            env.put("s.c()", nc);
          }
          case 1 -> env.put("x", a.eval(env, INPUTS));
          case 2 -> turn(env, a.eval(env, INPUTS));
          default -> env.put("x", env.get("x").times(energy(env)).plus(a.eval(env, INPUTS)));
        }
      }
    }
  }

  /** The helpers every program may call, and their twins on dual numbers. */
  static final String HELPERS = """
        public record Q(double a, double b) {}
        public record P(Q q, double c) {}
        @Differentiable(order = 2) static P turn(P p, double angle) {
          double cos = Math.cos(angle);
          double sin = Math.sin(angle);
          return new P(new Q(cos * p.q().a() - sin * p.q().b(), sin * p.q().a() + cos * p.q().b()),
              p.c() * cos);
        }
        @Differentiable(order = 2) static double energy(P p) {
          return p.q().a() * p.q().a() + p.q().b() * p.c() * 0.5;
        }
      """;

  private static void turn(Map<String, Dual> env, Dual angle) {
    Dual cos = angle.apply(Math::cos, v -> -Math.sin(v));
    Dual sin = angle.apply(Math::sin, Math::cos);
    Dual a = env.get("s.q().a()");
    Dual b = env.get("s.q().b()");
    env.put("s.q().a()", cos.times(a).minus(sin.times(b)));
    env.put("s.q().b()", sin.times(a).plus(cos.times(b)));
    env.put("s.c()", env.get("s.c()").times(cos));
  }

  private static Dual energy(Map<String, Dual> env) {
    Dual a = env.get("s.q().a()");
    return a.times(a).plus(env.get("s.q().b()").times(env.get("s.c()"))
        .times(Dual.constant(0.5, INPUTS)));
  }

  final String name;
  private final List<Statement> statements;
  private final Node result;

  private RecordProgram(String name, List<Statement> statements, Node result) {
    this.name = name;
    this.statements = statements;
    this.result = result;
  }

  static RecordProgram generate(String name, Random random) {
    var generator = new ExpressionGenerator(random, -1);
    var statements = new ArrayList<Statement>();
    int count = 1 + random.nextInt(4);
    for (int s = 0; s < count; s++) {
      int kind = random.nextInt(4);
      // Repeated updates of a state by expressions of itself could grow without bound.
      int times = kind == 2 || random.nextInt(3) > 0 ? 1 : 2 + random.nextInt(2);
      statements.add(new Statement(kind, generator.expression(VARIABLES, 2),
          generator.expression(VARIABLES, 2), generator.expression(VARIABLES, 2), times));
    }
    return new RecordProgram(name, statements, generator.expression(VARIABLES, 2));
  }

  String java() {
    var text = new StringBuilder("  @Differentiable(order = 2) static double ").append(name)
        .append("(P s0, double x) {\n    P s = s0;\n");
    statements.forEach(st -> text.append(st.java()));
    return text.append("    return ").append(result.java()).append(";\n  }\n").toString();
  }

  /** Value and partials with respect to s.q().a(), s.q().b(), s.c(), x. */
  Dual oracle(double[] point) {
    Map<String, Dual> env = new HashMap<>();
    for (int i = 0; i < INPUTS; i++) {
      env.put(VARIABLES.get(i), Dual.input(point[i], i, INPUTS));
    }
    statements.forEach(st -> st.run(env));
    return result.eval(env, INPUTS);
  }
}
