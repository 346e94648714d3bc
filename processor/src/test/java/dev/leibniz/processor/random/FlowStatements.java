package dev.leibniz.processor.random;

import dev.leibniz.processor.random.FlowProgram.State;
import dev.leibniz.processor.random.FlowProgram.Statement;
import java.util.List;
import java.util.Map;

/**
 * The statements {@link FlowGenerator} puts in a {@link FlowProgram}, each as Java source and as
 * its effect on the interpreter's state, in Java's order of evaluation.
 */
final class FlowStatements {
  private FlowStatements() {}

  /**
   * An index: a literal, a loop counter (modulo the length unless {@code direct}), or
   * {@code m++ % 3}, which steps the local {@code m} each time it is evaluated.
   */
  record IntIndex(String counter, int literal, boolean direct) {
    String java() {
      return counter == null ? String.valueOf(literal)
          : counter.equals(FlowProgram.STEPPED) ? counter + "++ % 3"
          : direct ? counter : counter + " % 3";
    }

    int value(State state) {
      if (counter == null) {
        return literal;
      }
      int value = state.ints.get(counter);
      if (counter.equals(FlowProgram.STEPPED)) {
        state.ints.put(counter, value + 1);
      }
      return value % 3;
    }
  }

  /** {@code a[i]} or {@code b[i]}; evaluated through the interpreter's current state. */
  record Element(String array, IntIndex index) implements Node {
    static final ThreadLocal<State> STATE = new ThreadLocal<>();

    public String java() {
      return array + "[" + index.java() + "]";
    }

    public Dual eval(Map<String, Dual> env, int inputs) {
      State state = STATE.get();
      return state.arrays.get(array)[index.value(state)];
    }
  }

  static Dual eval(Node node, State state) {
    Element.STATE.set(state);
    Dual value = node.eval(state.scalars, FlowProgram.INPUTS);
    state.overflowed |= !Double.isFinite(value.value());
    return value;
  }

  record Comparison(Node left, char op, Node right) {
    String java() {
      return left.java() + " " + op + " " + right.java();
    }

    boolean holds(State state) {
      double l = eval(left, state).value();
      double r = eval(right, state).value();
      return op == '<' ? l < r : l > r;
    }
  }

  record Assign(String target, char op, Node value) implements Statement {
    public String java(String indent) {
      return indent + target + " " + (op == '=' ? "" : String.valueOf(op)) + "= " + value.java()
          + ";\n";
    }

    public Dual run(State state) {
      Dual v = eval(value, state);
      Dual old = state.scalars.get(target);
      state.scalars.put(target, op == '+' ? old.plus(v) : op == '*' ? old.times(v) : v);
      return null;
    }
  }

  /** {@code b[i] += value} or {@code b[i] = value}. */
  record AssignElement(IntIndex index, char op, Node value) implements Statement {
    public String java(String indent) {
      return indent + "b[" + index.java() + "] " + (op == '+' ? "+= " : "= ") + value.java()
          + ";\n";
    }

    public Dual run(State state) {
      // Java evaluates the index before the value.
      int i = index.value(state);
      Dual v = eval(value, state);
      Dual[] b = state.arrays.get("b");
      b[i] = op == '+' ? b[i].plus(v) : v;
      return null;
    }
  }

  record If(Comparison condition, List<Statement> then, List<Statement> otherwise)
      implements Statement {
    public String java(String indent) {
      String text = indent + "if (" + condition.java() + ") {\n" + FlowProgram.block(then, indent);
      if (!otherwise.isEmpty()) {
        text += indent + "} else {\n" + FlowProgram.block(otherwise, indent);
      }
      return text + indent + "}\n";
    }

    public Dual run(State state) {
      return FlowProgram.runAll(condition.holds(state) ? then : otherwise, state);
    }
  }

  /**
   * {@code for (int c = 0; c < count; c++)}, with a {@code bound} counter of an enclosing
   * loop, {@code c < bound + 1}, or {@code c < a.length} (3).
   */
  record Loop(String counter, int count, String bound, boolean byLength, List<Statement> body)
      implements Statement {
    public String java(String indent) {
      String limit = byLength ? "a.length" : bound == null ? String.valueOf(count) : bound + " + 1";
      return indent + Jump.label(counter) + ":\n" + indent + "for (int " + counter + " = 0; "
          + counter + " < " + limit + "; " + counter + "++) {\n"
          + FlowProgram.block(body, indent) + indent + "}\n";
    }

    public Dual run(State state) {
      int limit = bound == null ? count : state.ints.get(bound) + 1;
      for (int i = 0; i < limit; i++) {
        state.ints.put(counter, i);
        Dual returned = FlowProgram.runAll(body, state);
        if (returned != null) {
          return returned;
        }
        Jump jump = state.jump;
        if (jump != null) {
          if (jump.target() != null && !jump.target().equals(counter)) {
            return null;
          }
          state.jump = null;
          if (jump.leaves()) {
            break;
          }
        }
      }
      return null;
    }
  }

