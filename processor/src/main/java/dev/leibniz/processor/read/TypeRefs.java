package dev.leibniz.processor.read;

import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import java.util.ArrayList;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/** Converts javac's types to the IR's, for the read phase and the processor around it. */
public final class TypeRefs {
  private TypeRefs() {}

  /** A class as the IR names it: its package and the simple names from the top-level class. */
  public static TypeRef of(TypeElement type) {
    var names = new ArrayList<String>();
    Element e = type;
    while (e instanceof TypeElement t) {
      names.add(0, t.getSimpleName().toString());
      e = t.getEnclosingElement();
    }
    String pkg = e instanceof PackageElement p ? p.getQualifiedName().toString() : "";
    return new TypeRef(pkg, names);
  }

  /**
   * Whether a parameter of this type can be differentiated: a double or float, an array of
   * them, or a record with such components.
   */
  public static boolean isDifferentiable(TypeMirror type) {
    if (RecordValues.typeOf(type).isPresent() || RecordValues.elementType(type).isPresent()) {
      return true;
    }
    Type ir = NameResolver.typeOf(type);
    return ir != null && ir.isDifferentiable();
  }
}
