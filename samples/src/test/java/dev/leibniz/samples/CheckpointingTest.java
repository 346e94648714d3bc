package dev.leibniz.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.Workspace;
import dev.leibniz.check.FiniteDifferences;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The heat equation's gradient within a budget: over 10⁴ steps, bit for bit the gradient
 * without one while the workspace holds a fraction of what it would, running the fewest steps
 * again that revolve's formula allows with the snapshots it had; over 10⁶ steps, whose
 * gradient would keep 800 MB, in a JVM of 64 MB heap, equal to central differences of the
 * simulation.
 */
class CheckpointingTest {
  private static final double[] INITIAL = HeatEquation.initial(102);
  private static final double[] TARGET = HeatEquation.target(102);

  @Test
  void withinABudgetTheGradientIsBitForBitTheSame() {
    int steps = 10_000;
    double[] free = new double[2];
    var unbounded = new Workspace(Long.MAX_VALUE - 1);
    HeatEquationGradients.mismatchPullback(0.2, 1e-6, INITIAL, TARGET, steps, 1.0, free,
        new double[102], new double[102], unbounded);
    for (long budget : new long[] {40_000, 200_000, 1_000_000}) {
      Checkpointing.Measured m = Checkpointing.gradient(steps, budget, INITIAL, TARGET);
      assertEquals(Double.doubleToRawLongBits(free[0]), Double.doubleToRawLongBits(m.dKappa()));
      assertEquals(Double.doubleToRawLongBits(free[1]), Double.doubleToRawLongBits(m.dSource()));
      assertTrue(m.peakBytes() <= budget, "peak " + m.peakBytes() + " over " + budget);
      assertTrue(m.snapshots() > 1, "no snapshots under " + budget);
      // The steps run again are the fewest revolve's formula allows with those snapshots.
      assertEquals(Checkpointing.fewestRunAgain(steps, m.snapshots()), m.recomputed(),
          m.snapshots() + " snapshots under " + budget);
    }
    assertTrue(unbounded.peakBytes() > 8L * 100 * steps, "peak " + unbounded.peakBytes());
  }

  @Test
  void aBudgetTooSmallForOneSnapshotSaysHowMuchItNeeds() {
    var refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> Checkpointing.gradient(100, 1_000, INITIAL, TARGET));
    assertTrue(refused.getMessage().matches("a Workspace budget of 1000 bytes is too small: .*"
        + "give it at least \\d+ bytes"), refused.getMessage());
  }

  @Test
  void aMillionStepsInSixtyFourMegabytesMatchFiniteDifferences() throws Exception {
    int steps = 1_000_000;
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        Checkpointing.OneGradient.class.getName(), Integer.toString(steps),
        Long.toString(8L << 20)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), output);
    String[] parts = output.trim().split(" ");
    double dKappa = Double.longBitsToDouble(Long.parseLong(parts[0]));
    double dSource = Double.longBitsToDouble(Long.parseLong(parts[1]));
    assertTrue(Long.parseLong(parts[2]) <= 8L << 20, "peak " + parts[2]);
    double numericKappa = FiniteDifferences.derivative(
        k -> HeatEquation.mismatch(k, 1e-6, INITIAL, TARGET, steps), 0.2);
    double numericSource = FiniteDifferences.derivative(
        q -> HeatEquation.mismatch(0.2, q, INITIAL, TARGET, steps), 1e-6);
    assertTrue(FiniteDifferences.relativeError(dKappa, numericKappa) < 1e-6,
        dKappa + ", differences " + numericKappa);
    assertTrue(FiniteDifferences.relativeError(dSource, numericSource) < 1e-6,
        dSource + ", differences " + numericSource);
  }
}
