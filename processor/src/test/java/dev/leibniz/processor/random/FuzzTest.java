package dev.leibniz.processor.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.leibniz.check.FiniteDifferences;
import dev.leibniz.processor.Compiled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing: generated programs with branches and loops, mutated with statements Leibniz may or
 * may not support. Each must end one of two ways: errors of Leibniz's own, inside the method,
 * none of them internal; or generated code that compiles without warnings and whose gradient
 * matches finite differences. {@code -Dleibniz.fuzz.batches=N} runs more (30 programs a batch).
 */
class FuzzTest {
  private static final int PROGRAMS_PER_BATCH = 30;

  @Test
  void everyProgramIsDifferentiatedCorrectlyOrRejectedWithPositionedErrors() {
    int batches = Integer.getInteger("leibniz.fuzz.batches", 8);
    var counts = new HashMap<String, Integer>();
    for (int batch = 0; batch < batches; batch++) {
      Progress.batch("fuzzing", batch, batches);
      var random = new Random(31_000 + batch);
      var methods = new ArrayList<String>();
      for (int p = 0; p < PROGRAMS_PER_BATCH; p++) {
        methods.add(Mutations.mutate(FlowProgram.generate("f" + p, random, List.of()).java(), random));
      }
      List<String> accepted = rejectedOrAccepted(methods, counts);
      checkAccepted(accepted, random, counts);
    }
    int programs = batches * PROGRAMS_PER_BATCH;
    int rejected = counts.getOrDefault("rejected", 0);
    int accepted = counts.getOrDefault("accepted", 0);
    int points = counts.getOrDefault("points", 0);
    System.out.printf("fuzzing: %d programs, %d rejected with positioned errors, %d accepted"
            + " and checked at %d points (%d points skipped as not smooth, %d through an"
            + " overflow)%n",
        programs, rejected, accepted, points, counts.getOrDefault("skipped", 0),
        counts.getOrDefault("overflowed", 0));
    // Any crash or mismatch has failed above; these keep the test from passing by checking
    // nothing: mutations must be rejected often, and accepted programs checked at most points.
    assertEquals(programs, rejected + accepted, "every program rejected or accepted");
    assertTrue(rejected >= programs / 5, rejected + " of " + programs + " rejected");
    assertTrue(accepted >= programs / 3, accepted + " of " + programs + " accepted");
    assertTrue(points >= 4 * accepted, points + " points checked for " + accepted + " programs");
    assertTrue(counts.getOrDefault("overflowed", 0) <= points / 50,
        "too many gradients NaN through an overflow to be overflows alone");
  }

