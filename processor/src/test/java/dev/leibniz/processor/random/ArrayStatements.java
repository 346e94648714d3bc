package dev.leibniz.processor.random;

import dev.leibniz.processor.random.ArrayProgram.State;
import dev.leibniz.processor.random.ArrayProgram.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates the statements of an {@link ArrayProgram} and runs them: each statement kind is a
 * record with its Java text and its effect on the interpreter's arrays, written from Java's
 * semantics (a name is the array itself; {@code System.arraycopy} copies as if through a
 * temporary array), independently of how Leibniz reads it.
 */
final class ArrayStatements {
  private static final int N = ArrayHelper.LENGTH;
  private static final ThreadLocal<State> STATE = new ThreadLocal<>();

  private final Random random;
  private final ExpressionGenerator expressions;
  private final List<ArrayHelper> helpers;
  private int loops;

  ArrayStatements(Random random, List<ArrayHelper> helpers) {
    this.random = random;
    this.expressions = new ExpressionGenerator(random, -1);
    this.helpers = helpers;
  }

  static ArrayProgram generate(String name, Random random, List<ArrayHelper> helpers) {
    var generator = new ArrayStatements(random, helpers);
    List<Statement> body = generator.statements(List.of(), 0, 6);
    if (random.nextInt(3) == 0) {
      // A reduction over the arrays returned linearly: a loop the pullback runs in one pass.
      String counter = "i" + generator.loops++;
      Node term = generator.expression(List.of(counter));
      Node reduced = new Node.Arithmetic(random.nextBoolean() ? '*' : '+',
          new Node.Variable("t"), generator.expression(List.of(counter)));
      body.add(new Reduction(counter, 1 + random.nextInt(3), term, reduced));
      return new ArrayProgram(name, body, new Node.Arithmetic('+', new Node.Arithmetic('*',
          new Node.Variable("acc"), new Node.Constant("0.5", 0.5)),
          generator.expression(List.of())));
    }
    return new ArrayProgram(name, body, generator.expression(List.of()));
  }

  static Dual eval(Node node, State state) {
    STATE.set(state);
    return node.eval(state.scalars, ArrayProgram.INPUTS);
  }

  private List<Statement> statements(List<String> counters, int depth, int count) {
    List<Statement> out = ArrayProgram.list();
    for (int i = 0; i < count; i++) {
      out.add(statement(counters, depth));
    }
    return out;
  }

  private Statement statement(List<String> counters, int depth) {
    return switch (random.nextInt(depth >= 2 ? 10 : 12)) {
      case 0 -> new ScalarAssign(random.nextBoolean() ? '=' : '+', expression(counters));
      case 1, 2 -> new ElementAssign(array(true), index(counters), random.nextBoolean() ? '=' : '+',
          expression(counters));
      case 3 -> new Rename(random.nextInt(3) == 0 ? new ArrayRef("a", -1) : named());
      case 4 -> new Copy(random.nextInt(3), array(false));
      case 5 -> new Fill(array(true), random.nextBoolean(), expression(counters));
      case 6 -> arraycopy();
      case 7 -> helperCall(counters);
      case 8 -> new ElementAssign(array(true), index(counters), '+', expression(counters));
      case 9 -> rewrite(counters);
      case 10 -> loop(counters, depth);
      default -> new If(expression(counters), statements(counters, depth + 1, 2),
          statements(counters, depth + 1, 1));
    };
  }

  private Statement arraycopy() {
    int n = 1 + random.nextInt(N);
    int sp = random.nextInt(N - n + 1);
    int dp = random.nextInt(N - n + 1);
    return new ArrayCopy(array(false), sp, array(true), dp, n);
  }

  private Statement helperCall(List<String> counters) {
    ArrayHelper helper = helpers.get(random.nextInt(helpers.size()));
    ArrayRef source = array(false);
    while (source.name().equals("c")) {
      source = array(false);
    }
    return helper.writes
        ? new CallWrite(helper, expression(counters), source)
        : new CallNew(helper, source, expression(counters));
  }

  /** A loop writing every element of an array, as a step rebuilds its scratch arrays. */
  private Statement rewrite(List<String> counters) {
    String counter = "i" + loops++;
    var inner = new ArrayList<>(counters);
    inner.add(counter);
    return new Rewrite(counter, array(true), expression(inner));
  }

