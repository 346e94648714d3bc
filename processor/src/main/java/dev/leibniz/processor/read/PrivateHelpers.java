package dev.leibniz.processor.read;

import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

/**
 * The private methods that {@code @Differentiable} methods call and that Leibniz differentiates
 * as if they were annotated.
 *
 * <p>A companion class cannot call a private method of the user's class, but it does not need
 * to: it has the method's code. A private method returning {@code double} is in the same source
 * file as its callers, so its body is always there to read; differentiating it is what the user
 * would otherwise do by hand, with an annotation that changes nothing else. Its companion
 * methods are package-private, as close to private as another class can be. The read phase
 * reports each helper it meets at a call; the processor then differentiates it too.
 */
public final class PrivateHelpers {
  private PrivateHelpers() {}

  /** Whether {@code method} is differentiated although it is not annotated. */
  public static boolean isHelper(ExecutableElement method) {
    Set<Modifier> modifiers = method.getModifiers();
    return modifiers.contains(Modifier.PRIVATE)
        && !modifiers.contains(Modifier.ABSTRACT)
        && !modifiers.contains(Modifier.NATIVE)
        && method.getKind() == ElementKind.METHOD
        && method.getReturnType().getKind() == TypeKind.DOUBLE
        && !Annotations.has(method, Annotations.DIFFERENTIABLE);
  }

  /** Whether calls of {@code method} go to its companion's sweeps. */
  static boolean isDifferentiated(ExecutableElement method) {
    return Annotations.has(method, Annotations.DIFFERENTIABLE) || isHelper(method);
  }
}
