package dev.leibniz.processor.random;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A randomly generated method over records: a state {@code record P(Q q, double c, double[] w)}
 * with {@code record Q(double a, double b)}, taken as a parameter with a {@code double x}, kept
 * in a local, replaced by new records built from random expressions of its components (a loop
 * repeats some of them; a new vector for {@code w} is declared in the loop's body), passed to a
 * method of records and replaced by what a method returning a record gives, with the old
 * vector or a new one, or by one record or another chosen by {@code ?:}. Its interpreter over
 * dual numbers is the oracle.
 */
final class RecordProgram {
  /** Inputs: s.q().a(), s.q().b(), s.c(), s.w()[0], s.w()[1], x. */
  static final int INPUTS = 6;
  private static final List<String> VARIABLES = List.of("s.q().a()", "s.q().b()", "s.c()",
      "s.w()[0]", "s.w()[1]", "x");

  /**
   * One statement: a new state, a new x, the state through one of the fixed helpers, or a new
   * state with a new vector declared just before it.
   */
  private record Statement(int kind, Node a, Node b, Node c, int times, int id) {
    String java() {
      String update = switch (kind) {
        case 0 -> "s = new P(new Q(" + a.java() + ", " + b.java() + "), " + c.java()
            + ", s.w());";
        case 1 -> "x = " + a.java() + ";";
        case 2 -> "s = turn(s, " + a.java() + ");";
        case 3 -> "x = x * energy(s) + " + a.java() + ";";
        case 4 -> "double[] w" + id + " = {" + a.java() + ", " + b.java() + "};\n      s = new"
            + " P(s.q(), " + c.java() + ", w" + id + ");";
        case 5 -> "s = spread(s, " + a.java() + ");";
        default -> "s = " + a.java() + " > " + b.java() + " ? turn(s, " + c.java()
            + ") : new P(s.q(), " + c.java() + ", s.w());";
      };
      return times == 1 && kind != 4 ? "    " + update + "\n"
          : "    for (int i = 0; i < " + times + "; i++) {\n      " + update + "\n    }\n";
    }

    void run(Map<String, Dual> env) {
      for (int t = 0; t < times; t++) {
        switch (kind) {
          case 0 -> assign(env, List.of("s.q().a()", "s.q().b()", "s.c()"));
          case 1 -> env.put("x", a.eval(env, INPUTS));
          case 2 -> turn(env, a.eval(env, INPUTS));
          case 3 -> env.put("x", env.get("x").times(energy(env)).plus(a.eval(env, INPUTS)));
          case 4 -> assign(env, List.of("s.w()[0]", "s.w()[1]", "s.c()"));
          case 5 -> spread(env, a.eval(env, INPUTS));
          default -> {
            Dual angle = c.eval(env, INPUTS);
            if (a.eval(env, INPUTS).value() > b.eval(env, INPUTS).value()) {
              turn(env, angle);
            } else {
              env.put("s.c()", angle);
            }
          }
        }
      }
    }

    /** a, b and c, evaluated before any is assigned, into {@code targets}. */
    private void assign(Map<String, Dual> env, List<String> targets) {
      List<Dual> values = List.of(a.eval(env, INPUTS), b.eval(env, INPUTS), c.eval(env, INPUTS));
      for (int k = 0; k < 3; k++) {
        env.put(targets.get(k), values.get(k));
      }
    }
  }

  /** The helpers every program may call, and their twins on dual numbers. */
  static final String HELPERS = """
        public record Q(double a, double b) {}
        public record P(Q q, double c, double[] w) {}
        @Differentiable(order = 2) static P turn(P p, double angle) {
          double cos = Math.cos(angle);
          double sin = Math.sin(angle);
          return new P(new Q(cos * p.q().a() - sin * p.q().b(), sin * p.q().a() + cos * p.q().b()),
              p.c() * cos, p.w());
        }
        @Differentiable(order = 2) static double energy(P p) {
          return p.q().a() * p.q().a() + p.q().b() * p.c() * 0.5 + p.w()[0] * p.w()[1];
        }
        @Differentiable(order = 2) static P spread(P p, double k) {
          double[] w = new double[p.w().length];
          for (int i = 0; i < w.length; i++) {
            w[i] = p.w()[i] * Math.cos(k) + p.q().a();
          }
          return new P(p.q(), p.c() + w[0] * 0.5, w);
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
        .times(Dual.constant(0.5, INPUTS)))
        .plus(env.get("s.w()[0]").times(env.get("s.w()[1]")));
  }

  private static void spread(Map<String, Dual> env, Dual k) {
    Dual cos = k.apply(Math::cos, v -> -Math.sin(v));
    Dual a = env.get("s.q().a()");
    Dual w0 = env.get("s.w()[0]").times(cos).plus(a);
    env.put("s.w()[0]", w0);
    env.put("s.w()[1]", env.get("s.w()[1]").times(cos).plus(a));
    env.put("s.c()", env.get("s.c()").plus(w0.times(Dual.constant(0.5, INPUTS))));
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
      int kind = random.nextInt(7);
      // Repeated updates of a state by expressions of itself could grow without bound.
      int times = kind == 2 || kind >= 5 || random.nextInt(3) > 0 ? 1 : 2 + random.nextInt(2);
      statements.add(new Statement(kind, generator.expression(VARIABLES, 2),
          generator.expression(VARIABLES, 2), generator.expression(VARIABLES, 2), times, s));
    }
    return new RecordProgram(name, statements, generator.expression(VARIABLES, 2));
  }

  String java() {
    var text = new StringBuilder("  @Differentiable(order = 2) static double ").append(name)
        .append("(P s0, double x) {\n    P s = s0;\n");
    statements.forEach(st -> text.append(st.java()));
    return text.append("    return ").append(result.java()).append(";\n  }\n").toString();
  }

  /** Value and partials with respect to s.q().a(), s.q().b(), s.c(), s.w()[0], s.w()[1], x. */
  Dual oracle(double[] point) {
    Map<String, Dual> env = new HashMap<>();
    for (int i = 0; i < INPUTS; i++) {
      env.put(VARIABLES.get(i), Dual.input(point[i], i, INPUTS));
    }
    statements.forEach(st -> st.run(env));
    return result.eval(env, INPUTS);
  }
}
