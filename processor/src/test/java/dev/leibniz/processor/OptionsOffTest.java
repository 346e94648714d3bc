package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Traces and finite checks cost nothing unless asked for: without {@code trace = true} and
 * {@code -Aleibniz.checkFinite=true}, the companion of methods that reach every part of the
 * sweeps (loops fused, replayed and checkpointed, branches, calls, records, {@code float},
 * order 2, {@code switch}) is byte for byte the one written before either existed, kept in
 * {@code golden/ConstructsGradients.golden}.
 */
class OptionsOffTest {
  private static final JavaFileObject CONSTRUCTS =
      JavaFileObjects.forResource("golden/Constructs.java");

  @Test
  void withoutTheOptionsTheGeneratedCodeIsAsBefore() {
    assertEquals(golden(), generated(Compiled.compilation(CONSTRUCTS)));
  }

  @Test
  void checkFiniteFalseIsTheSameAsNoOption() {
    assertEquals(golden(), generated(Compiled.compilation(
        List.of("-Aleibniz.checkFinite=false"), CONSTRUCTS)));
  }

  @Test
  void checkFiniteTrueAddsChecksToBothSweeps() {
    String checked = generated(Compiled.compilation(
        List.of("-Aleibniz.checkFinite=true"), CONSTRUCTS));
    assertTrue(checked.contains("NonFiniteException.throwForward("));
    assertTrue(checked.contains("NonFiniteException.throwBackward("));
  }

  private static String generated(Compilation compilation) {
    assertThat(compilation).succeededWithoutWarnings();
    return text(compilation.generatedSourceFile("golden.ConstructsGradients").orElseThrow());
  }

  private static String golden() {
    return text(JavaFileObjects.forResource("golden/ConstructsGradients.golden"));
  }

  private static String text(JavaFileObject file) {
    try {
      return file.getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
