package dev.leibniz.processor.read;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.Elements;

/**
 * Reads {@code @UseRules}: the classes whose rules a calling class sees, named on the class
 * itself, on a class it is nested in, or on its package's {@code package-info.java}.
 */
final class UsedRules {
  private UsedRules() {}

  /** The classes {@code @UseRules} names for code in {@code caller}, nearest first. */
  static List<TypeElement> classesNamed(TypeElement caller, Elements elements) {
    var named = new ArrayList<TypeElement>();
    for (Element e = caller; e instanceof TypeElement; e = e.getEnclosingElement()) {
      named.addAll(namedOn(e));
    }
    named.addAll(namedOn(elements.getPackageOf(caller)));
    return named;
  }

  private static List<TypeElement> namedOn(Element element) {
    var named = new ArrayList<TypeElement>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      var annotation = (TypeElement) mirror.getAnnotationType().asElement();
      if (!annotation.getQualifiedName().contentEquals(Annotations.USE_RULES)) {
        continue;
      }
      for (AnnotationValue value : mirror.getElementValues().values()) {
        if (value.getValue() instanceof List<?> classes) {
          for (Object each : classes) {
            if (((AnnotationValue) each).getValue() instanceof DeclaredType type) {
              named.add((TypeElement) type.asElement());
            }
          }
        }
      }
    }
    return named;
  }
}
