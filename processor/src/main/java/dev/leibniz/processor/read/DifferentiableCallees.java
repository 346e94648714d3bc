package dev.leibniz.processor.read;

import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

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
    String name = method.getSimpleName().toString();
    boolean result = RecordValues.resultOf(method.getReturnType()).isPresent();
    Optional<Type.Record> self = SignatureReader.selfType(method);
    boolean components = result || self.isPresent() || method.getParameters().stream()
        .anyMatch(p -> RecordValues.typeOf(p.asType()).isPresent()
            || RecordValues.elementType(p.asType()).isPresent());
    var roles = new ArrayList<Callee.Role>();
    self.ifPresent(r -> RecordValues.leafTypes(r).forEach(t -> roles.add(roleOf(t, false))));
    roles.addAll(roles(method));
    return new Callee.Differentiable(owner, result ? name + RecordValues.COMPONENTS : name,
        instance && self.isEmpty(), roles, order(method), false, components);
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
