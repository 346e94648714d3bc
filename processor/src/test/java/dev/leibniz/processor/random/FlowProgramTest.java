package dev.leibniz.processor.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import dev.leibniz.processor.Compiled;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomly generated programs with branches, loops, arrays, breaks and early returns, compiled
 * with the processor in batches, against the interpreter's dual numbers. Every other batch calls
 * generated helper methods from anywhere in the programs, so that forward and backward halves of
 * callees run inside loops and branches, interleaved with the caller's own saved values.
 * Programs and helpers are of order 2: every eighth program's Hessian and Hessian-vector
 * product are checked too, through the helpers' own directional derivatives.
 * {@code -Dleibniz.random.batches=N} runs more (each batch is 40 programs).
 */
class FlowProgramTest {
  private static final int PROGRAMS_PER_BATCH = 40;
  private static final int POINTS_PER_PROGRAM = 3;
  private static final double TOLERANCE = 1e-9;
  /** Helper methods per batch, in every other batch: calls in loops, branches and returns. */
  private static final int HELPERS = 4;

  @Test
  void generatedGradientsMatchTheOracle() {
    int batches = Integer.getInteger("leibniz.random.batches", 6);
    double worst = 0;
    int onePass = 0;
    int replayed = 0;
    int skipped = 0;
    int forwards = 0;
    int outerJumps = 0;
    int switches = 0;
    int streams = 0;
    int checked = 0;
    int hessians = 0;
    for (int batch = 0; batch < batches; batch++) {
      Progress.batch("random programs with control flow", batch, batches);
      var random = new Random(7_000 + batch);
      FlowBatch flows = FlowBatch.generate(batch, random, HELPERS, PROGRAMS_PER_BATCH);
      List<FlowProgram> programs = flows.programs();
      var compiled = Compiled.compileWith(replayEveryOther(batch), flows.source("Flows" + batch));
      onePass += compiled.onePassPullbacks();
      replayed += compiled.replayedLoops();
      skipped += compiled.zeroSkippedLoops();
      forwards += compiled.forwardOrderLoops();
      for (FlowProgram program : programs) {
        outerJumps += program.java().matches("(?s).*(break|continue) L.*") ? 1 : 0;
        switches += program.java().contains("switch (") ? 1 : 0;
        streams += program.java().contains("stream") ? 1 : 0;
        for (int point = 0; point < POINTS_PER_PROGRAM; point++) {
          worst = Math.max(worst, check(compiled, "q.Flows" + batch, program, random));
        }
        if (checked % 8 == 0) {
          hessians++;
          checkHessian(compiled, "q.Flows" + batch, program, random);
        }
        checked++;
      }
    }
    System.out.printf(
        "random programs with control flow: %d checked at %d points each, worst relative error"
            + " %.3g; %d Hessians (%d entries too steep for differences); %d pullbacks in one"
            + " pass; %d loops replayed; %d loops skipped while their adjoints are zero; %d loops'"
            + " adjoints in forward order; %d programs with labeled jumps, %d with switches, %d"
            + " with streams%n",
        checked, POINTS_PER_PROGRAM, worst, hessians, Hessians.inconclusive, onePass, replayed,
        skipped, forwards, outerJumps, switches, streams);
    assertTrue(forwards > 0, "no loop's adjoint ran in forward order");
    assertTrue(outerJumps > 0, "no program jumped by a label");
    assertTrue(switches > 0, "no program switched");
    assertTrue(streams > 0, "no program streamed");
    assertTrue(worst <= TOLERANCE, "worst relative error " + worst);
  }

