package dev.leibniz.consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leibniz.Differentiable;
import dev.leibniz.processor.DifferentiableProcessor;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The processor jar is all javac needs on the processor path: JavaPoet is inside it, and the
 * processor reads Leibniz's annotations without loading their classes. Runs against the
 * packaged jar, so in {@code mvn verify}, not in {@code mvn test}.
 */
class ProcessorJarTest {
  @Test
  void processorPathOfTheProcessorJarAlone() throws IOException, URISyntaxException {
    Path processorJar = location(DifferentiableProcessor.class);
    assumeTrue(processorJar.toString().endsWith(".jar"), "the processor is packaged");
    Path work = Files.createTempDirectory("leibniz-processor-jar");
    Path source = work.resolve("Model.java");
    Files.writeString(source, """
        import dev.leibniz.Differentiable;
        public class Model {
          @Differentiable static double f(double x) { return Math.sin(x) * x; }
        }
        """);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    var output = new StringWriter();
    var options = List.of("-d", work.toString(), "-s", work.toString(),
        "-classpath", location(Differentiable.class).toString(),
        "-processorpath", processorJar.toString(), "-Xlint:all", "-Werror");
    boolean compiled = javac.getTask(output, null, null, options, null,
        javac.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call();
    assertTrue(compiled, output.toString());
    assertTrue(Files.exists(work.resolve("ModelGradients.java")), "the companion is written");
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
