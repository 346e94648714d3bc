package dev.leibniz.processor.random;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A randomly generated method over an array of records {@code record B(double x, double v)}:
 * a parameter {@code B[] bs} of two records with a {@code double x}, copied to a local
 * {@code s}, whose elements are replaced, which is given a new array built in a loop's body
 * ({@code s = n}), written by a method writing into an array of records, passed to one taking
 * it, replaced by what one returning an array of records gives, and read by for-each. Its
 * interpreter over dual numbers is the oracle.
 */
final class RecordArrayProgram {
  /** Inputs: bs[0].x(), bs[0].v(), bs[1].x(), bs[1].v(), x. */
  static final int INPUTS = 5;
  private static final List<String> VARIABLES = List.of("s[0].x()", "s[0].v()", "s[1].x()",
      "s[1].v()", "x");

  /** One statement, repeated {@code times} times; {@code id} names its locals. */
  private record Statement(int kind, Node a, Node b, int times, int id) {
    String java() {
      String update = switch (kind) {
        case 0 -> "s[0] = new B(" + a.java() + ", " + b.java() + ");";
        case 1 -> "x = " + a.java() + ";";
        case 2 -> "B[] n" + id + " = new B[2];\n      n" + id + "[0] = new B(" + a.java() + ", "
            + b.java() + ");\n      n" + id + "[1] = s[0];\n      s = n" + id + ";";
        case 3 -> "B[] o" + id + " = new B[2];\n      drift(s, " + a.java() + ", o" + id
            + ");\n      s = o" + id + ";";
        case 4 -> "x = x * pull(s) + " + a.java() + ";";
        case 5 -> "for (B b : s) {\n        x = x + b.x() * " + a.java() + ";\n      }";
        default -> "s = kick(s, " + a.java() + ");";
      };
      return "    for (int i = 0; i < " + times + "; i++) {\n      " + update + "\n    }\n";
    }

    void run(Map<String, Dual> env) {
      for (int t = 0; t < times; t++) {
        switch (kind) {
          case 0 -> {
            Dual x = a.eval(env, INPUTS);
            Dual v = b.eval(env, INPUTS);
            env.put("s[0].x()", x);
            env.put("s[0].v()", v);
          }
          case 1 -> env.put("x", a.eval(env, INPUTS));
          case 2 -> {
            Dual x = a.eval(env, INPUTS);
            Dual v = b.eval(env, INPUTS);
            env.put("s[1].x()", env.get("s[0].x()"));
            env.put("s[1].v()", env.get("s[0].v()"));
            env.put("s[0].x()", x);
            env.put("s[0].v()", v);
          }
          case 3 -> drift(env, a.eval(env, INPUTS));
          case 4 -> env.put("x", env.get("x").times(pull(env)).plus(a.eval(env, INPUTS)));
          case 6 -> kick(env, a.eval(env, INPUTS));
          default -> {
            for (int k = 0; k < 2; k++) {
              env.put("x", env.get("x").plus(env.get("s[" + k + "].x()")
                  .times(a.eval(env, INPUTS))));
            }
          }
        }
      }
    }
  }

  /** The helpers every program may call, and their twins on dual numbers. */
  static final String HELPERS = """
        public record B(double x, double v) {}
        @Differentiable(order = 2) static void drift(B[] bs, double k, B[] out) {
          for (int i = 0; i < bs.length; i++) {
            out[i] = new B(bs[i].x() + k * bs[i].v(), bs[i].v() * Math.cos(k));
          }
        }
        @Differentiable(order = 2) static B[] kick(B[] bs, double k) {
          B[] out = new B[bs.length];
          for (int i = 0; i < bs.length; i++) {
            out[i] = new B(bs[i].x() + k * bs[i].v(), bs[i].v() - k * Math.sin(bs[i].x()));
          }
          return out;
        }
        @Differentiable(order = 2) static double pull(B[] bs) {
          double p = 0;
          for (B b : bs) {
            p += b.x() * b.v();
          }
          return Math.tanh(p);
        }
      """;

  private static void drift(Map<String, Dual> env, Dual k) {
    Dual cos = k.apply(Math::cos, v -> -Math.sin(v));
    for (int i = 0; i < 2; i++) {
      Dual x = env.get("s[" + i + "].x()");
      Dual v = env.get("s[" + i + "].v()");
      env.put("s[" + i + "].x()", x.plus(k.times(v)));
      env.put("s[" + i + "].v()", v.times(cos));
    }
  }

  private static void kick(Map<String, Dual> env, Dual k) {
    for (int i = 0; i < 2; i++) {
      Dual x = env.get("s[" + i + "].x()");
      Dual v = env.get("s[" + i + "].v()");
      env.put("s[" + i + "].x()", x.plus(k.times(v)));
      env.put("s[" + i + "].v()", v.minus(k.times(x.apply(Math::sin, Math::cos))));
    }
  }

  private static Dual pull(Map<String, Dual> env) {
    Dual p = Dual.constant(0, INPUTS);
    for (int i = 0; i < 2; i++) {
      p = p.plus(env.get("s[" + i + "].x()").times(env.get("s[" + i + "].v()")));
    }
    return p.apply(Math::tanh, v -> 1 / (Math.cosh(v) * Math.cosh(v)));
  }

  final String name;
  private final List<Statement> statements;
  private final Node result;

  private RecordArrayProgram(String name, List<Statement> statements, Node result) {
    this.name = name;
    this.statements = statements;
    this.result = result;
  }

  static RecordArrayProgram generate(String name, Random random) {
    var generator = new ExpressionGenerator(random, -1);
    var statements = new ArrayList<Statement>();
    int count = 1 + random.nextInt(4);
    for (int s = 0; s < count; s++) {
      int kind = random.nextInt(7);
      // Repeated updates of the state by expressions of itself could grow without bound.
      int times = kind == 3 || kind == 4 || kind == 6 || random.nextInt(3) > 0 ? 1 : 2;
      statements.add(new Statement(kind, generator.expression(VARIABLES, 2),
          generator.expression(VARIABLES, 2), times, s));
    }
    return new RecordArrayProgram(name, statements, generator.expression(VARIABLES, 2));
  }

  String java() {
    var text = new StringBuilder("  @Differentiable(order = 2) static double ").append(name)
        .append("(B[] bs, double x) {\n    B[] s = bs;\n");
    statements.forEach(st -> text.append(st.java()));
    return text.append("    return ").append(result.java()).append(";\n  }\n").toString();
  }

  /** Value and partials with respect to the inputs, in their order. */
  Dual oracle(double[] point) {
    Map<String, Dual> env = new HashMap<>();
    for (int i = 0; i < INPUTS; i++) {
      env.put(VARIABLES.get(i), Dual.input(point[i], i, INPUTS));
    }
    statements.forEach(st -> st.run(env));
    return result.eval(env, INPUTS);
  }
}
