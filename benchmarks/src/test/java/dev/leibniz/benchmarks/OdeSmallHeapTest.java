package dev.leibniz.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.Workspace;
import dev.leibniz.check.FiniteDifferences;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * GradBench's ODE at its largest size, n = 10,000 variables and 100 RK4 steps, differentiated in
 * a JVM of 64 MB of heap: its replayed steps keep one state per step (8 MB) where saving every
 * stage kept four times as much (a heap of 16 MB is too small for it). The gradient there is the
 * one computed here, every component bit for bit, and matches differences of the method itself.
 * At this size the result, y(2)'s last element, is exactly zero whatever x is (each RK4 step
 * carries the chain four elements further, 400 in all), and so is its gradient: the test is of
 * the memory the sweeps keep, the gradients of this problem of other sizes are checked by
 * {@code GradBenchTest}.
 */
class OdeSmallHeapTest {
  private static final int N = 10_000;
  private static final int STEPS = 100;
  private static final int[] CHECKED = {0, 1, 2, N - 2, N - 1};

  /** Run in the small JVM: prints the checked components of the gradient, one per line. */
  public static void main(String[] args) {
    double[] dX = gradient(point());
    System.out.println(Arrays.hashCode(dX));
    for (int i : CHECKED) {
      System.out.println(Double.doubleToRawLongBits(dX[i]));
    }
  }

  @Test
  void theLargestOdeRunsInSixtyFourMegabytes() throws IOException, InterruptedException {
    Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(launcher.toString(), "-Xmx64m", "-cp",
        System.getProperty("java.class.path"), OdeSmallHeapTest.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, child.waitFor(), output);
    List<String> lines = output.lines().toList();
    double[] x = point();
    double[] here = gradient(x);
    assertEquals(String.valueOf(Arrays.hashCode(here)), lines.get(0), "every component");
    for (int k = 0; k < CHECKED.length; k++) {
      int i = CHECKED[k];
      assertEquals(here[i], Double.longBitsToDouble(Long.parseLong(lines.get(k + 1))), 0.0,
          "component " + i + " in 64 MB");
      double numeric = FiniteDifferences.derivative(t -> {
        double[] moved = x.clone();
        moved[i] = t;
        return GradBench.ode(moved, STEPS);
      }, x[i]);
      assertEquals(numeric, here[i], 1e-7 * Math.max(1, Math.abs(numeric)), "component " + i);
    }
  }

  private static double[] point() {
    return new Random(35).doubles(N, 0.5, 1.5).toArray();
  }

  private static double[] gradient(double[] x) {
    double[] dX = new double[N];
    GradBenchGradients.odePullback(x, STEPS, 1.0, dX, new Workspace());
    return dX;
  }
}
