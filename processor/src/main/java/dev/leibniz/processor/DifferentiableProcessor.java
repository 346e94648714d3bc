package dev.leibniz.processor;

import com.google.auto.service.AutoService;
import dev.leibniz.DerivativeOf;
import dev.leibniz.Differentiable;
import dev.leibniz.NoDerivative;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The entry point javac calls. Each round it hands the {@code @Differentiable} methods to a
 * {@link CompanionGenerator}; everything else happens there.
 *
 * <p>For Gradle's incremental compilation the processor declares itself <em>aggregating</em>
 * ({@code META-INF/gradle/incremental.annotation.processors}): a companion depends on more than
 * the class it is written for (its originating element) — on the {@code @DerivativeOf} rules of
 * other classes in its package and its callees' packages, and on the signatures of the
 * differentiable methods it calls in other classes — which an isolating processor may not read.
 */
@AutoService(Processor.class)
public final class DifferentiableProcessor extends AbstractProcessor {

  /**
   * Leibniz's annotations, and {@code @Generated}, which marks the code Leibniz writes: claiming
   * it keeps a user's {@code -Xlint:all} build free of "no processor claimed" warnings.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        Differentiable.class.getCanonicalName(),
        NoDerivative.class.getCanonicalName(),
        DerivativeOf.class.getCanonicalName(),
        "javax.annotation.processing.Generated");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (!annotations.isEmpty()) {
      CompanionGenerator.forEnvironment(processingEnv).generate(new CompanionGenerator.Round(
          round.getElementsAnnotatedWith(Differentiable.class),
          round.getElementsAnnotatedWith(DerivativeOf.class),
          round.getElementsAnnotatedWith(NoDerivative.class),
          round.getRootElements()));
    }
    return true;
  }
}
