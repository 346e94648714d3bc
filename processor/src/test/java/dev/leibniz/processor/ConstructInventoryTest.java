package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Backs every row of {@code docs/constructs.md}: each construct a method body can contain is
 * either differentiated (checked against finite differences) or rejected with the documented
 * error on its own line. The table and the cases here must name the same rows.
 */
class ConstructInventoryTest {
  /** A case: the body of {@code f(double x, double y, int k, double[] a)}; "//!" marks an error. */
  private record Case(String expected, String body) {}

  private static final Map<String, Case> CASES = new LinkedHashMap<>();

  private static void ok(String key, String body) {
    CASES.put(key, new Case("ok", body));
  }

  private static void rejected(String key, String id, String body) {
    CASES.put(key, new Case(id, body));
  }

  static {
    ok("S01", "double d = x; int i = 2; long l = 3L; boolean b = i > 1; var v = d * l;"
        + " return b ? v + i : v;");
    rejected("S02", "LZ103", "short s = 1; //!\n return x;");
    ok("S03", "float f = 1.5f; f = f * 2 + 1; float[] g = {f, 0.5f, f * f};"
        + " return x * f - y / f + y * g[2] - x * g[1];");
    ok("S04", "x = x * y; y += x; return x - y;");
    rejected("S05", "LZ118", "Holder.field = x; //!\n return x;");
    ok("S06", "double s = x; s += y; s -= 0.5; s *= x; s /= 2; s %= 1.5; return s;");
    rejected("S07", "LZ101", "int bits = k; bits &= 3; //!\n return x * bits;");
    ok("S08", "int i = k; i++; ++i; i--; --i; x++; return x * i;");
    ok("S09", "int i = 0; double[] t = {x, y}; double z = x * t[i++] + t[i--] * y; double w;"
        + " double v = w = z * z; while (i++ < 2) { v += (w *= y); } return v + (z += x) * w;");
    ok("S10", "if (x > y) { return x * y; } else if (x < 0) { return -x; } else { return y; }");
    ok("S11", "double s = 0; switch (k) { case 1: s = x * y; break; case 2: s = x; break; default: s += y; }"
        + " switch (k % 2) { case 0 -> s *= x; default -> { s -= y; } } return s;");
    ok("S12", "double z = switch (k) { case 1 -> x; case 2 -> { double t = x * y; yield t + 1; }"
        + " default -> y; }; int n = switch (k % 2) { case 0: yield 1; default: yield 3; };"
        + " return z * n / 2;");
    ok("S13", "double s = 0; for (int i = 0; i < 3; i++) { s += x * i; } int j = 0;"
        + " while (j < 2) { s *= y; j++; } do { s += 1; } while (s < 0);"
        + " for (double v : a) { s += v * x; } return s;");
    rejected("S14", "LZ121", "double s = 0; for (double v : java.util.List.of(1.0)) { //!\n s += v; }"
        + " return s + x;");
    ok("S15", "double s = 0; for (int i = 0; i < 5; i++) { if (i == 1) { continue; }"
        + " if (i == 4) { break; } s += x * y * i; } return s;");
    ok("S16", "double s = 0; outer: for (int i = 0; i < 4; i++) { for (int j = 0; j < 3; j++) {"
        + " if (j > i) { continue outer; } if (s > 5) { break outer; } s += x * y * j; } }"
        + " done: { if (s > 1) { break done; } s *= x; } return s;");
    ok("S17", "for (int i = 0; i < 3; i++) { if (x * i > 1) { return x * i; } } return y;");
    rejected("S18", "LZ101", "try { //!\n x = x * 2; } finally { y = 1; }\n return x;");
    rejected("S19", "LZ101", "if (x > 1e300) { throw new IllegalStateException(); //!\n }\n"
        + " return x;");
    rejected("S20", "LZ101", "synchronized (Holder.class) { //!\n x = x * 2; }\n return x;");
    rejected("S21", "LZ101", "assert x > -1e300; //!\n return x;");
    rejected("S22", "LZ101", "class Local { } //!\n return x;");
    rejected("S23", "LZ101", "record Point(double px) { } //!\n return x;");
    ok("S24", "; { double z = x * y; x = z; } return x;");
    rejected("S25", "LZ101", "System.out.println(x); //!\n return x;");
    ok("S26", "double[][] m = new double[2][2]; m[0][0] = x; m[1][1] = y; double[] row = m[1];"
        + " double[] same = a; double[] pick = a; if (x > 0) { pick = row; }"
        + " row[0] = row[1] * x; same[0] = y; return pick[0] * row[0] + a[0] + same[1];");
    ok("S27", "double[] h = new double[2]; h[0] = x * y; double[] g = h; h = a; h[0] += g[0];"
        + " return h[0] * x + g[0] * a[0];");
    rejected("S28", "LZ120",
        "double[] h = new double[2]; double[] v = h;\n h = new double[3]; //!\n return v[0] * x;");
    rejected("S29", "LZ120", "double[][] m = new double[2][1]; double[] p = a; double s = 0;\n"
        + " for (int i = 0; i < 2; i++) {\n while (p[0] > s) { //!\n s += x; }\n p = m[i]; }\n"
        + " return s;");
    rejected("S30", "LZ120", "double[] s = a;\n for (int k = 0; k < 2; k++) {\n"
        + " double[] q = new double[2];\n q[0] = s[0] * x;\n s = q; //!\n }\n return s[0];");
    ok("E01", "return 2 * x + 3L * y + 0.5 + (true ? 1 : 0);");
    ok("E02", "float f = 2f * 0.25f; return x * 2f + y * f;");
    ok("E03", "char c = 'a'; c += k; return x * (c - 'a') + y * -c;");
    rejected("E04", "LZ102", "boolean b = (\"a\" + y) != \"b\"; //!\n return x;");
    rejected("E05", "LZ102", "boolean b = a == null; //!\n return x;");
    ok("E06", "return x * y - x / (1 + y * y) + x % 2.5 + k * x + (k / 2) * y + (-x) + (+y);");
    rejected("E07", "LZ102", "return x * (k & 1); //!");
    rejected("E08", "LZ102", "return x * (k << 1); //!");
    rejected("E09", "LZ102", "return x * ~k; //!");
    ok("E10", "boolean b = x < y && x <= 2 || !(y > 3) && y >= -1 && k == 1 || k != 2;"
        + " return b ? x : y;");
    ok("E11", "return x > 0 ? x * y : y;");
    ok("E12", "int t = (int) (x * 10); long l = (long) k; return (double) t * x + l * y;");
    rejected("E13", "LZ102", "return x + (short) k; //!");
    ok("E14", "return Math.sin(x) * StrictMath.exp(y) + Math.max(k, 2) * x;");
    ok("E15", "int j = Math.floorMod(k + 3, 2) + Math.multiplyExact(k, 2);"
        + " return x * j + y * Math.round(y) + x * Math.random() * 0;");
    ok("E16", "return Helpers.square(x) * y + Helpers.constant(k) * x;");
    rejected("E17", "LZ106", "return Helpers.constant(k) * Helpers.plain(x); //!");
    rejected("E18", "LZ122", "return Helpers.scaled(x, y); //!");
    ok("E19", "return x * Holder.CONSTANT + Math.PI * y + Holder.field * x;");
    rejected("E20", "LZ109", "return x * Holder.hidden; //!");
    rejected("E21", "LZ108", "return x * super.hashCode(); //!");
    rejected("E22", "LZ102",
        "double z = ((java.util.function.DoubleSupplier) () -> x).getAsDouble(); //!\n return z;");
    rejected("E23", "LZ102",
        "double z = ((java.util.function.DoubleUnaryOperator) Math::abs).applyAsDouble(x); //!\n"
            + " return z;");
    rejected("E24", "LZ102", "boolean b = a instanceof double[]; //!\n return x;");
    rejected("E25", "LZ102", "double h = new Object().hashCode(); //!\n return x * h;");
    ok("E26", "double[] v = new double[2]; double[][] m = new double[2][2]; double[] w = {x, y};"
        + " v[0] = x * y; m[1][0] = v[0] + w[1]; return m[1][0] * a.length + a[0] * x;");
    rejected("E27", "LZ102", "double z = x * new double[] {y}[0]; //!\n return z;");
    ok("E28", "double z = 0; double w = (z = x) * y + z; return w * (z -= y);");
    ok("E29", "return x * Holder.PRIVATE_CONSTANT + y * Holder.PRIVATE_COUNT;");
    ok("E30", "return x * Holder.PRIVATE_COMPUTED + y * HALF_LOG_2PI;");
    ok("E31", "return cubed(x) * y + squared(y);");
    ok("E32", "double[] c = a.clone(); c[0] *= x; double[] l = java.util.Arrays.copyOf(a, 3);"
        + " double[] r = java.util.Arrays.copyOfRange(a, 1, 2); return c[0] * l[1] + r[0] * y;");
    ok("E33", "double[] r = new double[4]; java.util.Arrays.fill(r, x);"
        + " java.util.Arrays.fill(r, 1, 2, y); System.arraycopy(r, 0, r, 1, 3);"
        + " System.arraycopy(a, 0, r, 0, 2); return r[0] * r[1] + r[2] * r[3];");
    rejected("E34", "LZ131", "double z = x * a.clone()[0]; //!\n return z;");
    ok("E35", "double[] p = Helpers.pair(x, Helpers.pair(y, x)[1]); return p[0] * p[1] + a[0];");
    ok("E36", "double[] out = new double[3]; Helpers.squares(Helpers.pair(x, y), out);"
        + " return out[0] + out[1] * out[2];");
    rejected("E37", "LZ132", "double[] q = {x, y};\n double z = x * Helpers.pair(y, 1)[0];\n"
        + " Helpers.swapBoth(q, q); //!\n return q[0] * z;");
    ok("E38", "Pair v = new Pair(x, y * a[0]); var w = v; v = new Pair(v.b(), v.a() * x);"
        + " return v.a() * w.b() + v.b();");
    ok("E39", "Pair v = new Pair(x, y); return Helpers.norm(v) + Helpers.norm(new Pair(y, x * x));");
    rejected("E40", "LZ135", "Pair v = Helpers.made(x); //!\n return x;");
    ok("E42", "Pair[] ps = new Pair[2]; ps[0] = new Pair(x, y); ps[1] = new Pair(y * x, a[0]);"
        + " double s = 0; for (Pair p : ps) { s += p.a() * p.b(); } return s + ps[1].a();");
    rejected("E43", "LZ135", "Pair[] ps = {new Pair(x, y)}; //!\n return x;");
    ok("E48", "Pair[] ps = new Pair[2]; ps[0] = new Pair(x, y); ps[1] = new Pair(y, x);"
        + " for (int s = 0; s < 2; s++) { Pair[] next = new Pair[2]; next[0] = new Pair(ps[1].a()"
        + " * x, ps[0].b()); next[1] = ps[0]; ps = next; } Pair[] last = ps;"
        + " return last[0].a() * last[1].b() + last[1].a();");
    ok("E50", "Pair v = x > y ? new Pair(x, y) : Helpers.swap(new Pair(y, x));"
        + " v = v.a() > 0 ? Helpers.swap(v) : v; return v.a() * v.b() + x;");
    ok("E51", "double s = java.util.stream.IntStream.range(0, a.length)"
        + ".mapToDouble(i -> a[i] * x).sum(); double m = java.util.Arrays.stream(a)"
        + ".map(t -> t * y).filter(t -> t > -10).max().orElse(0);"
        + " return s + m + java.util.Arrays.stream(a).reduce(1, (p, q) -> p * q) * k;");
    ok("E52", "Cx z = new Cx(x, y); for (int i = 0; i < 2; i++) { z = z.times(new Cx(y, x)); }"
        + " return z.re + z.times(z).im;");
    ok("E53", "Pair v = new Pair(x * y, y); return Helpers.ordered(v) ? v.a() * y : v.b();");
    rejected("E49", "LZ136", "Pair[] ps = new Pair[1];\n Pair[] qs = new Pair[1];\n"
        + " qs[0] = new Pair(x, y);\n ps = qs;\n return qs[0].a(); //!");
    ok("E41", "Pair v = new Pair(x, y); for (int i = 0; i < 3; i++) { v = Helpers.swap(v); }"
        + " Pair w = Helpers.swap(v); return v.a() * w.a() + v.b();");
    ok("E44", "Chain c = new Chain(a, x); for (int i = 0; i < 2; i++) { double[] q = new"
        + " double[a.length]; for (int j = 0; j < q.length; j++) { q[j] = c.q()[j] * c.t(); }"
        + " c = new Chain(q, c.t() * y); c = Helpers.pulled(c); } return c.q()[0] + c.t();");
    rejected("E45", "LZ136", "double[] q = a.clone();\n Chain c = new Chain(q, x);\n"
        + " q[0] = y; //!\n return c.q()[0];");
    rejected("E46", "LZ135", "Norm n = new Norm(x, y); //!\n return n.a();");
    rejected("E47", "LZ135", "Twin t = new Twin(x); //!\n return t.b();");
  }

