package dev.leibniz.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The size of each generated companion against the {@code @Differentiable} methods it is
 * generated from, for the table in {@code docs/BENCHMARKS.md}: lines of the methods (annotation
 * to closing brace), lines of the companion, and companion lines per method line.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.leibniz.benchmarks.CompanionSizes
 * samples/src/main/java/dev/leibniz/samples
 * samples/target/generated-sources/annotations/dev/leibniz/samples}
 */
public final class CompanionSizes {
  private CompanionSizes() {}

  public static void main(String[] args) throws IOException {
    Path sources = Path.of(args[0]);
    Path generated = Path.of(args[1]);
    System.out.println("| class | lines of its differentiable methods | lines of its companion"
        + " | companion lines per method line |");
    System.out.println("|---|---|---|---|");
    try (Stream<Path> files = Files.list(sources)) {
      for (Path source : files.sorted().toList()) {
        String name = source.getFileName().toString().replace(".java", "");
        Path companion = generated.resolve(name + "Gradients.java");
        if (!Files.exists(companion)) {
          continue;
        }
        int methods = differentiableLines(Files.readAllLines(source));
        int lines = Files.readAllLines(companion).size();
        System.out.printf("| `%s` | %d | %d | %.1f |%n", name, methods, lines,
            (double) lines / methods);
      }
    }
  }

  /** Lines from each {@code @Differentiable} to the closing brace of the method it marks. */
  static int differentiableLines(List<String> lines) {
    int total = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).trim().startsWith("@Differentiable")) {
        continue;
      }
      int depth = 0;
      boolean opened = false;
      int j = i;
      for (; j < lines.size() && !(opened && depth == 0); j++) {
        for (char c : lines.get(j).toCharArray()) {
          depth += c == '{' ? 1 : c == '}' ? -1 : 0;
          opened |= c == '{';
        }
      }
      total += j - i;
      i = j - 1;
    }
    return total;
  }
}
