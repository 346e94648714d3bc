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
 * other. {@code -Dleibniz.random.batches=N} runs more (each batch is 50 programs).
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
        checked++;
      }
    }
    System.out.printf(
        "random straight-line programs (half the batches calling generated helpers): %d checked"
            + " at %d points each, worst relative error %.3g%n",
        checked, POINTS_PER_PROGRAM, worst);
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

  private static String source(String className, List<RandomProgram> programs) {
    return "package r;\nimport dev.leibniz.Differentiable;\npublic class " + className + " {\n"
        + programs.stream().map(RandomProgram::java).collect(Collectors.joining("\n"))
        + "}\n";
  }
}