  private Statement loop(List<String> counters, int depth) {
    String counter = "i" + loops++;
    var inner = new ArrayList<>(counters);
    inner.add(counter);
    int count = 1 + random.nextInt(3);
    // A loop as long as the array runs a number of times no literal gives.
    boolean byLength = count == N;
    return new Loop(counter, count, byLength, statements(inner, depth + 1, 2));
  }

  private Node expression(List<String> counters) {
    Node e = expressions.expression(List.of("x0", "x1", "s"), 2);
    for (int reads = random.nextInt(3); reads > 0; reads--) {
      Node element = new Element(array(false), index(counters));
      e = new Node.Arithmetic(random.nextBoolean() ? '+' : '*', e, element);
    }
    return e;
  }

  /** Any array, or one that may be written: the parameter too, since its copy is written. */
  private ArrayRef array(boolean written) {
    return switch (random.nextInt(6)) {
      case 0 -> new ArrayRef("a", -1);
      case 1 -> new ArrayRef("b", -1);
      case 2 -> new ArrayRef("c", -1);
      case 3 -> new ArrayRef("m", random.nextInt(2));
      default -> new ArrayRef("v", -1);
    };
  }

  /** What {@code v} may name: a local or a row; never {@code c}, which copies replace. */
  private ArrayRef named() {
    return random.nextBoolean() ? new ArrayRef("b", -1) : new ArrayRef("m", random.nextInt(2));
  }

  private Index index(List<String> counters) {
    String counter = counters.isEmpty() || random.nextBoolean()
        ? null : counters.get(random.nextInt(counters.size()));
    return new Index(counter, random.nextInt(N));
  }

  /** A variable holding an array, or a row {@code m[row]}. */
  record ArrayRef(String name, int row) {
    String java() {
      return row >= 0 ? name + "[" + row + "]" : name;
    }

    Dual[] in(State state) {
      return row >= 0 ? state.m[row] : state.arrays.get(name);
    }
  }

  /** A literal index, or {@code (counter + offset) % 3}. */
  record Index(String counter, int offset) {
    String java() {
      return counter == null ? String.valueOf(offset) : "(" + counter + " + " + offset + ") % " + N;
    }

    int value(State state) {
      return counter == null ? offset : (state.counters.get(counter) + offset) % N;
    }
  }

  record Element(ArrayRef array, Index index) implements Node {
    public String java() {
      return array.java() + "[" + index.java() + "]";
    }

    public Dual eval(Map<String, Dual> env, int inputs) {
      State state = STATE.get();
      return array.in(state)[index.value(state)];
    }
  }

  record ScalarAssign(char op, Node value) implements Statement {
    public String java(String indent) {
      return indent + "s " + (op == '=' ? "" : "+") + "= " + value.java() + ";\n";
    }

    public void run(State state) {
      Dual v = eval(value, state);
      state.scalars.put("s", op == '=' ? v : state.scalars.get("s").plus(v));
    }
  }

  record ElementAssign(ArrayRef array, Index index, char op, Node value) implements Statement {
    public String java(String indent) {
      return indent + array.java() + "[" + index.java() + "] " + (op == '=' ? "" : "+") + "= "
          + value.java() + ";\n";
    }

    public void run(State state) {
      Dual v = eval(value, state);
      Dual[] target = array.in(state);
      int i = index.value(state);
      target[i] = op == '=' ? v : target[i].plus(v);
    }
  }

  /** {@code v = b}, {@code v = m[1]}, {@code v = a}. */
  record Rename(ArrayRef to) implements Statement {
    public String java(String indent) {
      return indent + "v = " + to.java() + ";\n";
    }

    public void run(State state) {
      state.arrays.put("v", to.in(state));
    }
  }

  /** {@code c = X.clone()}, {@code Arrays.copyOf(X, 3)} or {@code Arrays.copyOfRange(X, 0, 3)}. */
  record Copy(int kind, ArrayRef source) implements Statement {
    public String java(String indent) {
      String copy = switch (kind) {
        case 0 -> source.java() + ".clone()";
        case 1 -> "java.util.Arrays.copyOf(" + source.java() + ", 3)";
        default -> "java.util.Arrays.copyOfRange(" + source.java() + ", 0, 3)";
      };
      return indent + "c = " + copy + ";\n";
    }

    public void run(State state) {
      state.arrays.put("c", source.in(state).clone());
    }
  }

