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
  public static final String USE_RULES = "dev.leibniz.UseRules";

  private Annotations() {}

  /**
   * The {@code int} element {@code name} of the annotation {@code qualifiedName} on
   * {@code element}, or {@code otherwise} where it is not given.
   */
  public static int intValue(Element element, String qualifiedName, String name,
      int otherwise) {
    return value(element, qualifiedName, name) instanceof Integer value ? value : otherwise;
  }

  /** As {@link #intValue}, for a {@code boolean} element. */
  public static boolean booleanValue(Element element, String qualifiedName, String name,
      boolean otherwise) {
    return value(element, qualifiedName, name) instanceof Boolean value ? value : otherwise;
  }

  private static Object value(Element element, String qualifiedName, String name) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      var type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        for (var entry : mirror.getElementValues().entrySet()) {
          if (entry.getKey().getSimpleName().contentEquals(name)) {
            return entry.getValue().getValue();
          }
        }
      }
    }
    return null;
  }

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
