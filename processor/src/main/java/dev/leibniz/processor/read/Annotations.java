package dev.leibniz.processor.read;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Leibniz's annotations by name. The processor reads them as mirrors and never loads their
 * classes, so that its jar is all javac needs on the processor path.
 */
public final class Annotations {
  public static final String DIFFERENTIABLE = "dev.leibniz.Differentiable";
  public static final String NO_DERIVATIVE = "dev.leibniz.NoDerivative";
  public static final String DERIVATIVE_OF = "dev.leibniz.DerivativeOf";

  private Annotations() {}

  /** Whether {@code element} is annotated with the annotation {@code qualifiedName}. */
  public static boolean has(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      var type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return true;
      }
    }
    return false;
  }
}
