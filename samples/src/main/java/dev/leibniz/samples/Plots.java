package dev.leibniz.samples;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The demo's pictures, drawn with XChart: the loss curve and the decision boundary. */
final class Plots {
  private static final int WIDTH = 720;
  private static final int HEIGHT = 540;
  /** Grid cells per axis for the shading of the decision boundary. */
  private static final int CELLS = 90;
  /** The square drawn at each grid point, in pixels: more than a cell, so that none shows. */
  private static final int SHADE_MARKER = 9;
  private static final double X_MIN = -1.5;
  private static final double X_RANGE = 4.0;
  private static final double Y_MIN = -1.25;
  private static final double Y_RANGE = 3.0;

  private Plots() {}

  /** The mean loss per epoch, on a logarithmic axis: it falls by orders of magnitude. */
  static XYChart lossChart(List<Double> losses) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Training loss, two moons, 2-16-16-1 network")
        .xAxisTitle("epoch").yAxisTitle("mean logistic loss (log scale)").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setMarkerSize(0);
    // XChart puts the ticks of equally spaced x values on data points a whole number of points
    // apart (1, 12, 23, …). The axis ends at a round number past the last epoch, and a point
    // there that is not drawn makes the values unequally spaced: the ticks fall on round numbers.
    double end = roundUp(losses.size() + 1);
    chart.getStyler().setXAxisDecimalPattern("#");
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisMax(end);
    List<Double> epochs = IntStream.rangeClosed(1, losses.size()).asDoubleStream().boxed()
        .toList();
    XYSeries axisEnd = chart.addSeries("axis end", List.of(end), List.of(losses.get(0)));
    axisEnd.setShowInLegend(false);
    axisEnd.setMarker(SeriesMarkers.NONE);
    axisEnd.setLineColor(new Color(0, 0, 0, 0));
    chart.addSeries("loss", epochs, losses).setLineColor(new Color(0x1f, 0x4e, 0xd8));
    return chart;
  }

  /** {@code n} rounded up to a multiple of half its power of ten, at least 5: 251 → 300, 9 → 10. */
  static double roundUp(int n) {
    double step = Math.max(5, Math.pow(10, Math.floor(Math.log10(Math.max(n, 1)))) / 2);
    return Math.ceil(n / step) * step;
  }

  /** The network's predicted class over the plane as shading, with the data points on top. */
  static XYChart boundaryChart(Network network, TwoMoons data) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Decision boundary after training")
        .xAxisTitle("x₁").yAxisTitle("x₂").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    // The shading is a grid of squares a little larger than its cells, so that they overlap
    // and leave no gaps, over exactly the axes' range.
    chart.getStyler().setMarkerSize(SHADE_MARKER);
    chart.getStyler().setPlotContentSize(1.0);
    chart.getStyler().setXAxisMin(X_MIN);
    chart.getStyler().setXAxisMax(X_MIN + X_RANGE);
    chart.getStyler().setYAxisMin(Y_MIN);
    chart.getStyler().setYAxisMax(Y_MIN + Y_RANGE);
    var region0 = new Points();
    var region1 = new Points();
    for (int i = 0; i <= CELLS; i++) {
      for (int j = 0; j <= CELLS; j++) {
        double x = X_MIN + X_RANGE * i / CELLS;
        double y = Y_MIN + Y_RANGE * j / CELLS;
        (network.probability(x, y) > 0.5 ? region1 : region0).add(x, y);
      }
    }
    var class0 = new Points();
    var class1 = new Points();
    for (int n = 0; n < data.points.length; n++) {
      (data.labels[n] > 0.5 ? class1 : class0).add(data.points[n][0], data.points[n][1]);
    }
    add(chart, "predicted 0", region0, new Color(0xf4, 0xd6, 0xd6), SeriesMarkers.SQUARE);
    add(chart, "predicted 1", region1, new Color(0xd6, 0xe2, 0xf4), SeriesMarkers.SQUARE);
    add(chart, "class 0", class0, new Color(0x7f0000), SeriesMarkers.CIRCLE);
    add(chart, "class 1", class1, new Color(0x08306b), SeriesMarkers.CIRCLE);
    return chart;
  }

  /** Writes {@code chart} as a PNG; returns the absolute path. */
  static Path write(XYChart chart, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    return file.toAbsolutePath();
  }

  private static void add(XYChart chart, String name, Points points, Color color,
      Marker marker) {
    if (points.xs.isEmpty()) {
      return;
    }
    XYSeries series = chart.addSeries(name, points.xs, points.ys);
    series.setMarkerColor(color);
    series.setMarker(marker);
  }

  /** Coordinates gathered for one series. */
  private static final class Points {
    final List<Double> xs = new ArrayList<>();
    final List<Double> ys = new ArrayList<>();

    void add(double x, double y) {
      xs.add(x);
      ys.add(y);
    }
  }
}
