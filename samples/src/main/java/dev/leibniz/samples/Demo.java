package dev.leibniz.samples;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Trains a three-layer network on the two-moons set using only gradients Leibniz generated:
 * checks the gradient against finite differences, trains with SGD while reporting progress, and
 * draws the loss curve and the decision boundary.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    long start = System.nanoTime();
    TwoMoons data = TwoMoons.generate(400, 0.12, 42);
    var network = new Network(16, 7);
    var trainer = new Trainer(network, data);
    System.out.printf("gradient check: largest relative error against finite differences %.2e%n",
        trainer.gradientCheck());
    trainer.train(250, 16, 0.2, 3);
    Path output = Path.of(args.length > 0 ? args[0] : "target/leibniz-demo");
    Path loss = Plots.write(Plots.lossChart(trainer.lossPerEpoch), output.resolve("loss.png"));
    Path boundary = Plots.write(Plots.boundaryChart(network, data),
        output.resolve("decision-boundary.png"));
    System.out.printf("final accuracy %.1f%%, trained in %.1f s%n",
        100 * trainer.accuracy(), (System.nanoTime() - start) / 1e9);
    System.out.println("loss curve:        " + loss);
    System.out.println("decision boundary: " + boundary);
  }
}
