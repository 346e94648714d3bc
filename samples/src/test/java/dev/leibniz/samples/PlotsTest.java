package dev.leibniz.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** The demo's plots have titles, labelled axes, a legend, and the loss on a log scale. */
class PlotsTest {
  @Test
  void lossCurveIsLabelledAndLogarithmic(@TempDir Path dir) throws IOException {
    XYChart chart = Plots.lossChart(List.of(0.7, 0.2, 0.05, 0.01));
    assertTrue(chart.getStyler().isYAxisLogarithmic());
    assertFalse(chart.getTitle().isEmpty());
    assertEquals("epoch", chart.getXAxisTitle());
    assertTrue(chart.getYAxisTitle().contains("loss"));
    assertTrue(chart.getStyler().isLegendVisible());
    assertIsPng(Plots.write(chart, dir.resolve("loss.png")));
  }

  @Test
  void theEpochAxisEndsOnARoundNumberPastTheLastEpoch() {
    assertEquals(300, Plots.roundUp(251));
    assertEquals(1500, Plots.roundUp(1001));
    assertEquals(10, Plots.roundUp(9));
    XYChart chart = Plots.lossChart(Collections.nCopies(250, 0.5));
    assertEquals(0.0, chart.getStyler().getXAxisMin());
    assertEquals(300.0, chart.getStyler().getXAxisMax());
    assertEquals("#", chart.getStyler().getXAxisDecimalPattern());
  }

  @Test
  void theShadingFillsThePlotWithoutGaps(@TempDir Path dir) throws IOException {
    TwoMoons data = TwoMoons.generate(40, 0.1, 3);
    Path file = Plots.write(Plots.boundaryChart(new Network(5, 4), data),
        dir.resolve("boundary.png"));
    BufferedImage image = ImageIO.read(Files.newInputStream(file));
    // Inside the plot's frame every pixel is shading or a point: none is the white behind.
    int white = 0;
    for (int x = 90; x < 560; x++) {
      for (int y = 50; y < 470; y++) {
        white += (image.getRGB(x, y) & 0xffffff) == 0xffffff ? 1 : 0;
      }
    }
    assertEquals(0, white);
  }

  @Test
  void decisionBoundaryShowsRegionsAndClasses(@TempDir Path dir) throws IOException {
    TwoMoons data = TwoMoons.generate(40, 0.1, 3);
    XYChart chart = Plots.boundaryChart(new Network(5, 4), data);
    assertTrue(chart.getSeriesMap().containsKey("class 0"));
    assertTrue(chart.getSeriesMap().containsKey("class 1"));
    assertEquals("x₁", chart.getXAxisTitle());
    assertIsPng(Plots.write(chart, dir.resolve("boundary.png")));
  }

  private static void assertIsPng(Path file) throws IOException {
    var image = ImageIO.read(Files.newInputStream(file));
    assertEquals(720, image.getWidth());
    assertEquals(540, image.getHeight());
  }
}