  /**
   * The Hessian is symmetric, equals central differences of the generated gradient, and times
   * a direction is what {@code mHvp} gives. The differences' step is small enough that no
   * branch of these seeds' programs jumps within it; a kink there would fail the comparison.
   */
  private static void checkHessian(Compiled compiled, String className, FlowProgram program,
      Random random) {
    double[] point = random.doubles(FlowProgram.INPUTS, -1, 1).toArray();
    Object result = compiled.call(className + "Gradients", program.name + "Hessian", point[0],
        point[1], Arrays.copyOfRange(point, 2, 5), 2);
    double[][] hessian = (double[][]) Compiled.components(result).get("hessian");
    String context = program.name + " at " + Arrays.toString(point) + ":\n" + program.java();
    if (!Hessians.assertDifferencesOfGradient(hessian,
        p -> gradient(compiled, className, program, p), point, context)) {
      return;
    }
    double[] v = random.doubles(5, -1, 1).toArray();
    Object hvp = compiled.call(className + "Gradients", program.name + "Hvp", point[0],
        point[1], Arrays.copyOfRange(point, 2, 5), 2, v[0], v[1], Arrays.copyOfRange(v, 2, 5));
    Map<String, Object> product = Compiled.components(hvp);
    double[] hvA = (double[]) product.get("hvA");
    Hessians.assertProduct(hessian, v, new double[] {(double) product.get("hvX0"),
        (double) product.get("hvX1"), hvA[0], hvA[1], hvA[2]}, context);
  }

  private static double[] gradient(Compiled compiled, String className, FlowProgram program,
      double[] p) {
    Map<String, Object> g = Compiled.components(compiled.call(className + "Gradients",
        program.name, p[0], p[1], Arrays.copyOfRange(p, 2, 5), 2));
    double[] dA = (double[]) g.get("dA");
    return new double[] {(double) g.get("dX0"), (double) g.get("dX1"), dA[0], dA[1], dA[2]};
  }

  private static double check(
      Compiled compiled, String className, FlowProgram program, Random random) {
    double[] point = new double[FlowProgram.INPUTS];
    for (int i = 0; i < point.length; i++) {
      point[i] = random.nextDouble() * 2 - 1;
    }
    double[] a = Arrays.copyOfRange(point, 2, 5);
    double[] aBefore = a.clone();
    Dual expected = program.oracle(point);
    Object record = compiled.call(className + "Gradients", program.name,
        point[0], point[1], a, 2);
    Map<String, Object> result = Compiled.components(record);
    assertEquals(Arrays.toString(aBefore), Arrays.toString(a), "input array changed");
    double[] dA = (double[]) result.get("dA");
    double[] actual = {(double) result.get("dX0"), (double) result.get("dX1"), dA[0], dA[1], dA[2]};
    String context = program.name + " at " + Arrays.toString(point) + ":\n" + program.java();
    double value = (double) result.get("value");
    if (Double.isNaN(expected.value())) {
      assertTrue(Double.isNaN(value), "value " + value + ", oracle NaN: " + context);
      return 0;
    }
    assertEquals(expected.value(), value, 1e-12 * Math.max(1, Math.abs(expected.value())),
        context);
    if (!Double.isFinite(expected.value())
        || !Arrays.stream(expected.tangent()).allMatch(Double::isFinite)) {
      // The program overflowed: forward and reverse mode meet 0 · ∞ in different orders.
      return 0;
    }
    double worst = 0;
    for (int i = 0; i < actual.length; i++) {
      double error = FiniteDifferences.relativeError(actual[i], expected.tangent()[i]);
      assertTrue(error <= TOLERANCE, "input " + i + " of " + context + " generated " + actual[i]
          + ", oracle " + expected.tangent()[i]);
      worst = Math.max(worst, error);
    }
    // Forward mode: the pushforward along a direction is the oracle's tangents dotted with it.
    double[] v = random.doubles(FlowProgram.INPUTS, -1, 1).toArray();
    Object pushed = compiled.call(className + "Gradients", program.name + "Pushforward",
        point[0], point[1], Arrays.copyOfRange(point, 2, 5), 2, v[0], v[1],
        Arrays.copyOfRange(v, 2, 5));
    double directional = 0;
    for (int i = 0; i < v.length; i++) {
      directional += expected.tangent()[i] * v[i];
    }
    double tangent = (double) Compiled.components(pushed).get("tangent");
    double error = FiniteDifferences.relativeError(tangent, directional);
    assertTrue(error <= TOLERANCE, "pushforward of " + context + " generated " + tangent
        + ", oracle " + directional);
    return Math.max(worst, error);
  }


  /** Every other batch replays every loop it can, so that the oracle checks that code too. */
  private static List<String> replayEveryOther(int batch) {
    return batch % 2 == 1 ? List.of("-Aleibniz.replay=always") : List.of();
  }
}
