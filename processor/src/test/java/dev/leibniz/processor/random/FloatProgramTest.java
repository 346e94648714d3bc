package dev.leibniz.processor.random;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.processor.Compiled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The random straight-line programs written in {@code float} (parameters, locals and result;
 * the helpers they call stay {@code double}, so that arguments are promoted and results
 * narrowed), against the dual-number oracle run along the float program's own values: each
 * stored value rounded to {@code float} as the method rounds it. What is left between the two
 * is the rounding of the derivative's own arithmetic, so the tolerance is a few roundings per
 * operation and scales with how far the float program's value is from the oracle's.
 */
class FloatProgramTest {
  private static final int PROGRAMS_PER_BATCH = 40;
  private static final int HELPERS_PER_BATCH = 4;
  private static final int POINTS_PER_PROGRAM = 3;
  /** Float's unit roundoff. */
  private static final double EPSILON = 0x1p-24;

  @Test
  void floatGradientsMatchTheDoubleOracleToFloatPrecision() {
    int batches = Integer.getInteger("leibniz.random.batches", 3);
    int checked = 0;
    double worst = 0;
    for (int batch = 0; batch < batches; batch++) {
      var random = new Random(5_000 + batch);
      var helpers = new ArrayList<RandomProgram>();
      for (int h = 0; h < HELPERS_PER_BATCH; h++) {
        helpers.add(RandomProgram.helper("h" + h, random, List.copyOf(helpers)));
      }
      var programs = new ArrayList<RandomProgram>();
      for (int p = 0; p < PROGRAMS_PER_BATCH; p++) {
        programs.add(RandomProgram.generate("p" + p, random, batch % 2 == 0 ? List.of() : helpers));
      }
      var compiled = Compiled.compile(source("Floats" + batch, helpers, programs));
      for (RandomProgram program : programs) {
        for (int point = 0; point < POINTS_PER_PROGRAM; point++) {
          worst = Math.max(worst, check(compiled, "f.Floats" + batch, program, random));
        }
        checked++;
      }
    }
    System.out.printf("random float programs: %d checked at %d points each, worst error %.3g"
        + " of the tolerance%n", checked, POINTS_PER_PROGRAM, worst);
    assertTrue(checked >= PROGRAMS_PER_BATCH * batches);
  }

  /** The largest error of the gradient as a share of its tolerance; fails above 1. */
  private static double check(Compiled compiled, String className, RandomProgram program,
      Random random) {
    double[] x = new double[program.inputs];
    Object[] args = new Object[program.inputs + 1];
    for (int i = 0; i < x.length; i++) {
      float f = (float) (random.nextDouble() * 3 - 1.5);
      x[i] = f;
      args[i] = f;
    }
    args[program.inputs] = program.k;
    Dual expected = program.floatOracle(x);
    double[] actual = compiled.valueAndGradient(className, program.name, args);
    String context = program.name + " at " + Arrays.toString(x) + ":\n" + program.javaFloat();
    double scale = Math.max(1, Math.abs(expected.value()));
    double valueError = Math.abs(actual[0] - expected.value()) / scale;
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      double oracle = expected.tangent()[i];
      double magnitude = Math.max(1, Math.abs(oracle));
      // A few roundings per operation over programs of up to a hundred operations (float
      // adjoints are computed in float), and the value's own error carried into the gradient.
      double tolerance = magnitude * (1e3 * EPSILON + 10 * valueError);
      double error = Math.abs(actual[i + 1] - oracle);
      assertTrue(error <= tolerance, "d/dx" + i + " of " + context + " generated "
          + actual[i + 1] + ", oracle " + oracle + ", tolerance " + tolerance);
      worst = Math.max(worst, error / tolerance);
    }
    return worst;
  }

  private static String source(String className, List<RandomProgram> helpers,
      List<RandomProgram> programs) {
    return "package f;\nimport dev.leibniz.Differentiable;\n@SuppressWarnings(\"cast\")\npublic class "
        + className + " {\n"
        + helpers.stream().map(RandomProgram::java).collect(Collectors.joining("\n"))
        + programs.stream().map(RandomProgram::javaFloat).collect(Collectors.joining("\n"))
        + "}\n";
  }
}
