package dev.leibniz.processor.random;

import dev.leibniz.processor.random.FlowProgram.State;
import dev.leibniz.processor.random.FlowProgram.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates the statements of a {@link FlowProgram}: assignments to scalars and to elements of
 * the local array, if/else on comparisons, counted loops, labeled, with {@code break} and
 * {@code continue} of their own or of a loop further out, conditions that assign {@code s} and
 * indices that step a counter ({@code a[m++ % 3]}), the least of
 * candidates each summed by an inner loop (whose adjoints are zero but for one), a residual
 * by a recurrence of powers (whose adjoint may run forwards), and returns;
 * expressions may call generated helper methods, inside loops and branches too.
 */
final class FlowGenerator {
  private final Random random;
  private final ExpressionGenerator expressions;
  private final Set<String> shortLoops = new HashSet<>();
  private int loops;

  /** @param helpers differentiable methods of two doubles the expressions may call */
  FlowGenerator(Random random, List<RandomProgram> helpers) {
    this.random = random;
    this.expressions = new ExpressionGenerator(random, 2, helpers);
  }

  List<Statement> body() {
    List<Statement> statements = statements(List.of(), 0, 4);
    if (random.nextInt(3) == 0) {
      // A reduction returned linearly: a loop whose adjoint the pullback runs inside it.
      String counter = "i" + loops++;
      var counters = List.of(counter);
      Node term = expression(counters);
      Node reduced = new Node.Arithmetic(random.nextBoolean() ? '*' : '+',
          new Node.Variable("t"), expression(counters));
      statements.add(new Reduction(counter, 1 + random.nextInt(4), term, reduced,
          random.nextBoolean() ? '+' : '-'));
      statements.add(new Return(new Node.Arithmetic('+', new Node.Arithmetic('*',
          new Node.Variable("acc"), new Node.Constant("0.5", 0.5)), expression(List.of()))));
      return statements;
    }
    statements.add(new Return(expression(List.of())));
    return statements;
  }

  private List<Statement> statements(List<String> counters, int depth, int count) {
    List<Statement> out = FlowProgram.list();
    for (int i = 0; i < count; i++) {
      out.add(statement(counters, depth));
    }
    return out;
  }

  private Statement statement(List<String> counters, int depth) {
    int choice = random.nextInt(depth >= 2 ? 4 : 9);
    return switch (choice) {
      case 8 -> recurrence(counters);
      case 7 -> selection(counters);
      case 0, 1 -> new Assign("s", random.nextBoolean() ? '=' : "+*".charAt(random.nextInt(2)),
          expression(counters));
      case 2 -> new AssignElement(index(counters), random.nextBoolean() ? '+' : '=',
          expression(counters));
      case 3 -> new Assign(random.nextBoolean() ? "x0" : "x1", '=', expression(counters));
      case 4 -> new If(comparison(counters), statements(counters, depth + 1, 2),
          statements(counters, depth + 1, 1));
      case 5 -> loop(counters, depth);
      default -> new If(comparison(counters), List.of(new Return(expression(counters))), List.of());
    };
  }

  private Statement loop(List<String> counters, int depth) {
    String counter = "i" + loops++;
    int count = 1 + random.nextInt(4);
    // A triangular loop a third of the time: it runs as often as the enclosing counter says.
    String bound = !counters.isEmpty() && random.nextInt(3) == 0
        ? counters.get(counters.size() - 1) : null;
    if (count <= 3 && bound == null) {
      shortLoops.add(counter);
    }
    var inner = new ArrayList<>(counters);
    inner.add(counter);
    List<Statement> body = statements(inner, depth + 1, 2);
    if (random.nextInt(2) == 0) {
      // Anywhere in the body: a continue at its end would be no jump at all.
      String target = random.nextBoolean() ? null : inner.get(random.nextInt(inner.size()));
      body.add(random.nextInt(body.size() + 1), new If(comparison(inner),
          List.of(new Jump(random.nextBoolean(), target)), List.of()));
    }
    // A loop as long as the array runs a number of times no literal gives.
    boolean byLength = bound == null && count == 3;
    return new Loop(counter, count, bound, byLength, body);
  }

  /**
   * The nearest of a few candidates, each a sum of squares over an inner loop, added to
   * {@code s}: the adjoint reaches one candidate's inner loop and is zero in all the others.
   */
  private Statement selection(List<String> counters) {
    int id = loops;
    String outer = "i" + loops++;
    String inner = "i" + loops++;
    var innerCounters = new ArrayList<>(counters);
    innerCounters.add(outer);
    innerCounters.add(inner);
    return new Selection(id, outer, inner, 2 + random.nextInt(3), expression(innerCounters));
  }

  /**
   * A polynomial's residual by the recurrence of its powers, squared into {@code s}: the powers'
   * factor is a constant two times in three, so that nothing differentiable flows through the
   * recurrence, and an expression of the inputs otherwise.
   */
  private Statement recurrence(List<String> counters) {
    int id = loops;
    String counter = "i" + loops++;
    var inner = new ArrayList<>(counters);
    inner.add(counter);
    double[] constants = {0.5, 0.9, -0.8, 1.1};
    double c = constants[random.nextInt(constants.length)];
    Node factor = random.nextInt(3) == 0 ? expression(counters)
        : new Node.Constant(String.valueOf(c), c);
    return new Recurrence(id, counter, 1 + random.nextInt(4), expression(counters), factor,
        expression(inner));
  }

  private Node expression(List<String> counters) {
    var variables = new ArrayList<>(List.of("x0", "x1", "s"));
    Node e = expressions.expression(variables, 2);
    if (random.nextBoolean()) {
      Node element = new Element(random.nextBoolean() ? "a" : "b", index(counters));
      e = new Node.Arithmetic(random.nextBoolean() ? '+' : '*', e, element);
    }
    return e;
  }

  /** {@code e < 0.5} or {@code e > 0.5}; a quarter of the time e assigns {@code s} first. */
  private Comparison comparison(List<String> counters) {
    Node left = expression(counters);
    if (random.nextInt(4) == 0) {
      left = new Node.Assignment("s", "+=".charAt(random.nextInt(2)), left);
    }
    return new Comparison(left, random.nextBoolean() ? '<' : '>', new Node.Constant("0.5", 0.5));
  }

  /** A literal index, or a loop counter taken modulo the length. */
  /**
   * A literal index, or a loop counter taken modulo the length, or a loop counter itself where
   * the loop runs at most 3 times: each iteration then writes an element of its own.
   */
  private IntIndex index(List<String> counters) {
    if (random.nextInt(6) == 0) {
      return new IntIndex(FlowProgram.STEPPED, -1, false);
    }
    if (!counters.isEmpty() && random.nextBoolean()) {
      String counter = counters.get(random.nextInt(counters.size()));
      return new IntIndex(counter, -1, shortLoops.contains(counter) && random.nextBoolean());
    }
    return new IntIndex(null, random.nextInt(3), false);
  }

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
}
