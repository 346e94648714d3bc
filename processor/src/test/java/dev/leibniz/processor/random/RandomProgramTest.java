package dev.leibniz.processor.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import dev.leibniz.processor.Compiled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Randomly generated programs, compiled with the processor in batches, against the dual-number
 * oracle; in every other batch the programs call generated helper methods, which call each
 * other. All are of order 2, and every tenth program's Hessian is checked against differences
 * of its gradient. {@code -Dleibniz.random.batches=N} runs more (each batch is 50 programs).
 */
class RandomProgramTest {
  private static final int PROGRAMS_PER_BATCH = 50;
  private static final int HELPERS_PER_BATCH = 6;
  private static final int POINTS_PER_PROGRAM = 3;
  private static final double TOLERANCE = 1e-9;

  @Test
  void generatedGradientsMatchTheOracle() {
    int batches = Integer.getInteger("leibniz.random.batches", 6);
    double worst = 0;
    int checked = 0;
    int hessians = 0;
    for (int batch = 0; batch < batches; batch++) {
      var random = new Random(1_000 + batch);
      var helpers = new ArrayList<RandomProgram>();
      for (int h = 0; h < HELPERS_PER_BATCH; h++) {
        helpers.add(RandomProgram.helper("h" + h, random, List.copyOf(helpers)));
      }
      var programs = new ArrayList<RandomProgram>();
      for (int p = 0; p < PROGRAMS_PER_BATCH; p++) {
        programs.add(RandomProgram.generate("p" + p, random, batch % 2 == 0 ? List.of() : helpers));
      }
      String className = "r.Batch" + batch;
      var all = new ArrayList<>(helpers);
      all.addAll(programs);
      var compiled = Compiled.compile(source("Batch" + batch, all));
      for (RandomProgram program : programs) {
        for (int point = 0; point < POINTS_PER_PROGRAM; point++) {
          worst = Math.max(worst, check(compiled, className, program, random));
        }
        if (checked % 10 == 0) {
          checkHessian(compiled, className, program, random);
          hessians++;
        }
        checked++;
      }
    }
    System.out.printf(
        "random straight-line programs (half the batches calling generated helpers): %d checked"
            + " at %d points each, worst relative error %.3g; %d Hessians%n",
        checked, POINTS_PER_PROGRAM, worst, hessians);
    assertTrue(worst <= TOLERANCE, "worst relative error " + worst);
  }

  private static double check(
      Compiled compiled, String className, RandomProgram program, Random random) {
    double[] x = new double[program.inputs];
    Object[] args = new Object[program.inputs + 1];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble() * 3 - 1.5;
      args[i] = x[i];
    }
    args[program.inputs] = program.k;
    Dual expected = program.oracle(x);
    double[] actual = compiled.valueAndGradient(className, program.name, args);
    String context = program.name + " at " + java.util.Arrays.toString(x) + ":\n" + program.java();
    assertEquals(expected.value(), actual[0], 1e-12 * Math.max(1, Math.abs(expected.value())),
        "value of " + context);
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      double error = FiniteDifferences.relativeError(actual[i + 1], expected.tangent()[i]);
      assertTrue(error <= TOLERANCE, "d/dx" + i + " of " + context + " generated " + actual[i + 1]
          + ", oracle " + expected.tangent()[i]);
      worst = Math.max(worst, error);
    }
    return worst;
  }

  /**
   * The Hessian ({@code mHessian}, every program and helper being of order 2) is symmetric and
   * equals central differences of the gradient, which the oracle checked.
   */
  private static void checkHessian(Compiled compiled, String className, RandomProgram program,
      Random random) {
    double[] x = random.doubles(program.inputs, -1.5, 1.5).toArray();
    Object[] args = arguments(x, program.k);
    Object result = compiled.call(className + "Gradients", program.name + "Hessian", args);
    double[][] hessian = (double[][]) Compiled.components(result).get("hessian");
    String context = program.name + " at " + java.util.Arrays.toString(x) + ":\n" + program.java();
    Hessians.assertDifferencesOfGradient(hessian, p -> java.util.Arrays.copyOfRange(
        compiled.valueAndGradient(className, program.name, arguments(p, program.k)), 1,
        p.length + 1), x, context);
  }

  private static Object[] arguments(double[] x, int k) {
    Object[] args = new Object[x.length + 1];
    for (int i = 0; i < x.length; i++) {
      args[i] = x[i];
    }
    args[x.length] = k;
    return args;
  }

  private static String source(String className, List<RandomProgram> programs) {
    return "package r;\nimport dev.leibniz.Differentiable;\npublic class " + className + " {\n"
        + programs.stream().map(p -> p.java("(order = 2)")).collect(Collectors.joining("\n"))
        + "}\n";
  }
}
