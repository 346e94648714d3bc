package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Methods whose sweeps would not fit in one method: 150 statements (over the JIT's 8,000 bytes
 * in one method), 400 (over the JVM's 64 KB), and 300 with loops and branches among them. Their
 * gradients compile, every generated method stays under 8,000 bytes of bytecode, and the
 * gradient matches finite differences.
 */
class HugeMethodTest {
  private static final int JIT_LIMIT = 8_000;

  @Test
  void longStraightLineMethodsAreSplitIntoMethodsTheJitCompiles() {
    for (int statements : new int[] {150, 400, 300}) {
      boolean withControlFlow = statements == 300;
      String className = "Long" + statements;
      var source = new StringBuilder("package big;\nimport dev.leibniz.Differentiable;\n")
          .append("public class ").append(className).append(" {\n")
          .append("  @Differentiable public static double f(double x, double y) {\n")
          .append("    double s = 0;\n");
      for (int i = 0; i < statements; i++) {
        source.append("    s = s + Math.sin(x * 3.0 + y) * Math.cos(s * 0.001 + 2.0);\n");
        if (withControlFlow && i % 40 == 20) {
          source.append("    for (int i = 0; i < 3; i++) { s = s * 0.9 + Math.sin(s + x); }\n")
              .append("    if (x > y) { s = s - y * 0.1; } else { s = s + y * y * 0.2; }\n");
        }
      }
      source.append("    return s;\n  }\n}\n");
      Compiled compiled = Compiled.compile(source.toString());

      Map<String, Integer> lengths = ClassFiles.codeLengths(classBytes(compiled,
          "big/" + className + "Gradients.class"));
      lengths.forEach((method, length) -> assertTrue(length < JIT_LIMIT,
          method + " has " + length + " bytes of bytecode"));
      assertTrue(lengths.keySet().stream().anyMatch(m -> m.startsWith("fForwardPart")),
          "the forward half is split: " + lengths.keySet());
      assertTrue(lengths.keySet().stream().anyMatch(m -> m.startsWith("fPushforwardPart")),
          "the pushforward is split: " + lengths.keySet());

      double[] point = {0.3, -0.2};
      // Hundreds of compositions make high derivatives large: a small step keeps the
      // differences accurate.
      double[] numeric = FiniteDifferences.gradient(
          p -> (double) compiled.call("big." + className, "f", p[0], p[1]), point.clone(), 1e-5);
      double[] generated = Gradients.generated(compiled, "big." + className, "f", point);
      for (int i = 0; i < 2; i++) {
        assertTrue(FiniteDifferences.relativeError(generated[i], numeric[i]) < 1e-7,
            statements + " statements, input " + i + ": " + generated[i] + " against "
                + numeric[i]);
      }
      Object pushed = compiled.call("big." + className + "Gradients", "fPushforward",
          point[0], point[1], 0.6, -0.8);
      double tangent = (double) Compiled.components(pushed).get("tangent");
      double directional = 0.6 * generated[0] - 0.8 * generated[1];
      assertTrue(FiniteDifferences.relativeError(tangent, directional) < 1e-12,
          statements + " statements, pushforward " + tangent + " against " + directional);
    }
  }

  @Test
  void aLongFloatMethodIsSplitWithFloatFrames() {
    var source = new StringBuilder("package big;\nimport dev.leibniz.Differentiable;\n")
        .append("public class LongFloat {\n")
        .append("  @Differentiable public static float f(float x, float[] w) {\n")
        .append("    float s = 0f;\n    float[] t = new float[2];\n");
    for (int i = 0; i < 200; i++) {
      source.append("    t[").append(i % 2).append("] = s * w[").append(i % 2)
          .append("] + (float) Math.sin(x * 0.5f + t[").append((i + 1) % 2).append("]);\n")
          .append("    s = s * 0.5f + t[0] * 0.25f - t[1] * 0.125f;\n");
    }
    source.append("    return s;\n  }\n}\n");
    Compiled compiled = Compiled.compile(source.toString());
    Map<String, Integer> lengths = ClassFiles.codeLengths(classBytes(compiled,
        "big/LongFloatGradients.class"));
    lengths.forEach((method, length) -> assertTrue(length < JIT_LIMIT,
        method + " has " + length + " bytes of bytecode"));
    assertTrue(lengths.keySet().stream().anyMatch(m -> m.startsWith("fForwardPart")),
        "the forward half is split: " + lengths.keySet());
    float[] w = {0.3f, -0.6f};
    Map<String, Object> g = Compiled.components(compiled.call("big.LongFloatGradients", "f",
        0.4f, w.clone()));
    double numeric = FiniteDifferences.derivative(x -> (float) compiled.call("big.LongFloat",
        "f", (float) x, w.clone()), 0.4, 1e-2);
    assertTrue(Math.abs(numeric - (float) g.get("dX")) < 1e-3 * Math.max(1, Math.abs(numeric)),
        "d/dx " + g.get("dX") + " against " + numeric);
  }

  private static byte[] classBytes(Compiled compiled, String path) {
    for (JavaFileObject file : compiled.compilation().generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS && file.toUri().getPath().endsWith(path)) {
        try (var in = file.openInputStream()) {
          return in.readAllBytes();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new AssertionError("no class file " + path);
  }
}
