package dev.leibniz.samples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Draws the demo's pictures with the JDK alone: a loss curve, and a decision boundary. */
final class Plots {
  private static final int SIZE = 480;
  private static final int MARGIN = 40;

  private Plots() {}

  /** The loss per epoch as a line, on axes from 0 to the largest loss. */
  static Path lossCurve(List<Double> losses, Path file) throws IOException {
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(image);
    double max = losses.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    int width = SIZE - 2 * MARGIN;
    g.setColor(Color.GRAY);
    g.drawLine(MARGIN, SIZE - MARGIN, SIZE - MARGIN, SIZE - MARGIN);
    g.drawLine(MARGIN, MARGIN, MARGIN, SIZE - MARGIN);
    g.drawString("loss per epoch (max " + String.format("%.3f", max) + ")", MARGIN, MARGIN - 12);
    g.setColor(new Color(0x1f77b4));
    g.setStroke(new BasicStroke(2f));
    for (int i = 1; i < losses.size(); i++) {
      int x0 = MARGIN + (i - 1) * width / Math.max(1, losses.size() - 1);
      int x1 = MARGIN + i * width / Math.max(1, losses.size() - 1);
      g.drawLine(x0, y(losses.get(i - 1), max), x1, y(losses.get(i), max));
    }
    return write(image, file);
  }

  /** The network's probability of class 1 as shading, with the data points on top. */
  static Path decisionBoundary(Network network, TwoMoons data, Path file) throws IOException {
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(image);
    for (int px = 0; px < SIZE; px++) {
      for (int py = 0; py < SIZE; py++) {
        double p = network.probability(worldX(px), worldY(py));
        int red = (int) (255 - 90 * p);
        int blue = (int) (165 + 90 * p);
        image.setRGB(px, py, new Color(red, 200, blue).getRGB());
      }
    }
    for (int n = 0; n < data.points.length; n++) {
      int px = (int) ((data.points[n][0] + 1.5) / 4.0 * SIZE);
      int py = (int) ((1.75 - data.points[n][1]) / 3.0 * SIZE);
      g.setColor(data.labels[n] > 0.5 ? new Color(0x08306b) : new Color(0x7f0000));
      g.fillOval(px - 3, py - 3, 6, 6);
    }
    return write(image, file);
  }

  private static double worldX(int px) {
    return -1.5 + 4.0 * px / SIZE;
  }

  private static double worldY(int py) {
    return 1.75 - 3.0 * py / SIZE;
  }

  private static int y(double loss, double max) {
    return SIZE - MARGIN - (int) (loss / max * (SIZE - 2 * MARGIN));
  }

  private static Graphics2D canvas(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    return g;
  }

  private static Path write(BufferedImage image, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
    return file.toAbsolutePath();
  }
}
