package dev.leibniz.processor.read;

import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.diag.Reporter;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks that a {@code @Differentiable} method is one Leibniz can write a gradient for (a body,
 * a {@code double} result, supported parameter types, a class generated code can name) and
 * turns its parameters into IR.
 */
final class SignatureReader {
  private final Reporter reporter;

  SignatureReader(Reporter reporter) {
    this.reporter = reporter;
  }

  /** Whether the method's declaration allows a gradient; reports every reason it does not. */
  boolean check(ExecutableElement method) {
    int before = reporter.errorCount();
    String name = method.getSimpleName().toString();
    Element owner = method.getEnclosingElement();
    if (owner.getKind().isInterface()) {
      reporter.error(method, Message.IN_INTERFACE, name);
    } else if (method.getModifiers().contains(Modifier.ABSTRACT)) {
      reporter.error(method, Message.NO_BODY, name, "abstract");
    } else if (method.getModifiers().contains(Modifier.NATIVE)) {
      reporter.error(method, Message.NO_BODY, name, "native");
    }
    if (dev.leibniz.processor.ir.Type.ofResult(method.getReturnType()) == null) {
      reporter.error(method, Message.RETURN_TYPE, name, method.getReturnType());
    }
    if (!method.getTypeParameters().isEmpty()) {
      reporter.error(method, Message.GENERIC_METHOD, name);
    }
    checkOwner(method, (TypeElement) owner);
    checkParameters(method);
    return reporter.errorCount() == before;
  }

  /**
   * Whether the method has a body to read, so that errors in it can be reported together with
   * the signature's.
   */
  boolean hasBody(ExecutableElement method) {
    return !method.getEnclosingElement().getKind().isInterface()
        && !method.getModifiers().contains(Modifier.ABSTRACT)
        && !method.getModifiers().contains(Modifier.NATIVE);
  }

  /**
   * The declared parameters as IR, declared in {@code scope}. A parameter of a type already
   * reported is read as a constant, so that its uses add no further errors.
   */
  List<Param> params(ExecutableElement method, Scope scope) {
    var params = new ArrayList<Param>();
    for (VariableElement p : method.getParameters()) {
      Type type = NameResolver.typeOf(p.asType());
      type = type == null ? Type.OBJECT : type;
      Expr.Var variable = scope.declare(p.getSimpleName().toString(), type);
      boolean differentiable = type.isDifferentiable()
          && !Annotations.has(p, Annotations.NO_DERIVATIVE);
      params.add(param(variable, p.asType(), differentiable));
    }
    return params;
  }

  /** The receiver of an instance method as a first parameter, or null for a static method. */
  Param receiver(ExecutableElement method, Scope scope) {
    if (method.getModifiers().contains(Modifier.STATIC)) {
      return null;
    }
    var self = new Expr.Var(scope.fresh("self"), Type.OBJECT);
    return param(self, method.getEnclosingElement().asType(), false);
  }

  private static Param param(Expr.Var variable, TypeMirror type, boolean differentiable) {
    if (type instanceof DeclaredType declared) {
      TypeElement element = (TypeElement) declared.asElement();
      return new Param(
          variable,
          TypeRefs.of(element),
          element.getTypeParameters().size(),
          differentiable);
    }
    return Param.primitive(variable, differentiable);
  }

  private void checkOwner(ExecutableElement method, TypeElement owner) {
    for (Element e = owner; e instanceof TypeElement type; e = e.getEnclosingElement()) {
      if (type.getNestingKind() == NestingKind.LOCAL
          || type.getNestingKind() == NestingKind.ANONYMOUS) {
        reporter.error(method, Message.INACCESSIBLE_CLASS, type.getQualifiedName(), "local");
        return;
      }
      if (type.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(method, Message.INACCESSIBLE_CLASS, type.getQualifiedName(), "private");
        return;
      }
    }
  }

  private void checkParameters(ExecutableElement method) {
    Map<String, String> accessors = new HashMap<>();
    for (VariableElement p : method.getParameters()) {
      TypeMirror type = p.asType();
      String name = p.getSimpleName().toString();
      if (type.getKind() == TypeKind.TYPEVAR && !method.getTypeParameters().isEmpty()) {
        continue; // the method's type parameters are the error, reported once for the method
      } else if (NameResolver.typeOf(type) == null) {
        reporter.error(p, Message.UNSUPPORTED_PARAMETER_TYPE, name, type);
      } else if (NameResolver.typeOf(type).isDifferentiable()
          && !Annotations.has(p, Annotations.NO_DERIVATIVE)) {
        String accessor = Param.accessorName(name);
        String clash = accessors.putIfAbsent(accessor, name);
        if (clash != null) {
          reporter.error(p, Message.ACCESSOR_CLASH, clash, name, accessor);
        }
      }
    }
  }

}