  private static final String PREAMBLE = """
      package inv;

      import dev.leibniz.Differentiable;
      import dev.leibniz.DerivativeOf;
      import dev.leibniz.NoDerivative;

      public class C {
        static class Holder {
          static final double CONSTANT = 1.5;
          static double field = 0.25;
          private static double hidden = 2;
          private static final double PRIVATE_CONSTANT = 2.5;
          private static final int PRIVATE_COUNT = 3;
          private static final double PRIVATE_COMPUTED = Math.sqrt(CONSTANT) + PRIVATE_CONSTANT;
        }

        private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

        private static double cubed(double v) { return v * squared(v); }
        @Differentiable private static double squared(double v) { return v * v; }

        static class Helpers {
          @Differentiable static double square(double v) { return v * v; }
          @Differentiable static double scaled(double v, @NoDerivative double s) { return v * s; }
          static double constant(int i) { return i * 0.5; }
          @Differentiable static double[] pair(double v, double w) {
            return new double[] {v * w, v + w};
          }
          @Differentiable static void squares(double[] in, double[] out) {
            for (int i = 0; i < out.length; i++) {
              out[i] = in[i % in.length] * in[i % in.length];
            }
          }
          @Differentiable static void swapBoth(double[] p, double[] q) {
            p[0] = q[0];
            q[0] = 1;
          }
          static double plain(double v) { return v; }
          @Differentiable static double norm(Pair p) { return Math.hypot(p.a(), p.b()); }
          static Pair made(double v) { return new Pair(v, v); }
          static boolean ordered(Pair p) { return p.a() < p.b(); }
          @Differentiable static Pair swap(Pair p) { return new Pair(p.b() * p.a(), p.a()); }
          @Differentiable static Chain pulled(Chain c) {
            double[] q = c.q().clone();
            q[0] = q[0] * c.t();
            return new Chain(q, c.t() + q[1]);
          }
        }

        record Pair(double a, double b) {}

        record Chain(double[] q, double t) {}

        record Norm(double a, double b) {
          Norm {
            a = a / b;
          }
        }

        record Twin(double a, double b) {
          Twin(double a) {
            this(a, a);
          }
        }

        static final class Cx {
          final double re;
          final double im;

          Cx(double re, double im) {
            this.re = re;
            this.im = im;
          }

          @Differentiable Cx times(Cx o) {
            return new Cx(re * o.re - im * o.im, re * o.im + im * o.re);
          }
        }

      """;

