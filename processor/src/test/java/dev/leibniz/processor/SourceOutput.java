package dev.leibniz.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/**
 * Test support: runs javac with the processor into real directories and lists the sources it
 * wrote. Unlike compile-testing, it shows what was generated even when compilation fails.
 */
final class SourceOutput {
  private SourceOutput() {}

  static List<String> generatedBy(JavaFileObject source) {
    try {
      Path out = Files.createTempDirectory("leibniz-out");
      Path generated = Files.createDirectories(out.resolve("generated"));
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      var options =
          List.of("-d", out.toString(), "-s", generated.toString(),
              "-classpath", System.getProperty("java.class.path"));
      JavaCompiler.CompilationTask task =
          javac.getTask(null, null, diagnostic -> {}, options, null, List.of(source));
      task.setProcessors(List.of(new DifferentiableProcessor()));
      task.call();
      try (Stream<Path> files = Files.walk(generated)) {
        return files
            .filter(f -> f.toString().endsWith(".java"))
            .map(f -> f.getFileName().toString())
            .sorted()
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
