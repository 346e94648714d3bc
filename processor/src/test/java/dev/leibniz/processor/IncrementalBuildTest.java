package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * What Gradle's incremental compilation needs: the processor declared in
 * {@code META-INF/gradle/incremental.annotation.processors}, and every companion written with
 * the user's class as its originating element.
 */
class IncrementalBuildTest {
  @Test
  void processorIsDeclaredAggregating() throws IOException {
    try (InputStream in = DifferentiableProcessor.class.getClassLoader()
        .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
      String declared = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      assertEquals(DifferentiableProcessor.class.getName() + ",aggregating", declared);
    }
  }

  @Test
  void everyCompanionHasItsClassAsOriginatingElement() {
    var recorded = new LinkedHashMap<String, List<String>>();
    Compilation compilation = javac().withProcessors(new Recording(recorded)).compile(
        Compiled.file("""
            package o;
            import dev.leibniz.Differentiable;
            public class First {
              @Differentiable static double f(double x) { return x * x; }
              public static class Inner {
                @Differentiable static double g(double x) { return Math.sin(x); }
              }
            }
            """));
    assertThat(compilation.errors()).isEmpty();
    assertEquals(Map.of("o.FirstGradients", List.of("o.First"),
        "o.First_InnerGradients", List.of("o.First.Inner")), recorded);
  }

  /**
   * Runs Leibniz in an environment wrapped the way build tools wrap javac's, whose Filer
   * records the originating elements of each source file.
   */
  private static final class Recording extends AbstractProcessor {
    private final DifferentiableProcessor leibniz = new DifferentiableProcessor();
    private final Map<String, List<String>> recorded;

    Recording(Map<String, List<String>> recorded) {
      this.recorded = recorded;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      Filer filer = env.getFiler();
      Filer recording = (Filer) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {Filer.class}, (proxy, method, args) -> {
            if (method.getName().equals("createSourceFile")) {
              var names = new ArrayList<String>();
              for (Element e : (Element[]) args[1]) {
                names.add(((TypeElement) e).getQualifiedName().toString());
              }
              recorded.put(args[0].toString(), names);
            }
            return method.invoke(filer, args);
          });
      leibniz.init(new Wrapped(env, recording).proxy());
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return leibniz.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return leibniz.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return leibniz.process(annotations, round);
    }
  }

  /** A proxy environment holding javac's in a field, as Gradle's and IntelliJ's do. */
  private record Wrapped(ProcessingEnvironment delegate, Filer filer) {
    ProcessingEnvironment proxy() {
      return (ProcessingEnvironment) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) ->
              method.getName().equals("getFiler") ? filer : method.invoke(delegate, args));
    }
  }
}
