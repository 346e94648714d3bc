package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a {@code @DerivativeOf} rule is seen: anywhere in the same compilation, from a jar
 * through {@code @UseRules} on the calling class, a class around it or its package; and a rule
 * in a jar that a call cannot see is an error that says where the rule is and what to write.
 */
class RuleVisibilityTest {
  private static final String SPECIAL = """
      package com.acme.math;

      public final class Special {
        private Special() {}

        public static double gd(double x) {
          return Math.atan(Math.sinh(x));
        }
      }
      """;

  private static final String RULES = """
      package com.acme.math.rules;

      import com.acme.math.Special;
      import dev.leibniz.DerivativeOf;

      public final class SpecialRules {
        private SpecialRules() {}

        @DerivativeOf(type = Special.class, method = "gd")
        public static double gdDerivative(double x) {
          return 1 / Math.cosh(x);
        }
      }
      """;

  private static final String MODEL = """
      package com.acme.app;

      import com.acme.math.Special;
      import dev.leibniz.Differentiable;

      %s
      public class Model {
        @Differentiable public static double f(double x) {
          return Special.gd(x) * x;
        }

        public static class Inner {
          @Differentiable public static double g(double x) {
            return Special.gd(x * x);
          }
        }
      }
      """;

  @Test
  void aRuleInAThirdPackageOfTheCompilationIsFound() {
    Compiled compiled = Compiled.compile(SPECIAL, RULES, MODEL.formatted(""));
    for (String owner : List.of("com.acme.app.Model", "com.acme.app.Model$Inner")) {
      String method = owner.endsWith("Inner") ? "g" : "f";
      Gradients.assertMatchesFiniteDifferences(compiled, owner, method, 1e-8, 0.7);
      Gradients.assertMatchesFiniteDifferences(compiled, owner, method, 1e-8, -1.3);
    }
  }

  @Test
  void aJarsRuleNotNamedIsAnErrorThatSaysWhereItIs(@TempDir Path dir) throws Exception {
    Path library = library(dir);
    String errors = Jars.errors(dir.resolve("app"), Map.of("Model", MODEL.formatted("")),
        List.of(library));
    assertThat(errors).contains("Model.java:9: error: [LZ137] call to 'Special.gd'");
    assertThat(errors).contains("'com.acme.math.rules.SpecialRules.gdDerivative' is in a jar");
    assertThat(errors).contains("add '@UseRules(com.acme.math.rules.SpecialRules.class)'");
    assertThat(errors).contains("Model.java:14: error: [LZ137]");
    assertThat(errors).doesNotContain("LZ106");
  }

  @Test
  void useRulesOnTheClassMakesAJarsRulesVisible(@TempDir Path dir) throws Exception {
    Path library = library(dir);
    Path app = Jars.compile(dir.resolve("app-src"),
        MODEL.formatted("@dev.leibniz.UseRules(com.acme.math.rules.SpecialRules.class)"),
        "Model", dir.resolve("app"), List.of(library));
    checkAgainstDifferences(app, library);
  }

  @Test
  void useRulesOnThePackageMakesAJarsRulesVisible(@TempDir Path dir) throws Exception {
    Path library = library(dir);
    Path out = dir.resolve("app");
    var messages = new StringWriter();
    boolean compiled = Jars.run(dir.resolve("app-src"), Map.of(
        "Model", MODEL.formatted(""),
        "package-info", """
            @UseRules({com.acme.math.rules.SpecialRules.class})
            package com.acme.app;

            import dev.leibniz.UseRules;
            """), out, List.of(library), messages);
    assertEquals(true, compiled, messages.toString());
    checkAgainstDifferences(out, library);
  }

  @Test
  void aListingThatCannotBeWrittenIsAnErrorOfTheCompilation(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    // A file where the listing's folder would go: the listing cannot be written.
    Files.createDirectories(out.resolve("dev/leibniz"));
    Files.writeString(out.resolve("dev/leibniz/rules"), "in the way");
    var messages = new StringWriter();
    boolean compiled = Jars.run(dir.resolve("src"),
        Map.of("Special", SPECIAL, "SpecialRules", RULES), out, List.of(), messages);
    assertEquals(false, compiled, messages.toString());
    assertThat(messages.toString()).startsWith("error: [LZ193] Leibniz could not list this"
        + " compilation's @DerivativeOf rules for the compilations that use its classes: ");
  }

  /** The special function and its rules, compiled with the processor into a jar. */
  private static Path library(Path dir) throws Exception {
    var messages = new StringWriter();
    Path classes = dir.resolve("lib");
    assertEquals(true, Jars.run(dir.resolve("lib-src"),
        Map.of("Special", SPECIAL, "SpecialRules", RULES), classes, List.of(), messages),
        messages.toString());
    return Jars.jar(classes, dir.resolve("special.jar"));
  }

  /** Both methods' generated derivatives against central differences of the methods. */
  private static void checkAgainstDifferences(Path app, Path library) throws Exception {
    try (var loader = Jars.loader(app, library)) {
      for (String owner : List.of("com.acme.app.Model", "com.acme.app.Model$Inner")) {
        String method = owner.endsWith("Inner") ? "g" : "f";
        Method primal = loader.loadClass(owner).getMethod(method, double.class);
        Method gradient = loader.loadClass(Gradients.companion(owner))
            .getMethod(method, double.class);
        for (double x : new double[] {0.7, -1.3}) {
          double expected = FiniteDifferences.derivative(v -> {
            try {
              return (double) primal.invoke(null, v);
            } catch (ReflectiveOperationException e) {
              throw new AssertionError(e);
            }
          }, x);
          Object result = gradient.invoke(null, x);
          assertEquals(expected, (double) Compiled.components(result).get("dX"), 1e-8);
        }
      }
    }
  }
}