  /** {@code Arrays.fill(X, e)} or {@code Arrays.fill(X, 1, 3, e)}. */
  record Fill(ArrayRef target, boolean ranged, Node value) implements Statement {
    public String java(String indent) {
      return indent + "java.util.Arrays.fill(" + target.java() + (ranged ? ", 1, 3, " : ", ")
          + value.java() + ");\n";
    }

    public void run(State state) {
      Dual v = eval(value, state);
      Arrays.fill(target.in(state), ranged ? 1 : 0, N, v);
    }
  }

  record ArrayCopy(ArrayRef source, int sp, ArrayRef target, int dp, int n)
      implements Statement {
    public String java(String indent) {
      return indent + "System.arraycopy(" + source.java() + ", " + sp + ", " + target.java()
          + ", " + dp + ", " + n + ");\n";
    }

    public void run(State state) {
      Dual[] moved = Arrays.copyOfRange(source.in(state), sp, sp + n);
      System.arraycopy(moved, 0, target.in(state), dp, n);
    }
  }

  /** {@code c = vN(P, t)}: a new array. */
  record CallNew(ArrayHelper helper, ArrayRef source, Node t) implements Statement {
    public String java(String indent) {
      return indent + "c = " + helper.name + "(" + source.java() + ", " + t.java() + ");\n";
    }

    public void run(State state) {
      state.arrays.put("c", helper.value(source.in(state), eval(t, state), ArrayProgram.INPUTS));
    }
  }

  /** {@code wN(t, IN, c)}: writes into {@code c}. */
  record CallWrite(ArrayHelper helper, Node t, ArrayRef in) implements Statement {
    public String java(String indent) {
      return indent + helper.name + "(" + t.java() + ", " + in.java() + ", c);\n";
    }

    public void run(State state) {
      helper.write(eval(t, state), in.in(state), state.arrays.get("c"), ArrayProgram.INPUTS);
    }
  }

  /** {@code for (int i = 0; i < X.length; i++) X[i] = e;}. */
  record Rewrite(String counter, ArrayRef target, Node value) implements Statement {
    public String java(String indent) {
      return indent + "for (int " + counter + " = 0; " + counter + " < " + target.java()
          + ".length; " + counter + "++) {\n" + indent + "  " + target.java() + "[" + counter
          + "] = " + value.java() + ";\n" + indent + "}\n";
    }

    public void run(State state) {
      for (int i = 0; i < target.in(state).length; i++) {
        state.counters.put(counter, i);
        Dual v = eval(value, state);
        target.in(state)[i] = v;
      }
    }
  }

  record Loop(String counter, int count, boolean byLength, List<Statement> body)
      implements Statement {
    public String java(String indent) {
      var text = new StringBuilder(indent + "for (int " + counter + " = 0; " + counter + " < "
          + (byLength ? "a.length" : count) + "; " + counter + "++) {\n");
      body.forEach(s -> text.append(s.java(indent + "  ")));
      return text.append(indent).append("}\n").toString();
    }

    public void run(State state) {
      for (int i = 0; i < count; i++) {
        state.counters.put(counter, i);
        body.forEach(s -> s.run(state));
      }
    }
  }

  /** {@code double acc = 0; for (…) { double t = term; acc += reduced; }}. */
  record Reduction(String counter, int count, Node term, Node reduced) implements Statement {
    public String java(String indent) {
      return indent + "double acc = 0;\n" + indent + "for (int " + counter + " = 0; " + counter
          + " < " + count + "; " + counter + "++) {\n" + indent + "  double t = " + term.java()
          + ";\n" + indent + "  acc += " + reduced.java() + ";\n" + indent + "}\n";
    }

    public void run(State state) {
      state.scalars.put("acc", Dual.constant(0, ArrayProgram.INPUTS));
      for (int i = 0; i < count; i++) {
        state.counters.put(counter, i);
        state.scalars.put("t", eval(term, state));
        state.scalars.put("acc", state.scalars.get("acc").plus(eval(reduced, state)));
      }
    }
  }

  record If(Node condition, List<Statement> then, List<Statement> otherwise)
      implements Statement {
    public String java(String indent) {
      var text = new StringBuilder(indent + "if (" + condition.java() + " > 0.5) {\n");
      then.forEach(s -> text.append(s.java(indent + "  ")));
      text.append(indent).append("} else {\n");
      otherwise.forEach(s -> text.append(s.java(indent + "  ")));
      return text.append(indent).append("}\n").toString();
    }

    public void run(State state) {
      (eval(condition, state).value() > 0.5 ? then : otherwise).forEach(s -> s.run(state));
    }
  }
}
