package dev.leibniz.processor.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import dev.leibniz.processor.Compiled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Randomly generated programs over arrays (names reassigned to different arrays, writes
 * through them, copies, fills, overlapping {@code arraycopy}, helpers returning arrays and
 * helpers writing into one), compiled in batches, against the interpreter's dual numbers.
 * Programs and helpers are of order 2: every sixth program's Hessian is checked against
 * differences of its gradient and its Hessian-vector product against the Hessian.
 * {@code -Dleibniz.random.batches=N} runs more.
 */
class ArrayProgramTest {
  private static final int PROGRAMS_PER_BATCH = 30;
  private static final int POINTS_PER_PROGRAM = 3;
  private static final double TOLERANCE = 1e-9;
  private static final int HESSIAN_EVERY = 6;
  private static int pushforwards;
  private static int hessians;

  @Test
  void generatedGradientsMatchTheOracle() {
    int batches = Integer.getInteger("leibniz.random.batches", 4);
    double worst = 0;
    int onePass = 0;
    int replayed = 0;
    int checked = 0;
    for (int batch = 0; batch < batches; batch++) {
      Progress.batch("random array programs", batch, batches);
      var random = new Random(9_000 + batch);
      var helpers = new ArrayList<ArrayHelper>();
      for (int h = 0; h < 4; h++) {
        helpers.add(ArrayHelper.generate((h % 2 == 0 ? "v" : "w") + h, h % 2 == 1, random));
      }
      var programs = new ArrayList<ArrayProgram>();
      for (int p = 0; p < PROGRAMS_PER_BATCH; p++) {
        programs.add(ArrayStatements.generate("f" + p, random, helpers));
      }
      var compiled = Compiled.compileWith(replayEveryOther(batch), source("Arrays" + batch, programs, helpers));
      onePass += compiled.onePassPullbacks();
      replayed += compiled.replayedLoops();
      for (ArrayProgram program : programs) {
        for (int point = 0; point < POINTS_PER_PROGRAM; point++) {
          worst = Math.max(worst, check(compiled, "r.Arrays" + batch, program, random));
        }
        if (checked % HESSIAN_EVERY == 0) {
          checkHessian(compiled, "r.Arrays" + batch, program, random);
        }
        checked++;
      }
    }
    System.out.printf("random array programs: %d checked at %d points each (%d pushforwards),"
        + " worst relative error %.3g; %d Hessians; %d pullbacks in one pass; %d loops replayed%n",
        checked, POINTS_PER_PROGRAM, pushforwards, worst, hessians, onePass, replayed);
    assertTrue(checked >= 4 * PROGRAMS_PER_BATCH || batches < 4, "programs checked: " + checked);
    assertTrue(worst <= TOLERANCE, "worst relative error " + worst);
    assertTrue(pushforwards >= checked * POINTS_PER_PROGRAM * 9 / 10,
        "pushforwards checked: " + pushforwards);
  }

  private static double check(Compiled compiled, String className, ArrayProgram program,
      Random random) {
    double[] point = new double[ArrayProgram.INPUTS];
    for (int i = 0; i < point.length; i++) {
      point[i] = random.nextDouble() * 2 - 1;
    }
    double[] a = Arrays.copyOfRange(point, 2, 5);
    Dual expected = program.oracle(point);
    Map<String, Object> result = Compiled.components(
        compiled.call(className + "Gradients", program.name, point[0], point[1], a));
    assertArrayEquals(Arrays.copyOfRange(point, 2, 5), a, 0.0, "the input array changed");
    String context = program.name + " at " + Arrays.toString(point) + ":\n" + program.java();
    double value = (double) result.get("value");
    assertEquals(expected.value(), value, 1e-12 * Math.max(1, Math.abs(value)), context);
    double[] dA = (double[]) result.get("dA");
    double[] actual = {(double) result.get("dX0"), (double) result.get("dX1"), dA[0], dA[1],
        dA[2]};
    double worst = 0;
    for (int i = 0; i < actual.length; i++) {
      double error = FiniteDifferences.relativeError(actual[i], expected.tangent()[i]);
      assertTrue(error <= TOLERANCE, "input " + i + " of " + context + " generated " + actual[i]
          + ", oracle " + expected.tangent()[i]);
      worst = Math.max(worst, error);
    }
    return Math.max(worst, pushforward(compiled, className, program, point, expected, random,
        context));
  }

