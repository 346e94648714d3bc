package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated source of representative methods, pinned: a straight-line function with a
 * temporary, and an instance method that reassigns a parameter and reads fields and constants.
 */
class GoldenSourceTest {
  private static final JavaFileObject MODEL = JavaFileObjects.forResource("golden/Model.java");

  @Test
  void generatedSourceMatchesTheGoldenFile() {
    Compilation compilation = Compiled.compilation(MODEL);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("golden.ModelGradients")
        .hasSourceEquivalentTo(
            JavaFileObjects.forSourceString("golden.ModelGradients", golden()));
  }

  @Test
  void generatedSourceIsTheSameTextEveryTime() {
    String first = generated(Compiled.compilation(MODEL));
    String second = generated(Compiled.compilation(MODEL));
    assertEquals(first, second);
    assertEquals(golden(), first, "generated text, comments included");
  }

  /** The expected text; not a .java resource, or javac would find it on the class path. */
  private static String golden() {
    return text(JavaFileObjects.forResource("golden/ModelGradients.golden"));
  }

  private static String generated(Compilation compilation) {
    return text(compilation.generatedSourceFile("golden.ModelGradients").orElseThrow());
  }

  private static String text(JavaFileObject file) {
    try {
      return file.getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
