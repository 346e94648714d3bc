package dev.leibniz.processor.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import dev.leibniz.processor.Compiled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Randomly generated methods over records (a nested record state reassigned from its own
 * components, in loops, through a method returning a record and one taking a record), against
 * the dual-number oracle, gradients and pushforwards; all are of order 2, and every fifth
 * program's Hessian is checked against differences of its gradient.
 * {@code -Dleibniz.random.batches=N} runs more.
 */
class RecordProgramTest {
  private static final int PROGRAMS_PER_BATCH = 30;
  private static final int POINTS_PER_PROGRAM = 3;
  private static final double TOLERANCE = 1e-9;
  private static final int HESSIAN_EVERY = 5;

  @Test
  void generatedGradientsOfRecordsMatchTheOracle() throws Exception {
    int batches = Integer.getInteger("leibniz.random.batches", 2);
    double worst = 0;
    int checked = 0;
    int hessians = 0;
    for (int batch = 0; batch < batches; batch++) {
      var random = new Random(7_000 + batch);
      var programs = new ArrayList<RecordProgram>();
      for (int p = 0; p < PROGRAMS_PER_BATCH; p++) {
        programs.add(RecordProgram.generate("r" + p, random));
      }
      String className = "Records" + batch;
      var compiled = Compiled.compile("package g;\nimport dev.leibniz.Differentiable;\n"
          + "public class " + className + " {\n" + RecordProgram.HELPERS
          + programs.stream().map(RecordProgram::java).collect(Collectors.joining("\n"))
          + "}\n");
      for (RecordProgram program : programs) {
        for (int point = 0; point < POINTS_PER_PROGRAM; point++) {
          worst = Math.max(worst, check(compiled, "g." + className, program, random));
        }
        if (checked % HESSIAN_EVERY == 0) {
          checkHessian(compiled, "g." + className, program, random);
          hessians++;
        }
        checked++;
      }
    }
    System.out.printf("random record programs: %d checked at %d points each, worst relative"
        + " error %.3g; %d Hessians%n", checked, POINTS_PER_PROGRAM, worst, hessians);
    assertTrue(worst <= TOLERANCE, "worst relative error " + worst);
  }

  /**
   * The Hessian over the record's components and x, in declaration order, against differences
   * of the generated gradient, and a Hessian-vector product with a record direction.
   */
  private static void checkHessian(Compiled compiled, String className, RecordProgram program,
      Random random) throws ReflectiveOperationException {
    double[] point = random.doubles(RecordProgram.INPUTS, -1, 1).toArray();
    double[][] hessian = (double[][]) Compiled.components(compiled.call(className + "Gradients",
        program.name + "Hessian", state(compiled, className, point), point[3])).get("hessian");
    String context = program.name + " at " + Arrays.toString(point) + ":\n" + program.java();
    Hessians.assertDifferencesOfGradient(hessian, p -> gradient(compiled, className, program,
        p), point, context);
    double[] v = random.doubles(RecordProgram.INPUTS, -1, 1).toArray();
    Map<String, Object> hvp = Compiled.components(compiled.call(className + "Gradients",
        program.name + "Hvp", state(compiled, className, point), point[3],
        state(compiled, className, v), v[3]));
    Map<String, Object> hvS = Compiled.components(hvp.get("hvS0"));
    Map<String, Object> hvQ = Compiled.components(hvS.get("q"));
    Hessians.assertProduct(hessian, v, new double[] {(double) hvQ.get("a"),
        (double) hvQ.get("b"), (double) hvS.get("c"), (double) hvp.get("hvX")}, context);
  }

  private static Object state(Compiled compiled, String className, double[] v) {
    try {
      Object q = compiled.load(className + "$Q").getDeclaredConstructors()[0]
          .newInstance(v[0], v[1]);
      return compiled.load(className + "$P").getDeclaredConstructors()[0].newInstance(q, v[2]);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double[] gradient(Compiled compiled, String className, RecordProgram program,
      double[] p) {
    Map<String, Object> g = Compiled.components(compiled.call(className + "Gradients",
        program.name, state(compiled, className, p), p[3]));
    Map<String, Object> dS = Compiled.components(g.get("dS0"));
    Map<String, Object> dQ = Compiled.components(dS.get("q"));
    return new double[] {(double) dQ.get("a"), (double) dQ.get("b"), (double) dS.get("c"),
        (double) g.get("dX")};
  }

  private static double check(Compiled compiled, String className, RecordProgram program,
      Random random) throws ReflectiveOperationException {
    double[] point = random.doubles(RecordProgram.INPUTS, -1, 1).toArray();
    Object q = compiled.load(className + "$Q").getDeclaredConstructors()[0]
        .newInstance(point[0], point[1]);
    Object s = compiled.load(className + "$P").getDeclaredConstructors()[0]
        .newInstance(q, point[2]);
    Dual expected = program.oracle(point);
    Map<String, Object> g = Compiled.components(compiled.call(className + "Gradients",
        program.name, s, point[3]));
    String context = program.name + " at " + Arrays.toString(point) + ":\n" + program.java();
    assertEquals(expected.value(), (double) g.get("value"),
        1e-12 * Math.max(1, Math.abs(expected.value())), "value of " + context);
    Map<String, Object> dS = Compiled.components(g.get("dS0"));
    Map<String, Object> dQ = Compiled.components(dS.get("q"));
    double[] actual = {(double) dQ.get("a"), (double) dQ.get("b"), (double) dS.get("c"),
        (double) g.get("dX")};
    double worst = 0;
    for (int i = 0; i < actual.length; i++) {
      double error = FiniteDifferences.relativeError(actual[i], expected.tangent()[i]);
      assertTrue(error <= TOLERANCE, "input " + i + " of " + context + " generated " + actual[i]
          + ", oracle " + expected.tangent()[i]);
      worst = Math.max(worst, error);
    }
    // Forward mode, along a random direction given as a record of tangents.
    double[] v = random.doubles(RecordProgram.INPUTS, -1, 1).toArray();
    Object direction = compiled.load(className + "$P").getDeclaredConstructors()[0].newInstance(
        compiled.load(className + "$Q").getDeclaredConstructors()[0].newInstance(v[0], v[1]),
        v[2]);
    double tangent = (double) Compiled.components(compiled.call(className + "Gradients",
        program.name + "Pushforward", s, point[3], direction, v[3])).get("tangent");
    double along = 0;
    for (int i = 0; i < v.length; i++) {
      along += expected.tangent()[i] * v[i];
    }
    double error = FiniteDifferences.relativeError(tangent, along);
    assertTrue(error <= TOLERANCE, "pushforward of " + context + " generated " + tangent
        + ", oracle " + along);
    return Math.max(worst, error);
  }
}
