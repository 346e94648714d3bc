package dev.leibniz.processor.random;

import java.util.List;
import java.util.Random;

/**
 * Random expressions over given variables, built so that every function stays inside its
 * domain at every point ({@code log(1 + e²)}, {@code a / (1.5 + b²)}), away from kinks.
 */
final class ExpressionGenerator {
  private final Random random;
  private final int k;
  private final List<RandomProgram> helpers;

  /** @param k the value of the int parameter {@code k}, or -1 if there is none */
  ExpressionGenerator(Random random, int k) {
    this(random, k, List.of());
  }

  /** Expressions that may also call {@code helpers}, differentiable methods of two doubles. */
  ExpressionGenerator(Random random, int k, List<RandomProgram> helpers) {
    this.random = random;
    this.k = k;
    this.helpers = helpers;
  }

  Node expression(List<String> variables, int depth) {
    if (depth == 0 || random.nextInt(4) == 0) {
      return leaf(variables);
    }
    Node a = expression(variables, depth - 1);
    return random.nextBoolean() ? unary(a) : binary(a, expression(variables, depth - 1));
  }

  private Node leaf(List<String> variables) {
    int choice = random.nextInt(10);
    if (choice < 7) {
      return new Node.Variable(variables.get(random.nextInt(variables.size())));
    } else if (choice < 9 || k < 0) {
      double c = Math.round((random.nextDouble() * 4 - 2) * 100) / 100.0;
      return new Node.Constant(Double.toString(c), c);
    }
    return new Node.Constant("(k / 2)", k / 2);
  }

  private Node unary(Node a) {
    return switch (random.nextInt(10)) {
      case 0 -> new Node.Negation(a);
      case 1 -> new Node.Call("sin", a);
      case 2 -> new Node.Call("cos", a);
      case 3 -> new Node.Call("tanh", a);
      case 4 -> new Node.Call("atan", a);
      case 5 -> new Node.Call("exp", new Node.Call("sin", a));
      case 6 -> new Node.Call("log", onePlusSquare(a));
      case 7 -> new Node.Call("sqrt", onePlusSquare(a));
      case 8 -> new Node.Call("sinh", new Node.Call("tanh", a));
      default -> new Node.Call("cbrt", onePlusSquare(a));
    };
  }

  private Node binary(Node a, Node b) {
    if (!helpers.isEmpty() && random.nextInt(4) == 0) {
      return new Node.HelperCall(helpers.get(random.nextInt(helpers.size())), a, b);
    }
    return switch (random.nextInt(9)) {
      case 0, 1 -> new Node.Arithmetic('+', a, b);
      case 2 -> new Node.Arithmetic('-', a, b);
      case 3, 4 -> new Node.Arithmetic('*', a, b);
      case 5 -> new Node.Arithmetic('/', a, new Node.Arithmetic('+', constant(1.5), square(b)));
      case 6 -> new Node.Call("pow", onePlusSquare(a), new Node.Call("sin", b));
      case 7 -> new Node.Call("hypot", a, onePlusSquare(b));
      default -> new Node.Call(random.nextBoolean() ? "max" : "min", a, b);
    };
  }

  private static Node onePlusSquare(Node a) {
    return new Node.Arithmetic('+', constant(1.0), square(a));
  }

  private static Node square(Node a) {
    return new Node.Arithmetic('*', a, a);
  }

  private static Node constant(double c) {
    return new Node.Constant(Double.toString(c), c);
  }
}
