package dev.leibniz.processor.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Classes written in the style records replaced (a hand-written {@code Complex}, Hipparchus'
 * {@code Vector3D}): final, with final fields, and one constructor whose parameters have the
 * names and types of the fields; a private field has a getter ({@code getRe()}). Leibniz reads
 * them as records: {@code new Complex(re, im)} as its fields, {@code c.re} or
 * {@code c.getRe()} as a component, gradients of the same class. Whether the constructor
 * only copies its parameters is {@link PlainRecords}' to say, from its source.
 */
final class ValueClasses {
  private ValueClasses() {}

  /** The fields of a value class in its constructor's order; empty when the type is not one. */
  static Optional<List<VariableElement>> fields(TypeElement type) {
    if (type.getKind() != ElementKind.CLASS || !type.getModifiers().contains(Modifier.FINAL)) {
      return Optional.empty();
    }
    List<VariableElement> fields = ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
        .filter(f -> !f.getModifiers().contains(Modifier.STATIC)).toList();
    List<ExecutableElement> constructors =
        ElementFilter.constructorsIn(type.getEnclosedElements());
    if (fields.isEmpty() || constructors.size() != 1
        || !fields.stream().allMatch(f -> f.getModifiers().contains(Modifier.FINAL))
        || !fields.stream().allMatch(f -> !f.getModifiers().contains(Modifier.PRIVATE)
            || getter(type, f).isPresent())
        || constructors.get(0).getParameters().size() != fields.size()) {
      return Optional.empty();
    }
    var ordered = new ArrayList<VariableElement>();
    for (VariableElement parameter : constructors.get(0).getParameters()) {
      Optional<VariableElement> field = fields.stream()
          .filter(f -> f.getSimpleName().contentEquals(parameter.getSimpleName())
              && f.asType().toString().equals(parameter.asType().toString()))
          .findFirst();
      if (field.isEmpty()) {
        return Optional.empty();
      }
      ordered.add(field.get());
    }
    return Optional.of(ordered);
  }

  /**
   * The method code outside a value class reads a private field by: {@code getRe()},
   * {@code isInside()} or {@code re()}, without arguments and of the field's type.
   */
  static Optional<ExecutableElement> getter(TypeElement type, VariableElement field) {
    String name = field.getSimpleName().toString();
    String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    List<String> names = List.of("get" + capitalized, "is" + capitalized, name);
    return ElementFilter.methodsIn(type.getEnclosedElements()).stream()
        .filter(m -> m.getParameters().isEmpty() && names.contains(m.getSimpleName().toString())
            && !m.getModifiers().contains(Modifier.STATIC)
            && !m.getModifiers().contains(Modifier.PRIVATE)
            && m.getReturnType().toString().equals(field.asType().toString()))
        .min(java.util.Comparator.comparingInt(m -> names.indexOf(m.getSimpleName().toString())));
  }

  /** The one constructor of a value class. */
  static ExecutableElement constructor(TypeElement type) {
    return ElementFilter.constructorsIn(type.getEnclosedElements()).get(0);
  }
}
