package dev.leibniz.processor;

import com.google.auto.service.AutoService;
import dev.leibniz.processor.analyse.PlanOptions;
import dev.leibniz.processor.read.Annotations;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
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
  /** The generator of this compilation, kept across rounds: rules of one are seen in later ones. */
  private CompanionGenerator.Generation generation;

  /**
   * Leibniz's annotations, and {@code @Generated}, which marks the code Leibniz writes: claiming
   * it keeps a user's {@code -Xlint:all} build free of "no processor claimed" warnings.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        Annotations.DIFFERENTIABLE,
        Annotations.NO_DERIVATIVE,
        Annotations.DERIVATIVE_OF,
        Annotations.USE_RULES,
        "javax.annotation.processing.Generated");
  }

  /** {@code -Aleibniz.replay=cost|always}: how loops are computed again from snapshots. */
  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(PlanOptions.REPLAY, PlanOptions.CHECK_FINITE);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (generation == null) {
      generation = CompanionGenerator.forEnvironment(processingEnv);
    }
    if (round.processingOver()) {
      generation.finish();
    } else if (!annotations.isEmpty()) {
      generation.generate(new CompanionGenerator.Round(
          annotated(annotations, round, Annotations.DIFFERENTIABLE),
          annotated(annotations, round, Annotations.DERIVATIVE_OF),
          annotated(annotations, round, Annotations.NO_DERIVATIVE),
          round.getRootElements()));
    }
    return true;
  }

  /** The elements of this round annotated with {@code name}, found by name, not by class. */
  private static Set<? extends Element> annotated(Set<? extends TypeElement> annotations,
      RoundEnvironment round, String name) {
    return annotations.stream()
        .filter(a -> a.getQualifiedName().contentEquals(name))
        .findFirst()
        .<Set<? extends Element>>map(round::getElementsAnnotatedWith)
        .orElse(Set.of());
  }
}
