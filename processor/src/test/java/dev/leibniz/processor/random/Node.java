package dev.leibniz.processor.random;

import java.util.Map;

/**
 * An expression of a random program: renders itself as Java source and evaluates itself over
 * dual numbers, which is how the test knows the exact gradient without Leibniz.
 */
interface Node {
  String java();

  Dual eval(Map<String, Dual> env, int inputs);

  record Variable(String name) implements Node {
    public String java() {
      return name;
    }

    public Dual eval(Map<String, Dual> env, int inputs) {
      return env.get(name);
    }
  }

  /** A double constant, or an int-valued constant subexpression such as {@code (k / 2)}. */
  record Constant(String java, double value) implements Node {
    public Dual eval(Map<String, Dual> env, int inputs) {
      return Dual.constant(value, inputs);
    }
  }

  record Negation(Node operand) implements Node {
    public String java() {
      return "(- " + operand.java() + ")";
    }

    public Dual eval(Map<String, Dual> env, int inputs) {
      return operand.eval(env, inputs).negate();
    }
  }

  record Arithmetic(char op, Node left, Node right) implements Node {
    public String java() {
      return "(" + left.java() + " " + op + " " + right.java() + ")";
    }

    public Dual eval(Map<String, Dual> env, int inputs) {
      Dual a = left.eval(env, inputs);
      Dual b = right.eval(env, inputs);
      return switch (op) {
        case '+' -> a.plus(b);
        case '-' -> a.minus(b);
        case '*' -> a.times(b);
        default -> a.over(b);
      };
    }
  }

  /** A call of {@code Math.name}, with the function's own derivative from the textbook. */
  record Call(String name, Node... args) implements Node {
    public String java() {
      var text = new StringBuilder("Math.").append(name).append('(');
      for (int i = 0; i < args.length; i++) {
        text.append(i > 0 ? ", " : "").append(args[i].java());
      }
      return text.append(')').toString();
    }

    public Dual eval(Map<String, Dual> env, int inputs) {
      Dual a = args[0].eval(env, inputs);
      Dual b = args.length > 1 ? args[1].eval(env, inputs) : null;
      return switch (name) {
        case "sin" -> a.apply(Math::sin, Math::cos);
        case "cos" -> a.apply(Math::cos, x -> -Math.sin(x));
        case "tanh" -> a.apply(Math::tanh, x -> 1 / Math.pow(Math.cosh(x), 2));
        case "atan" -> a.apply(Math::atan, x -> 1 / (1 + x * x));
        case "exp" -> a.apply(Math::exp, Math::exp);
        case "log" -> a.apply(Math::log, x -> 1 / x);
        case "sqrt" -> a.apply(Math::sqrt, x -> 0.5 / Math.sqrt(x));
        case "abs" -> a.apply(Math::abs, Math::signum);
        case "sinh" -> a.apply(Math::sinh, Math::cosh);
        case "cbrt" -> a.apply(Math::cbrt, x -> 1 / (3 * Math.cbrt(x) * Math.cbrt(x)));
        case "pow" -> a.pow(b);
        case "hypot" -> a.hypot(b);
        case "max" -> a.max(b);
        case "min" -> a.min(b);
        default -> throw new IllegalArgumentException(name);
      };
    }
  }

  /** A call of another generated program, a differentiable method of two doubles. */
  record HelperCall(RandomProgram helper, Node a, Node b) implements Node {
    public String java() {
      return helper.name + "(" + a.java() + ", " + b.java() + ")";
    }

    public Dual eval(Map<String, Dual> env, int inputs) {
      return helper.evaluate(new Dual[] {a.eval(env, inputs), b.eval(env, inputs)});
    }
  }

  /** {@code (s += value)}, {@code (s *= value)} or {@code (s = value)}: its value the new one. */
  record Assignment(String target, char op, Node value) implements Node {
    public String java() {
      return "(" + target + " " + (op == '=' ? "" : String.valueOf(op)) + "= " + value.java()
          + ")";
    }

    public Dual eval(Map<String, Dual> env, int inputs) {
      Dual old = env.get(target);
      Dual v = value.eval(env, inputs);
      Dual assigned = op == '+' ? old.plus(v) : op == '*' ? old.times(v) : v;
      env.put(target, assigned);
      return assigned;
    }
  }
}
