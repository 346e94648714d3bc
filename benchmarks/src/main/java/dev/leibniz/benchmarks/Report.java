package dev.leibniz.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Turns one JMH run's JSON into the table and the chart of {@code docs/BENCHMARKS.md}: for each
 * function, each variant's time as a ratio to the primal and to the hand-written adjoint, and
 * the bytes each allocates per call.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.leibniz.benchmarks.Report
 * results.json docs} prints the table and writes {@code docs/benchmarks.png}.
 */
public final class Report {
  private static final List<String> VARIANTS =
      List.of("primal", "record", "pullback", "pullbackWorkspace", "handWritten");

  private Report() {}

  /** One benchmark's mean time and allocation per call. */
  record Measure(double nanos, double bytes) {}

  public static void main(String[] args) throws IOException {
    Map<String, Map<String, Measure>> functions = read(Path.of(args[0]));
    System.out.print(table(functions));
    chart(functions, Path.of(args[1]).resolve("benchmarks.png"));
  }

  /** Function → variant → measure, from JMH's JSON, in the order of the run. */
  static Map<String, Map<String, Measure>> read(Path json) throws IOException {
    JsonArray runs = JsonParser.parseString(Files.readString(json)).getAsJsonArray();
    Map<String, Map<String, Measure>> functions = new LinkedHashMap<>();
    for (JsonElement element : runs) {
      JsonObject run = element.getAsJsonObject();
      String[] name = run.get("benchmark").getAsString().split("\\.");
      String type = name[name.length - 2];
      String method = name[name.length - 1];
      if (type.equals("ProcessorBenchmark")) {
        continue;
      }
      String function = type.equals("KernelBenchmarks")
          ? method.replaceAll("(Primal|Record|Pullback|PullbackWorkspace|HandWritten)$", "")
          : type.replace("Benchmark", "");
      String variant = type.equals("KernelBenchmarks")
          ? decapitalize(method.substring(function.length()))
          : method;
      double nanos = run.getAsJsonObject("primaryMetric").get("score").getAsDouble();
      JsonObject secondary = run.getAsJsonObject("secondaryMetrics");
      double bytes = secondary != null && secondary.has("gc.alloc.rate.norm")
          ? secondary.getAsJsonObject("gc.alloc.rate.norm").get("score").getAsDouble()
          : Double.NaN;
      functions.computeIfAbsent(function, f -> new LinkedHashMap<>())
          .put(variant, new Measure(nanos, bytes));
    }
    // Benchmarks of other questions (second order, records and float) have tables of their own.
    functions.values().removeIf(variants -> !variants.containsKey("primal")
        || !variants.containsKey("pullbackWorkspace"));
    return functions;
  }

  private static String decapitalize(String s) {
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  /** The Markdown table of ratios and allocations. */
  static String table(Map<String, Map<String, Measure>> functions) {
    var out = new StringBuilder()
        .append("| function | primal | pullback / primal | pullback (workspace) / primal |")
        .append(" pullback (workspace) / hand-written | record API / primal |")
        .append(" B/op: primal, pullback, with workspace |\n")
        .append("|---|---|---|---|---|---|---|\n");
    functions.forEach((function, variants) -> {
      Measure primal = variants.get("primal");
      Measure pullback = variants.get("pullback");
      Measure workspace = variants.get("pullbackWorkspace");
      Measure hand = variants.get("handWritten");
      Measure record = variants.get("record");
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s, %s, %s |%n",
          function, time(primal.nanos()), ratio(pullback, primal), ratio(workspace, primal),
          ratio(workspace, hand), ratio(record, primal), bytes(primal), bytes(pullback),
          bytes(workspace)));
    });
    return out.toString();
  }

  private static String time(double nanos) {
    return nanos < 1_000 ? String.format(Locale.ROOT, "%.0f ns", nanos)
        : String.format(Locale.ROOT, "%.1f µs", nanos / 1_000);
  }

  /** {@code a}'s time over {@code b}'s, or a dash where a benchmark has no such variant. */
  private static String ratio(Measure a, Measure b) {
    return a == null || b == null ? "—"
        : String.format(Locale.ROOT, "%.2f", a.nanos() / b.nanos());
  }

  private static String bytes(Measure m) {
    return m == null || Double.isNaN(m.bytes()) ? "?"
        : String.format(Locale.ROOT, "%.0f", m.bytes());
  }

  /** A bar chart of every variant's time relative to the primal, one group per function. */
  static void chart(Map<String, Map<String, Measure>> functions, Path png) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(1100).height(520)
        .title("Time per call relative to the primal (one JMH run)")
        .xAxisTitle("function").yAxisTitle("time / primal time").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setYAxisDecimalPattern("0.0");
    // Twenty names side by side run together: they stand at an angle.
    chart.getStyler().setXAxisLabelRotation(45);
    var names = new ArrayList<>(functions.keySet());
    for (String variant : VARIANTS.subList(1, VARIANTS.size())) {
      var ratios = new ArrayList<Double>();
      for (String function : names) {
        Map<String, Measure> variants = functions.get(function);
        Measure measure = variants.get(variant);
        ratios.add(measure == null ? 0 : measure.nanos() / variants.get("primal").nanos());
      }
      chart.addSeries(variant, names, ratios);
    }
    Files.createDirectories(png.getParent());
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