  @Test
  void theDocumentedTableAndTheCasesNameTheSameRows() throws IOException {
    Path table = Path.of("..", "docs", "constructs.md");
    Matcher rows = Pattern.compile("(?m)^\\| ([SE]\\d\\d) \\|").matcher(Files.readString(table));
    Set<String> documented = new TreeSet<>();
    while (rows.find()) {
      documented.add(rows.group(1));
    }
    assertEquals(new TreeSet<>(CASES.keySet()), documented);
  }

  @Test
  void supportedConstructsMatchFiniteDifferences() {
    var source = new StringBuilder(PREAMBLE);
    var supported = new ArrayList<String>();
    CASES.forEach((key, c) -> {
      if (c.expected().equals("ok")) {
        source.append(method(key, c.body()));
        supported.add(key);
      }
    });
    Compiled compiled = Compiled.compile(source.append("}\n").toString());
    for (String key : supported) {
      for (double[] p : new double[][] {{0.73, -0.41}, {-1.27, 0.93}}) {
        double[] a = {0.3, -0.8};
        Map<String, Object> g =
            Compiled.components(compiled.call("inv.CGradients", key, p[0], p[1], 2, a));
        double[] numeric = dev.leibniz.check.FiniteDifferences.gradient(
            v -> (double) compiled.call("inv.C", key, v[0], v[1], 2, a.clone()), p.clone(), 1e-6);
        assertEquals(numeric[0], (double) g.get("dX"), 1e-6 * Math.max(1, Math.abs(numeric[0])),
            key + " d/dx");
        assertEquals(numeric[1], (double) g.get("dY"), 1e-6 * Math.max(1, Math.abs(numeric[1])),
            key + " d/dy");
      }
    }
  }

