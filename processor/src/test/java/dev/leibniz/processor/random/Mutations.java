package dev.leibniz.processor.random;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutates the source of a generated {@link FlowProgram} by inserting statements, valid Java that
 * Leibniz may or may not support, at random places in the body: the fuzzer's input.
 */
final class Mutations {
  /** Statements over the program's variables: x0, x1, s (double), k (int), a, b (double[]). */
  private static final List<String> SNIPPETS = List.of(
      // supported
      "s = s + 0.25 * x0;",
      "{ double t9 = x1 * x1; s += t9; }",
      "if (k > 100) { return 0; }",
      "for (int z = 0; z < 2; z++) { s = s * 0.5 + x0; }",
      "s += (double) (k / 2) * x1;",
      "x0 = -(-x0);",
      "s = Math.max(s, x0 - 10);",
      "do { s = s + 0.1; } while (s < -100 && s > -101);",
      "s += x0 > x1 ? x0 : x1;",
      "b[1] = b[0] + s * x1;",
      "s += a.length * x0;",
      "int q = k; q++; s += q * x1;",
      "s = Math.hypot(s, 1.0) + x1;",
      "s += Math.floor(k * 0.5) * x0;",
      "while (s > 1e6) { s = s / 2; }",
      "float f = 1f;",
      "{ float g9 = (float) x0; s += g9 * g9 * 0.5f; }",
      "{ Pt p9 = new Pt(x0, s, k); p9 = swap(p9); s += Math.tanh(p9.norm()) + Math.sin(p9.u()); }",
      "{ Pt[] ps9 = new Pt[2]; ps9[0] = new Pt(x1, 1, 2); ps9[1] = ps9[0];"
          + " s += Math.sin(ps9[1].u() * x0); }",
      "{ Vs v9 = new Vs(a, s); v9 = stretch(v9, x0); s += v9.w()[0] * v9.t(); }",
      "{ Qd[] qs9 = new Qd[2]; qs9[0] = new Qd(x0, s); qs9[1] = new Qd(x1, 1);"
          + " qs9 = moved(qs9, x1); Qd[] rs9 = qs9; s += rs9[1].u() * rs9[0].v(); }",
      "switch (k) { case 1: s = 1; break; default: break; }",
      "x1 += s++;",
      "s += (x0 = x0 * 0.5) + x0;",
      "done9: { if (s > x1) { break done9; } s -= x1 * 0.5; }",
      "s += java.util.stream.IntStream.range(0, 2).sum() * x0;",
      "s += java.util.Arrays.stream(a).map(t9 -> t9 * t9).max().orElse(0) * x1;",
      // not supported
      "s += java.util.stream.DoubleStream.of(x0, x1).sum();",
      "try { s = s * x0; } finally { s = s + 0; }",
      "assert x0 > -1e9;",
      "s += (k & 1) * x0;",
      "char c = 'q'; s += c;",
      "{ Pt p9 = new Pt(x0, x1, k); Object o9 = p9; }",
      "s += (\"\" + x0).length();",
      "Runnable r = () -> { };",
      "s += new java.util.Random(7).nextDouble() * x0;",
      "long m = 3L; s += (m << 2) * x1;",
      "int[] counts = new int[2];",
      "s += Math.round(x0);",
      "s = s + Double.valueOf(x0);",
      "Object o = a;");

  private Mutations() {}

  /** The method's source with up to two snippets inserted where a statement may go. */
  static String mutate(String method, Random random) {
    List<String> lines = new ArrayList<>(List.of(method.split("\n")));
    int insertions = random.nextInt(3);
    for (int n = 0; n < insertions; n++) {
      var places = new ArrayList<Integer>();
      for (int i = 1; i < lines.size() - 1; i++) {
        String line = lines.get(i).trim();
        boolean endsStatement = line.endsWith(";") || line.endsWith("{");
        boolean jumps = line.startsWith("return") || line.startsWith("break")
            || line.startsWith("continue") || line.startsWith("}");
        // Nothing goes straight into a switch's body, between its cases.
        boolean switchBody = line.contains("switch (") || line.startsWith("case ")
            || line.startsWith("default");
        if (endsStatement && !jumps && !switchBody && !line.contains("} else {")) {
          places.add(i);
        }
      }
      int at = places.get(random.nextInt(places.size()));
      String snippet = SNIPPETS.get(random.nextInt(SNIPPETS.size()));
      lines.add(at + 1, "    " + snippet.replace("t9", "t" + n).replace("g9", "g" + n).replace("p9", "p" + n)
          .replace("ps9", "ps" + n).replace("o9", "o" + n).replace(" q ", " q" + n + " ")
          .replace("q++", "q" + n + "++").replace("q * ", "q" + n + " * ")
          .replace(" c ", " c" + n + " ").replace("+= c;", "+= c" + n + ";")
          .replace(" f ", " f" + n + " ").replace(" m ", " m" + n + " ").replace("(m ", "(m" + n + " ")
          .replace(" r ", " r" + n + " ").replace(" o ", " o" + n + " ")
          .replace(" counts ", " counts" + n + " ").replace(" z ", " z" + n + " ")
          .replace("z <", "z" + n + " <").replace("z++", "z" + n + "++"));
    }
    return String.join("\n", lines) + "\n";
  }
}
