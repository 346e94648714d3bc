package dev.leibniz.processor.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.Workspace;
import dev.leibniz.processor.Compiled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomly generated programs with loops, branches, calls and arrays, their pullbacks run under
 * random budgets: each gradient is bit for bit the one without a budget, the workspace never
 * held more than its budget, and a budget too small for a loop's snapshot and one iteration is
 * an {@code IllegalStateException} that says so. Every other batch replays the loops it can,
 * and calls helpers whose own loops checkpoint inside the caller's iterations.
 * {@code -Dleibniz.random.batches=N} runs more.
 */
class BudgetProgramTest {
  private static final int PROGRAMS_PER_BATCH = 30;

  @Test
  void gradientsUnderRandomBudgetsAreBitForBitTheSame() {
    int batches = Math.max(2, Integer.getInteger("leibniz.random.batches", 6) / 3);
    int runs = 0;
    int refused = 0;
    int reduced = 0;
    int checkedPrograms = 0;
    for (int batch = 0; batch < batches; batch++) {
      Progress.batch("random programs under budgets", batch, batches);
      var random = new Random(9_100 + batch);
      FlowBatch flows = FlowBatch.generate(batch, random, 3, PROGRAMS_PER_BATCH);
      var compiled = Compiled.compileWith(batch % 2 == 1 ? List.of("-Aleibniz.replay=always")
          : List.of(), flows.source("Budgets" + batch));
      for (FlowProgram program : flows.programs()) {
        checkedPrograms++;
        double[] point = random.doubles(FlowProgram.INPUTS, -1, 1).toArray();
        String companion = "q.Budgets" + batch + "Gradients";
        String context = program.name + " at " + Arrays.toString(point) + ":\n" + program.java()
            + flows.helpersSource();
        Run free = run(compiled, companion, program, point, new Workspace());
        Run whole = run(compiled, companion, program, point, new Workspace(Long.MAX_VALUE - 1));
        assertEquals(free.bits(), whole.bits(), "a budget that holds everything: " + context);
        if (whole.peak() == 0) {
          continue; // no loop to checkpoint: nothing notes what the workspace holds
        }
        long least = leastBudget(compiled, companion, program, point, whole.peak());
        reduced += least < whole.peak() ? 1 : 0;
        for (int trial = 0; trial < 3; trial++) {
          long budget = Math.max(1, least + (long) (random.nextDouble() * (whole.peak() - least)));
          Run tight = runOrRefuse(compiled, companion, program, point, budget);
          runs++;
          if (tight == null) {
            refused++;
            continue;
          }
          assertEquals(free.bits(), tight.bits(), "budget " + budget + ": " + context);
          assertTrue(tight.peak() <= budget, "peak " + tight.peak() + " over the budget "
              + budget + ": " + context);
        }
      }
    }
    System.out.printf("random programs under budgets: %d runs bit for bit the same, %d budgets"
        + " above the least refused (a loop recorded leaves too little for a later one's"
        + " snapshot); %d of %d programs ran within less than they hold without"
        + " checkpointing%n", runs - refused, refused, reduced, checkedPrograms);
    assertTrue(reduced > checkedPrograms / 4, "few programs checkpointed: " + reduced);
    assertTrue(refused <= runs / 10, "refused " + refused + " of " + runs);
  }

  /**
   * The least budget the gradient runs within, found by bisection between what a refused
   * budget asks for and what it holds without checkpointing; every budget tried gives the same
   * bits or is refused as too small.
   */
  private static long leastBudget(Compiled compiled, String companion, FlowProgram program,
      double[] point, long whole) {
    long low = 0;
    long high = whole;
    while (high - low > Math.max(8, whole / 64)) {
      long middle = (low + high) / 2;
      if (runOrRefuse(compiled, companion, program, point, Math.max(1, middle)) == null) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return high;
  }

  /** The run under {@code budget}, or null if it is refused as too small. */
  private static Run runOrRefuse(Compiled compiled, String companion, FlowProgram program,
      double[] point, long budget) {
    try {
      return run(compiled, companion, program, point, new Workspace(budget));
    } catch (AssertionError e) {
      Throwable cause = e.getCause() == null ? null : e.getCause().getCause();
      if (!(cause instanceof IllegalStateException refusal)
          || !refusal.getMessage().contains("is too small")) {
        throw e;
      }
      return null;
    }
  }

  /** A pullback's value and gradient as bits, and the most its workspace held. */
  private record Run(List<Long> bits, long peak) {}

  private static Run run(Compiled compiled, String companion, FlowProgram program,
      double[] point, Workspace workspace) {
    double[] a = Arrays.copyOfRange(point, 2, 5);
    double[] dScalars = new double[2];
    double[] dA = new double[3];
    double value = (double) compiled.call(companion, program.name + "Pullback", point[0],
        point[1], a, 2, 1.0, dScalars, dA, workspace);
    assertTrue(workspace.isEmpty(), "the workspace is left as it was found");
    var bits = new ArrayList<Long>();
    bits.add(Double.doubleToLongBits(value));
    Arrays.stream(dScalars).forEach(d -> bits.add(Double.doubleToLongBits(d)));
    Arrays.stream(dA).forEach(d -> bits.add(Double.doubleToLongBits(d)));
    return new Run(bits, workspace.peakBytes());
  }

}