  @Test
  void rejectedConstructsGetTheirErrorOnTheirLine() {
    var source = new StringBuilder(PREAMBLE);
    var expected = new ArrayList<String[]>();
    CASES.forEach((key, c) -> {
      if (!c.expected().equals("ok")) {
        int line = source.toString().split("\n", -1).length;
        String text = method(key, c.body());
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          if (lines[i].contains("//!")) {
            expected.add(new String[] {key, c.expected(), String.valueOf(line + i)});
          }
        }
        source.append(text);
      }
    });
    JavaFileObject file = Compiled.file(source.append("}\n").toString());
    Compilation compilation = Compiled.compilation(file);
    for (String[] e : expected) {
      assertThat(compilation).hadErrorContaining("[" + e[1] + "]").inFile(file)
          .onLine(Long.parseLong(e[2]));
    }
    Set<Long> marked = new TreeSet<>();
    expected.forEach(e -> marked.add(Long.parseLong(e[2])));
    List<String> stray = compilation.errors().stream()
        .filter(d -> d.getMessage(null).contains("[LZ"))
        .filter(d -> !marked.contains(d.getLineNumber()))
        .map(d -> d.getLineNumber() + " " + d.getMessage(null))
        .toList();
    assertEquals(List.of(), stray, "errors on lines no case marks");
  }

  private static String method(String key, String body) {
    return "  @Differentiable static double " + key
        + "(double x, double y, int k, double[] a) {\n    " + body.replace("\n", "\n   ")
        + "\n  }\n";
  }
}
