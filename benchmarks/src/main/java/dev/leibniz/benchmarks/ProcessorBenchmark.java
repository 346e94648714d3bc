package dev.leibniz.benchmarks;

import dev.leibniz.processor.DifferentiableProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The processor's own cost: javac compiling a class of {@value #METHODS} differentiable
 * methods (loops, branches, arrays, calls) with Leibniz and without it. The difference divided
 * by {@value #METHODS} is the cost of differentiating one method, generated code included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProcessorBenchmark {
  static final int METHODS = 20;

  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private Path directory;
  private Path source;

  @Setup(Level.Trial)
  public void writeSource() throws IOException {
    directory = Files.createTempDirectory("leibniz-processor-benchmark");
    source = directory.resolve("Model.java");
    var text = new StringBuilder("package bench;\nimport dev.leibniz.Differentiable;\n")
        .append("public class Model {\n");
    for (int m = 0; m < METHODS; m++) {
      text.append("  @Differentiable static double f").append(m)
          .append("(double[] x, double w, int n) {\n")
          .append("    double s = 0;\n")
          .append("    for (int i = 0; i < x.length; i++) {\n")
          .append("      double t = Math.sin(w * x[i]) + x[i] * x[i];\n")
          .append("      if (t > 0) { s += Math.exp(-t) * w; } else { s -= t * t; }\n")
          .append("    }\n")
          .append(m > 0 ? "    s += f" + (m - 1) + "(x, s * 0.5, n);\n" : "")
          .append("    return Math.log1p(s * s) + w / (1 + n);\n  }\n");
    }
    Files.writeString(source, text.append("}\n"));
  }

  @TearDown(Level.Trial)
  public void deleteSource() throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  @Benchmark
  public boolean compileWithLeibniz() {
    return compile(true);
  }

  @Benchmark
  public boolean compileWithoutLeibniz() {
    return compile(false);
  }

  private boolean compile(boolean leibniz) {
    try {
      Path out = Files.createDirectories(directory.resolve(leibniz ? "with" : "without"));
      var options = List.of("-d", out.toString(), "-s", out.toString(),
          "-classpath", System.getProperty("java.class.path"), leibniz ? "-Xlint:none" : "-proc:none");
      var files = javac.getStandardFileManager(null, null, null).getJavaFileObjects(source);
      JavaCompiler.CompilationTask task = javac.getTask(null, null, null, options, null, files);
      if (leibniz) {
        task.setProcessors(List.of(new DifferentiableProcessor()));
      }
      return task.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