  /** Compiles all; checks the errors; returns the methods that had none. */
  private static List<String> rejectedOrAccepted(List<String> methods, Map<String, Integer> counts) {
    String source = source(methods);
    JavaFileObject file = Compiled.file(source);
    Compilation compilation = Compiled.compilation(file);
    var firstLines = new ArrayList<Integer>();
    int line = 4;
    for (String m : methods) {
      firstLines.add(line);
      line += m.split("\n", -1).length - 1;
    }
    var rejected = new boolean[methods.size()];
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      String message = error.getMessage(null);
      assertTrue(message.startsWith("[LZ"), "not an error of Leibniz: " + error + "\n" + source);
      assertTrue(!message.startsWith("[LZ190]"), "crash: " + error);
      assertEquals(file.toUri(), error.getSource().toUri(), "error outside the user's file");
      int method = methodAt(firstLines, error.getLineNumber());
      assertTrue(method >= 0, "error outside any method: " + error);
      rejected[method] = true;
    }
    var accepted = new ArrayList<String>();
    for (int i = 0; i < methods.size(); i++) {
      if (rejected[i]) {
        counts.merge("rejected", 1, Integer::sum);
      } else {
        accepted.add(methods.get(i));
      }
    }
    return accepted;
  }

  private static void checkAccepted(List<String> methods, Random random, Map<String, Integer> counts) {
    if (methods.isEmpty()) {
      return;
    }
    Compiled compiled = Compiled.compile(source(methods));
    for (String method : methods) {
      int start = method.indexOf("static double ") + 14;
      String name = method.substring(start, method.indexOf('(', start));
      counts.merge("accepted", 1, Integer::sum);
      double[] point = random.doubles(5, -1, 1).toArray();
      check(compiled, name, point, method, counts);
    }
  }

  private static void check(Compiled compiled, String name, double[] point, String method,
      Map<String, Integer> counts) {
    ToDoubleFunction<double[]> f = p -> (double) compiled.call("q.Fuzz", name,
        p[0], p[1], new double[] {p[2], p[3], p[4]}, 2);
    Map<String, Object> g = Compiled.components(compiled.call("q.FuzzGradients", name,
        point[0], point[1], new double[] {point[2], point[3], point[4]}, 2));
    double value = f.applyAsDouble(point);
    // A stream's sum adds in order where the JDK compensates: the last bits may differ.
    double exactness = method.contains(".sum()") ? 1e-13 * Math.max(1, Math.abs(value)) : 0.0;
    assertEquals(value, (double) g.get("value"), exactness, method);
    double[] dA = (double[]) g.get("dA");
    double[] exact = {(double) g.get("dX0"), (double) g.get("dX1"), dA[0], dA[1], dA[2]};
    double[] coarse = FiniteDifferences.gradient(f, point.clone(), 1e-5);
    double[] fine = FiniteDifferences.gradient(f, point.clone(), 1e-6);
    double[] wide = null;
    for (int i = 0; i < exact.length; i++) {
      if (Double.isNaN(exact[i]) && Double.isFinite(fine[i])) {
        // A value on the way overflowed, which the method's result can hide (x / (1.5 + ∞)):
        // reverse mode meets 0 · ∞ there, as every tool does. Counted, and bounded below.
        counts.merge("overflowed", 1, Integer::sum);
        continue;
      }
      double scale = Math.max(1, Math.abs(fine[i]));
      // A difference of a value this large rounds away more than the tolerance allows.
      boolean resolvable = Math.ulp(value) / 1e-6 <= 1e-6 * scale;
      if (!resolvable || !(Math.abs(coarse[i] - fine[i]) <= 1e-5 * scale)) {
        counts.merge("skipped", 1, Integer::sum);
        continue;
      }
      if (fine[i] == 0 && coarse[i] == 0 && exact[i] != 0) {
        // Every difference exactly zero: the value may round a dependence away (a sum of
        // terms of 1e30 that cancel to 0). Differences cannot decide; the oracle tests do.
        if (wide == null) {
          wide = FiniteDifferences.gradient(f, point.clone(), 1e-4);
        }
        if (wide[i] == 0) {
          counts.merge("skipped", 1, Integer::sum);
          continue;
        }
      }
      if (!(Math.abs(fine[i] - exact[i]) <= 1e-5 * scale)) {
        // Where the function is very steep two steps can agree and both be off: a step ten
        // times wider must agree with them too before the differences decide.
        if (wide == null) {
          wide = FiniteDifferences.gradient(f, point.clone(), 1e-4);
        }
        if (!(Math.abs(wide[i] - coarse[i]) <= 1e-5 * scale)) {
          counts.merge("skipped", 1, Integer::sum);
          continue;
        }
      }
      counts.merge("points", 1, Integer::sum);
      assertEquals(fine[i], exact[i], 1e-5 * scale, "d/d input " + i + " of\n" + method);
    }
  }

  private static int methodAt(List<Integer> firstLines, long line) {
    for (int i = firstLines.size() - 1; i >= 0; i--) {
      if (line >= firstLines.get(i)) {
        return i;
      }
    }
    return -1;
  }

  private static String source(List<String> methods) {
    // The record the snippets use comes after the methods, so that their lines stay counted.
    return "package q;\nimport dev.leibniz.Differentiable;\n"
        + "@SuppressWarnings(\"fallthrough\") public class Fuzz {\n"
        + String.join("", methods) + "  record Pt(double u, double v, int n) {\n"
        + "    @Differentiable(order = 2) double norm() { return Math.hypot(u, v) * n; }\n"
        + "  }\n  @Differentiable(order = 2) static Pt swap(Pt p) {\n"
        + "    return new Pt(p.v(), p.u() * 2, p.n());\n  }\n"
        + "  record Vs(double[] w, double t) {}\n"
        + "  @Differentiable(order = 2) static Vs stretch(Vs v, double k) {\n"
        + "    double[] w = new double[v.w().length];\n"
        + "    for (int i = 0; i < w.length; i++) {\n"
        + "      w[i] = v.w()[i] * k + v.t();\n    }\n"
        + "    return new Vs(w, v.t() * k);\n  }\n"
        + "  record Qd(double u, double v) {}\n"
        + "  @Differentiable(order = 2) static Qd[] moved(Qd[] qs, double k) {\n"
        + "    Qd[] out = new Qd[qs.length];\n"
        + "    for (int i = 0; i < qs.length; i++) {\n"
        + "      out[i] = new Qd(qs[i].v() * k, qs[i].u() + k);\n    }\n"
        + "    return out;\n  }\n"
        + "}\n";
  }
}