  /**
   * {@code double acc = 0; for (…) { double t = term; acc += reduced; }}: an accumulator and a
   * local of the loop's body, nothing else written.
   */
  record Reduction(String counter, int count, Node term, Node reduced, char op)
      implements Statement {
    public String java(String indent) {
      return indent + "double acc = 0;\n" + indent + "for (int " + counter + " = 0; " + counter
          + " < " + count + "; " + counter + "++) {\n" + indent + "  double t = " + term.java()
          + ";\n" + indent + "  acc " + op + "= " + reduced.java() + ";\n" + indent + "}\n";
    }

    public Dual run(State state) {
      state.scalars.put("acc", Dual.constant(0, FlowProgram.INPUTS));
      for (int i = 0; i < count; i++) {
        state.ints.put(counter, i);
        state.scalars.put("t", eval(term, state));
        Dual r = eval(reduced, state);
        Dual acc = state.scalars.get("acc");
        state.scalars.put("acc", op == '+' ? acc.plus(r) : acc.plus(r.negate()));
      }
      return null;
    }
  }

  /**
   * {@code r = start; p = 1; for (…) { r -= coefficient * p; p *= factor; } s += r * r}: a
   * recurrence beside an accumulator.
   */
  record Recurrence(int id, String counter, int count, Node start, Node factor, Node coefficient)
      implements Statement {
    public String java(String indent) {
      String r = "rec" + id;
      String p = "pow" + id;
      return indent + "double " + r + " = " + start.java() + ";\n"
          + indent + "double " + p + " = 1;\n"
          + indent + "for (int " + counter + " = 0; " + counter + " < " + count + "; " + counter
          + "++) {\n"
          + indent + "  " + r + " -= " + coefficient.java() + " * " + p + ";\n"
          + indent + "  " + p + " *= " + factor.java() + ";\n"
          + indent + "}\n"
          + indent + "s += " + r + " * " + r + ";\n";
    }

    public Dual run(State state) {
      Dual r = eval(start, state);
      Dual p = Dual.constant(1, FlowProgram.INPUTS);
      for (int i = 0; i < count; i++) {
        state.ints.put(counter, i);
        r = r.plus(eval(coefficient, state).times(p).negate());
        p = p.times(eval(factor, state));
      }
      state.scalars.put("s", state.scalars.get("s").plus(r.times(r)));
      return null;
    }
  }

  /**
   * {@code best = the least over the outer loop of Σ (term)² over the inner loop; s += best}.
   */
  record Selection(int id, String outer, String inner, int candidates, Node term)
      implements Statement {
    public String java(String indent) {
      String best = "best" + id;
      String d = "d" + id;
      String e = "e" + id;
      return indent + "double " + best + " = 0;\n"
          + indent + "for (int " + outer + " = 0; " + outer + " < " + candidates + "; " + outer
          + "++) {\n"
          + indent + "  double " + d + " = 0;\n"
          + indent + "  for (int " + inner + " = 0; " + inner + " < 3; " + inner + "++) {\n"
          + indent + "    double " + e + " = " + term.java() + ";\n"
          + indent + "    " + d + " += " + e + " * " + e + ";\n"
          + indent + "  }\n"
          + indent + "  if (" + outer + " == 0 || " + d + " < " + best + ") {\n"
          + indent + "    " + best + " = " + d + ";\n"
          + indent + "  }\n"
          + indent + "}\n"
          + indent + "s += " + best + ";\n";
    }

    public Dual run(State state) {
      Dual best = Dual.constant(0, FlowProgram.INPUTS);
      for (int o = 0; o < candidates; o++) {
        state.ints.put(outer, o);
        Dual d = Dual.constant(0, FlowProgram.INPUTS);
        for (int i = 0; i < 3; i++) {
          state.ints.put(inner, i);
          Dual e = eval(term, state);
          d = d.plus(e.times(e));
        }
        if (o == 0 || d.value() < best.value()) {
          best = d;
        }
      }
      state.scalars.put("s", state.scalars.get("s").plus(best));
      return null;
    }
  }

