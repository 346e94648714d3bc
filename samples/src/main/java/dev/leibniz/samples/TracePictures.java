package dev.leibniz.samples;

import dev.leibniz.Trace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the traces the README shows: the circuit (x + y) z at (-2, 5, -4) and the sigmoid
 * neuron of the same notes, each as an HTML page and as Graphviz text, into {@code docs/images}
 * (or the directory given).
 */
public final class TracePictures {
  private TracePictures() {}

  public static void main(String[] args) throws IOException {
    Path output = Path.of(args.length > 0 ? args[0] : "docs/images");
    Files.createDirectories(output);
    write(CircuitGradients.fTrace(-2, 5, -4), output, "circuit-trace");
    write(NeuronGradients.outputTrace(2, -1, -3, -2, -3), output, "neuron-trace");
  }

  private static void write(Trace trace, Path output, String name) throws IOException {
    Files.writeString(output.resolve(name + ".html"), trace.toHtml());
    Files.writeString(output.resolve(name + ".dot"), trace.toDot());
    System.out.println("wrote " + output.resolve(name + ".html") + " and .dot");
  }
}
