package dev.leibniz.samples;

import dev.leibniz.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The gradient of a long simulation within a fixed memory budget: the heat equation over 10⁶
 * steps ({@link HeatEquation}), whose gradient would keep 800 MB, taken with respect to the
 * conductivity and the source under budgets from 1 MB up. Prints, and draws with XChart, the
 * time each gradient took relative to one run of the simulation, the most the workspace held,
 * and how many steps the backward sweep ran again, against the fewest that revolve's formula
 * allows with as many snapshots: the fewer snapshots the budget holds, the more often binomial
 * checkpointing runs a step again, yet every gradient is bit for bit the same.
 */
public final class Checkpointing {
  private static final int POINTS = 102;

  private Checkpointing() {}

  /** One gradient under one budget: what it cost and what it gave. */
  record Measured(long budget, double seconds, long peakBytes, long recomputed, int snapshots,
      double dKappa, double dSource) {}

  /**
   * Revolve's fewest steps run again to reverse {@code steps} steps with {@code snapshots}
   * snapshots (the first's included): r·n − C(s + r, s + 1), r the least with C(s + r, s) ≥ n.
   */
  static long fewestRunAgain(int steps, int snapshots) {
    int r = 0;
    while (binomial(snapshots + r, snapshots) < steps) {
      r++;
    }
    return (long) r * steps - binomial(snapshots + r, snapshots + 1);
  }

  /** C(n, k), exactly while it fits a long; the binomials here stay far below that. */
  private static long binomial(int n, int k) {
    if (k < 0 || k > n) {
      return 0;
    }
    long value = 1;
    for (int j = 1; j <= Math.min(k, n - k); j++) {
      value = value * (n - Math.min(k, n - k) + j) / j;
    }
    return value;
  }

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    double[] initial = HeatEquation.initial(POINTS);
    double[] target = HeatEquation.target(POINTS);
    long start = System.nanoTime();
    HeatEquation.mismatch(0.2, 1e-6, initial, target, steps);
    double primal = (System.nanoTime() - start) / 1e9;
    System.out.printf("heat equation, %d points, %d steps: one run takes %.2f s; saving every"
        + " value it overwrites would keep %d MB%n", POINTS, steps, primal,
        8L * (POINTS - 2) * steps >> 20);
    var measured = new ArrayList<Measured>();
    for (long megabytes : new long[] {1, 2, 4, 8, 16, 32}) {
      Measured m = gradient(steps, megabytes << 20, initial, target);
      measured.add(m);
      System.out.printf("budget %2d MB: %5.2f runs' time, peak %6.2f MB, %,6d snapshots, %,11d"
          + " steps run again (revolve's fewest %,11d), dκ = %.17g, dq = %.17g%n", megabytes,
          m.seconds() / primal, m.peakBytes() / 1048576.0, m.snapshots(), m.recomputed(),
          fewestRunAgain(steps, m.snapshots()), m.dKappa(), m.dSource());
    }
    Path output = Path.of(args.length > 0 ? args[0] : "target/leibniz-demo");
    System.out.println("chart: " + Plots.write(chart(measured, primal, steps),
        output.resolve("checkpointing.png")));
  }

  /**
   * Prints one gradient's κ and q components as exact bits, and the peak bytes: {@code steps}
   * and {@code budget} in bytes as the arguments. Run in a JVM of small heap, it shows that the
   * budget, not the simulation's length, bounds the memory.
   */
  public static final class OneGradient {
    private OneGradient() {}

    public static void main(String[] args) {
      int steps = Integer.parseInt(args[0]);
      Measured m = gradient(steps, Long.parseLong(args[1]), HeatEquation.initial(POINTS),
          HeatEquation.target(POINTS));
      System.out.println(Double.doubleToRawLongBits(m.dKappa()) + " "
          + Double.doubleToRawLongBits(m.dSource()) + " " + m.peakBytes());
    }
  }

  /** The gradient with respect to κ and q under {@code budget} bytes. */
  static Measured gradient(int steps, long budget, double[] initial, double[] target) {
    var workspace = new Workspace(budget);
    double[] dScalars = new double[2];
    long start = System.nanoTime();
    HeatEquationGradients.mismatchPullback(0.2, 1e-6, initial, target, steps, 1.0, dScalars,
        new double[initial.length], new double[target.length], workspace);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Measured(budget, seconds, workspace.peakBytes(), workspace.recomputedSteps(),
        workspace.mostSnapshots(), dScalars[0], dScalars[1]);
  }

  private static XYChart chart(List<Measured> measured, double primal, int steps) {
    XYChart chart = new XYChartBuilder().width(720).height(600)
        .title("Gradient of 10⁶ heat-equation steps within a budget")
        .xAxisTitle("budget (MB, log scale)").yAxisTitle("ratio, or MB (log scale)").build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    List<Double> budgets = measured.stream().map(m -> m.budget() / 1048576.0).toList();
    chart.addSeries("time / one run of the simulation", budgets,
        measured.stream().map(m -> m.seconds() / primal).toList());
    chart.addSeries("peak bytes held (MB)", budgets,
        measured.stream().map(m -> m.peakBytes() / 1048576.0).toList());
    chart.addSeries("steps run again / steps", budgets,
        measured.stream().map(m -> (double) m.recomputed() / steps).toList());
    chart.addSeries("revolve's fewest / steps", budgets, measured.stream()
        .map(m -> (double) fewestRunAgain(steps, m.snapshots()) / steps).toList());
    return chart;
  }
}
