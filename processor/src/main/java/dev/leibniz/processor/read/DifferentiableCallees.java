package dev.leibniz.processor.read;

import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * What a call of a {@code @Differentiable} method passes to that method's companion: the
 * companion method's name, the order it was differentiated to, and one role per argument of its
 * sweeps, a record's components each taking a role of its own.
 */
final class DifferentiableCallees {
  private DifferentiableCallees() {}

  /**
   * A {@code @Differentiable} callee as its companion's sweeps take it: a record's method with
   * its receiver's components first, as a static method would; a method returning a record as
   * the function returning its components.
   */
  static Callee.Differentiable of(ExecutableElement method, boolean instance) {
    var owner = TypeRefs.of((TypeElement) method.getEnclosingElement());
    Optional<Type.Record> self = SignatureReader.selfType(method);
    var roles = new ArrayList<Callee.Role>();
    self.ifPresent(r -> RecordValues.leafTypes(r).forEach(t -> roles.add(roleOf(t, false))));
    roles.addAll(roles(method));
    // A private method is reached through its companion's methods alone, as one of records is.
    return new Callee.Differentiable(owner, sweepName(method), instance && self.isEmpty(), roles,
        order(method), false, takesComponents(method)
            || method.getModifiers().contains(javax.lang.model.element.Modifier.PRIVATE));
  }

  /**
   * The name of the companion methods that take {@code method}'s records as their components:
   * the method's own name ({@code mComponents} for a method returning a record), with
   * {@code Overload2}, {@code Overload3}, … after the name when a {@code @Differentiable} overload
   * declared before it, or one without records, takes the same components (as
   * {@code s(double[] d)} beside {@code s(R r)} with {@code record R(double[] d)}). Callers
   * compute it from the class's declared methods, in source and in a jar alike.
   */
  static String sweepName(ExecutableElement method) {
    String base = baseName(method);
    if (!takesComponents(method)) {
      return base;
    }
    List<String> components = components(method);
    var owner = (TypeElement) method.getEnclosingElement();
    int before = 0;
    for (ExecutableElement other : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      boolean earlier = other != method && (!takesComponents(other) || declaredBefore(other,
          method, owner));
      if (earlier && Annotations.has(other, Annotations.DIFFERENTIABLE)
          && baseName(other).equals(base) && components(other).equals(components)) {
        before++;
      }
    }
    String name = method.getSimpleName().toString();
    String numbered = before == 0 ? name : name + "Overload" + (before + 1);
    return base.equals(name) ? numbered : numbered + RecordValues.COMPONENTS;
  }

  private static boolean declaredBefore(ExecutableElement a, ExecutableElement b,
      TypeElement owner) {
    List<? extends javax.lang.model.element.Element> all = owner.getEnclosedElements();
    return all.indexOf(a) < all.indexOf(b);
  }

  private static String baseName(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    return RecordValues.resultOf(method.getReturnType()).isPresent()
        ? name + RecordValues.COMPONENTS : name;
  }

  /** Whether the companion's sweeps take records of the method as their components. */
  private static boolean takesComponents(ExecutableElement method) {
    return RecordValues.resultOf(method.getReturnType()).isPresent()
        || SignatureReader.selfType(method).isPresent()
        || method.getParameters().stream()
            .anyMatch(p -> RecordValues.typeOf(p.asType()).isPresent()
                || RecordValues.elementType(p.asType()).isPresent());
  }

  /** The types of the sweeps' parameters: each record's components, every other as declared. */
  private static List<String> components(ExecutableElement method) {
    var types = new ArrayList<String>();
    SignatureReader.selfType(method).ifPresent(r ->
        RecordValues.leafTypes(r).forEach(t -> types.add(t.javaName())));
    for (VariableElement param : method.getParameters()) {
      Optional<Type.Record> record = RecordValues.typeOf(param.asType());
      Optional<Type.Record> elements = RecordValues.elementType(param.asType());
      if (record.isPresent()) {
        RecordValues.leafTypes(record.get()).forEach(t -> types.add(t.javaName()));
      } else if (elements.isPresent()) {
        RecordValues.arrayLeafTypes(elements.get()).forEach(t -> types.add(t.javaName()));
      } else {
        Type type = NameResolver.typeOf(param.asType());
        types.add(type == null ? param.asType().toString() : type.javaName());
      }
    }
    return types;
  }

  /** The order a callee is differentiated to: its annotation's, 1 for a private helper. */
  static int order(ExecutableElement method) {
    return Annotations.intValue(method, Annotations.DIFFERENTIABLE, "order", 1);
  }

  /** One role per parameter of the callee's sweeps: a record's, one per component. */
  static List<Callee.Role> roles(ExecutableElement method) {
    var roles = new ArrayList<Callee.Role>();
    for (VariableElement param : method.getParameters()) {
      Optional<Type.Record> record = RecordValues.typeOf(param.asType());
      Optional<Type.Record> elements = RecordValues.elementType(param.asType());
      boolean constant = Annotations.has(param, Annotations.NO_DERIVATIVE);
      if (record.isPresent()) {
        RecordValues.leafTypes(record.get()).forEach(t -> roles.add(roleOf(t, constant)));
      } else if (elements.isPresent()) {
        RecordValues.arrayLeafTypes(elements.get())
            .forEach(t -> roles.add(roleOf(t, constant)));
      } else {
        roles.add(role(param));
      }
    }
    return roles;
  }

  private static Callee.Role roleOf(Type type, boolean constant) {
    return constant || !type.isDifferentiable() ? Callee.Role.CONSTANT
        : type.isArray() ? Callee.Role.ARRAY : Callee.Role.SCALAR;
  }

  private static Callee.Role role(VariableElement param) {
    Type type = NameResolver.typeOf(param.asType());
    return type == null ? Callee.Role.CONSTANT
        : roleOf(type, Annotations.has(param, Annotations.NO_DERIVATIVE));
  }
}
