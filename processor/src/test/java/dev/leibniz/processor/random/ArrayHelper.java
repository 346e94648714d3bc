package dev.leibniz.processor.random;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated differentiable helper over arrays of length 3, with its oracle: either a method
 * returning a new array ({@code double[] vN(double[] p, double t)}, element i an expression of
 * {@code p[i]}, {@code p[i + 1]} and {@code t}) or a {@code void} method writing into its
 * output ({@code void wN(double t, double[] in, double[] out)}, element i an expression of
 * {@code in[i]}, of {@code out[i + 2]} as the loop has left it, and of {@code t}).
 */
final class ArrayHelper {
  static final int LENGTH = 3;

  final String name;
  final boolean writes;
  private final Node element;

  private ArrayHelper(String name, boolean writes, Node element) {
    this.name = name;
    this.writes = writes;
    this.element = element;
  }

  static ArrayHelper generate(String name, boolean writes, Random random) {
    Node element = new ExpressionGenerator(random, -1).expression(List.of("u", "w", "t"), 2);
    return new ArrayHelper(name, writes, element);
  }

  String java() {
    String loop = "    for (int i = 0; i < " + LENGTH + "; i++) {\n";
    if (writes) {
      return "  @Differentiable(order = 2) static void " + name + "(double t, double[] in, double[] out) {\n"
          + loop + "      double u = in[i];\n      double w = out[(i + 2) % " + LENGTH + "];\n"
          + "      out[i] = " + element.java() + ";\n    }\n  }\n";
    }
    return "  @Differentiable(order = 2) static double[] " + name + "(double[] p, double t) {\n"
        + "    double[] r = new double[" + LENGTH + "];\n" + loop
        + "      double u = p[i];\n      double w = p[(i + 1) % " + LENGTH + "];\n"
        + "      r[i] = " + element.java() + ";\n    }\n    return r;\n  }\n";
  }

  /** The new array {@code vN(p, t)} returns. */
  Dual[] value(Dual[] p, Dual t, int inputs) {
    var r = new Dual[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      r[i] = element.eval(env(p[i], p[(i + 1) % LENGTH], t), inputs);
    }
    return r;
  }

  /** What {@code wN(t, in, out)} does to {@code out}, element by element, in place. */
  void write(Dual t, Dual[] in, Dual[] out, int inputs) {
    for (int i = 0; i < LENGTH; i++) {
      out[i] = element.eval(env(in[i], out[(i + 2) % LENGTH], t), inputs);
    }
  }

  private static Map<String, Dual> env(Dual u, Dual w, Dual t) {
    var env = new HashMap<String, Dual>();
    env.put("u", u);
    env.put("w", w);
    env.put("t", t);
    return env;
  }
}