  /**
   * The pushforward along a random direction against the oracle's tangents dotted with it, for
   * a program that has one (all but those too long for one method); -1 if it has none.
   */
  private static double pushforward(Compiled compiled, String className, ArrayProgram program,
      double[] point, Dual expected, Random random, String context) {
    boolean has = Arrays.stream(compiled.load(className + "Gradients").getDeclaredMethods())
        .anyMatch(m -> m.getName().equals(program.name + "Pushforward"));
    if (!has) {
      return -1;
    }
    pushforwards++;
    double[] v = random.doubles(ArrayProgram.INPUTS, -1, 1).toArray();
    double[] a = Arrays.copyOfRange(point, 2, 5);
    double[] aDot = Arrays.copyOfRange(v, 2, 5);
    Object pushed = compiled.call(className + "Gradients", program.name + "Pushforward",
        point[0], point[1], a, v[0], v[1], aDot);
    assertArrayEquals(Arrays.copyOfRange(point, 2, 5), a, 0.0, "the input array changed");
    assertArrayEquals(Arrays.copyOfRange(v, 2, 5), aDot, 0.0, "the direction changed");
    double directional = 0;
    for (int i = 0; i < v.length; i++) {
      directional += expected.tangent()[i] * v[i];
    }
    double tangent = (double) Compiled.components(pushed).get("tangent");
    double error = FiniteDifferences.relativeError(tangent, directional);
    assertTrue(error <= TOLERANCE, "pushforward of " + context + " generated " + tangent
        + ", oracle " + directional);
    return error;
  }

  /** The Hessian against differences of the gradient, and the Hessian-vector product. */
  private static void checkHessian(Compiled compiled, String className, ArrayProgram program,
      Random random) {
    boolean has = Arrays.stream(compiled.load(className + "Gradients").getDeclaredMethods())
        .anyMatch(m -> m.getName().equals(program.name + "Hessian"));
    if (!has) {
      return;
    }
    hessians++;
    double[] point = random.doubles(ArrayProgram.INPUTS, -1, 1).toArray();
    double[] a = Arrays.copyOfRange(point, 2, 5);
    Object result = compiled.call(className + "Gradients", program.name + "Hessian", point[0],
        point[1], a);
    assertArrayEquals(Arrays.copyOfRange(point, 2, 5), a, 0.0, "the input array changed");
    double[][] hessian = (double[][]) Compiled.components(result).get("hessian");
    String context = program.name + " at " + Arrays.toString(point) + ":\n" + program.java();
    Hessians.assertDifferencesOfGradient(hessian, p -> gradient(compiled, className, program,
        p), point, context);
    double[] v = random.doubles(ArrayProgram.INPUTS, -1, 1).toArray();
    Map<String, Object> hvp = Compiled.components(compiled.call(className + "Gradients",
        program.name + "Hvp", point[0], point[1], Arrays.copyOfRange(point, 2, 5), v[0], v[1],
        Arrays.copyOfRange(v, 2, 5)));
    double[] hvA = (double[]) hvp.get("hvA");
    Hessians.assertProduct(hessian, v, new double[] {(double) hvp.get("hvX0"),
        (double) hvp.get("hvX1"), hvA[0], hvA[1], hvA[2]}, context);
  }

  private static double[] gradient(Compiled compiled, String className, ArrayProgram program,
      double[] p) {
    Map<String, Object> g = Compiled.components(compiled.call(className + "Gradients",
        program.name, p[0], p[1], Arrays.copyOfRange(p, 2, 5)));
    double[] dA = (double[]) g.get("dA");
    return new double[] {(double) g.get("dX0"), (double) g.get("dX1"), dA[0], dA[1], dA[2]};
  }

  private static String source(String className, List<ArrayProgram> programs,
      List<ArrayHelper> helpers) {
    return "package r;\nimport dev.leibniz.Differentiable;\npublic class " + className + " {\n"
        + helpers.stream().map(ArrayHelper::java).collect(Collectors.joining("\n"))
        + programs.stream().map(ArrayProgram::java).collect(Collectors.joining("\n")) + "}\n";
  }

  /** Every other batch replays every loop it can, so that the oracle checks that code too. */
  private static List<String> replayEveryOther(int batch) {
    return batch % 2 == 1 ? List.of("-Aleibniz.replay=always") : List.of();
  }
}
