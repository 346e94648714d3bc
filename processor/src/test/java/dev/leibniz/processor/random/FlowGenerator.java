package dev.leibniz.processor.random;

import dev.leibniz.processor.random.FlowProgram.Statement;
import dev.leibniz.processor.random.FlowStatements.Assign;
import dev.leibniz.processor.random.FlowStatements.AssignElement;
import dev.leibniz.processor.random.FlowStatements.Comparison;
import dev.leibniz.processor.random.FlowStatements.Element;
import dev.leibniz.processor.random.FlowStatements.If;
import dev.leibniz.processor.random.FlowStatements.IntIndex;
import dev.leibniz.processor.random.FlowStatements.Jump;
import dev.leibniz.processor.random.FlowStatements.Loop;
import dev.leibniz.processor.random.FlowStatements.Recurrence;
import dev.leibniz.processor.random.FlowStatements.Reduction;
import dev.leibniz.processor.random.FlowStatements.Return;
import dev.leibniz.processor.random.FlowStatements.Selection;
import dev.leibniz.processor.random.FlowStatements.StreamSum;
import dev.leibniz.processor.random.FlowStatements.Switch;
import dev.leibniz.processor.random.FlowStatements.SwitchValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates the statements of a {@link FlowProgram}: assignments to scalars and to elements of
 * the local array, if/else on comparisons, counted loops, labeled, with {@code break} and
 * {@code continue} of their own or of a loop further out, conditions that assign {@code s} and
 * indices that step a counter ({@code a[m++ % 3]}), switches with fall-through and switch
 * expressions, streams' pipelines with lambdas, the least of
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
    int choice = random.nextInt(depth >= 2 ? 4 : 12);
    return switch (choice) {
      case 11 -> stream();
      case 10 -> new SwitchValue(index(counters),
          List.of(expression(counters), expression(counters), expression(counters)));
      case 9 -> new Switch(index(counters), List.of(statements(counters, depth + 1, 1),
          statements(counters, depth + 1, 1), statements(counters, depth + 1, 1)),
          List.of(random.nextBoolean(), random.nextBoolean()));
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

  /**
   * {@code s += } a stream's pipeline over {@code a} or over a range of indices into {@code a}
   * and {@code b}, filtered a third of the time, summed or its greatest or least element; its
   * lambdas read only their parameter, {@code a}, {@code b} and {@code k}, as Java asks of what
   * they capture.
   */
  private Statement stream() {
    int id = loops++;
    boolean range = random.nextBoolean();
    String parameter = (range ? "j" : "u") + id;
    Node body = expressions.expression(List.of(parameter), 2);
    if (range) {
      body = new Node.Arithmetic('*', new Element(random.nextBoolean() ? "a" : "b",
          new IntIndex(parameter, -1, true)), body);
    }
    return new StreamSum(id, range, body, random.nextInt(3) == 0, "sxn".charAt(random.nextInt(3)));
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
}
