package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processor path without what the processor needs (here its own classes without JavaPoet, as
 * when the unshaded classes are used) gives one clear error, not an internal error or a crash.
 */
class ProcessorPathTest {
  @Test
  void aMissingClassIsReportedAsAnIncompleteProcessorPath(@TempDir Path dir)
      throws IOException, URISyntaxException, InterruptedException {
    Path classes = Path.of(DifferentiableProcessor.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    Path source = dir.resolve("Model.java");
    Files.writeString(source, """
        import dev.leibniz.Differentiable;
        public class Model {
          @Differentiable static double f(double x) { return x * x; }
        }
        """);
    // A javac of its own: in this JVM the processor path would see the tests' class path.
    Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
    Process process = new ProcessBuilder(javac.toString(), "-d", dir.toString(),
        "-classpath", System.getProperty("java.class.path"),
        "-processorpath", classes.toString(), source.toString())
        .redirectErrorStream(true)
        .start();
    String messages = new String(process.getInputStream().readAllBytes());
    assertFalse(process.waitFor() == 0, messages);
    // At the method, line 3 of the source.
    assertTrue(messages.contains("Model.java:3: error: [LZ192] Leibniz cannot find class"
        + " 'com.palantir.javapoet."), messages);
    assertFalse(messages.contains("LZ190"), messages);
  }
}