  /**
   * {@code switch (selector) { case 0: … case 1: … default: … }}, each of the first two cases
   * closed by a {@code break} or falling into the next.
   */
  record Switch(IntIndex selector, List<List<Statement>> cases, List<Boolean> breaks)
      implements Statement {
    public String java(String indent) {
      var text = new StringBuilder(indent + "switch (" + selector.java() + ") {\n");
      for (int c = 0; c < cases.size(); c++) {
        boolean last = c == cases.size() - 1;
        text.append(indent).append(last ? "  default: {\n" : "  case " + c + ": {\n")
            .append(FlowProgram.block(cases.get(c), indent + "  "))
            .append(indent).append("  }\n");
        if (!last && breaks.get(c)) {
          text.append(indent).append("    break;\n");
        }
      }
      return text.append(indent).append("}\n").toString();
    }

    public Dual run(State state) {
      int chosen = selector.value(state);
      boolean fell = false;
      for (int c = 0; c < cases.size(); c++) {
        boolean last = c == cases.size() - 1;
        if (fell || c == chosen || last) {
          fell = true;
          Dual returned = FlowProgram.runAll(cases.get(c), state);
          if (returned != null || state.jump != null) {
            return returned;
          }
          if (!last && breaks.get(c)) {
            return null;
          }
        }
      }
      return null;
    }
  }

  /** {@code s += switch (selector) { case 0 -> v0; case 1 -> v1; default -> v2; };}. */
  record SwitchValue(IntIndex selector, List<Node> values) implements Statement {
    public String java(String indent) {
      return indent + "s += switch (" + selector.java() + ") {\n"
          + indent + "  case 0 -> " + values.get(0).java() + ";\n"
          + indent + "  case 1 -> " + values.get(1).java() + ";\n"
          + indent + "  default -> " + values.get(2).java() + ";\n"
          + indent + "};\n";
    }

    public Dual run(State state) {
      Dual before = state.scalars.get("s");
      Dual value = eval(values.get(Math.min(selector.value(state), 2)), state);
      state.scalars.put("s", before.plus(value));
      return null;
    }
  }

  /**
   * {@code break} or {@code continue}, of the innermost loop where {@code target} is null, else
   * of the loop with that counter, by its label.
   */
  record Jump(boolean leaves, String target) implements Statement {
    static String label(String counter) {
      return "L" + counter;
    }

    public String java(String indent) {
      return indent + (leaves ? "break" : "continue")
          + (target == null ? "" : " " + label(target)) + ";\n";
    }

    public Dual run(State state) {
      state.jump = this;
      return null;
    }
  }

  record Return(Node value) implements Statement {
    public String java(String indent) {
      return indent + "return " + value.java() + ";\n";
    }

    public Dual run(State state) {
      return eval(value, state);
    }
  }

  /**
   * {@code s += Arrays.stream(a).map(u -> body)…} or {@code s += IntStream.range(0, 3)
   * .mapToDouble(j -> body)…}, optionally {@code .filter(v -> v < 0.5)}, then {@code .sum()},
   * {@code .max().orElse(0)} or {@code .min().orElse(0)} ({@code terminal} 's', 'x' or 'n').
   */
  record StreamSum(int id, boolean range, Node body, boolean filtered, char terminal)
      implements Statement {
    private String parameter() {
      return (range ? "j" : "u") + id;
    }

    public String java(String indent) {
      String source = range ? "java.util.stream.IntStream.range(0, 3).mapToDouble("
          : "java.util.Arrays.stream(a).map(";
      String filter = filtered ? ".filter(v" + id + " -> v" + id + " < 0.5)" : "";
      String end = terminal == 's' ? ".sum()" : terminal == 'x' ? ".max().orElse(0)"
          : ".min().orElse(0)";
      return indent + "s += " + source + parameter() + " -> " + body.java() + ")" + filter + end
          + ";\n";
    }

    public Dual run(State state) {
      Dual before = state.scalars.get("s");
      Dual result = terminal == 's' ? Dual.constant(0, FlowProgram.INPUTS) : null;
      for (int i = 0; i < 3; i++) {
        if (range) {
          state.ints.put(parameter(), i);
        }
        state.scalars.put(parameter(),
            range ? Dual.constant(i, FlowProgram.INPUTS) : state.arrays.get("a")[i]);
        Dual v = eval(body, state);
        if (filtered && !(v.value() < 0.5)) {
          continue;
        }
        result = terminal == 's' ? result.plus(v) : result == null ? v
            : terminal == 'x' ? result.max(v) : result.min(v);
      }
      state.scalars.remove(parameter());
      Dual value = result == null ? Dual.constant(0, FlowProgram.INPUTS) : result;
      state.scalars.put("s", before.plus(value));
      return null;
    }
  }
}
