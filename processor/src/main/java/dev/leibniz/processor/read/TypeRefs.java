package dev.leibniz.processor.read;

import dev.leibniz.processor.ir.TypeRef;
import javax.lang.model.element.TypeElement;

/** Converts javac's class elements to the IR's {@link TypeRef}. */
public final class TypeRefs {
  private TypeRefs() {}

  /** The reference to {@code type}. */
  public static TypeRef of(TypeElement type) {
    return NameResolver.reference(type);
  }
}
