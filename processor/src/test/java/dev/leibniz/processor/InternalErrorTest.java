package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import org.junit.jupiter.api.Test;

/**
 * An exception inside Leibniz becomes an error at the method that asks to be reported, and the
 * other methods still get their code. Provoked by handing the generator a method whose source
 * it cannot have: one from a class file.
 */
class InternalErrorTest {

  @Test
  void anExceptionIsReportedAtTheMethodAndTheRestGoesOn() {
    var companionWritten = new boolean[1];
    var provoke = new AbstractProcessor() {
      private boolean done;

      @Override
      public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
      }

      @Override
      public javax.lang.model.SourceVersion getSupportedSourceVersion() {
        return javax.lang.model.SourceVersion.latestSupported();
      }

      @Override
      public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (done) {
          companionWritten[0] |=
              processingEnv.getElementUtils().getTypeElement("p.ModelGradients") != null;
          return false;
        }
        done = true;
        TypeElement math = processingEnv.getElementUtils().getTypeElement("java.lang.Math");
        ExecutableElement sin = ElementFilter.methodsIn(math.getEnclosedElements()).stream()
            .filter(m -> m.getSimpleName().contentEquals("sin"))
            .findFirst()
            .orElseThrow();
        TypeElement model = processingEnv.getElementUtils().getTypeElement("p.Model");
        ExecutableElement square = ElementFilter.methodsIn(model.getEnclosedElements()).get(0);
        CompanionGenerator.forEnvironment(processingEnv)
            .generate(new CompanionGenerator.Round(Set.of(sin, square), Set.of(), Set.of(), Set.of()));
        return false;
      }
    };
    Compilation compilation = Compiler.javac()
        .withProcessors(provoke)
        .compile(JavaFileObjects.forSourceString("p.Model",
            "package p; class Model { static double square(double x) { return x * x; } }"));
    assertThat(compilation).hadErrorContaining("[LZ190] internal error in Leibniz while"
        + " differentiating 'sin'");
    assertThat(compilation).hadErrorContaining("please report it");
    org.junit.jupiter.api.Assertions.assertTrue(companionWritten[0],
        "the other method's companion was written");
  }
}
