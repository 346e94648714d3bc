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
import java.util.Optional;
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
  /** The name of the receiver of a record's method among the parameters. */
  static final String SELF = "self";

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
    Optional<Type.Record> result = RecordValues.resultOf(method.getReturnType());
    if (result.isPresent() && result.get().rows().isPresent()
        && !RecordValues.returnable(result.get())) {
      reporter.error(method, Message.RECORD_VALUE, name, "a method returning an array of"
          + " records is read as the arrays of their components, which must be double, float or"
          + " int (nested records of them too)");
    } else if (result.isPresent() && !RecordValues.returnable(result.get())) {
      reporter.error(method, Message.RECORD_VALUE, name, "a record a method returns is read as"
          + " its components, which must be numbers or vectors of them (double, float, int,"
          + " long, double[], float[]; nested records of them too)");
    } else if (result.isEmpty() && Type.ofResult(method.getReturnType()) == null) {
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
    Optional<Type.Record> self = selfType(method);
    if (self.isPresent()) {
      // The receiver of a record's method is a record parameter like any other, named self.
      String name = scope.fresh(SELF);
      RecordValues.Value value = RecordValues.declare(scope, name, self.get());
      scope.declareValue("this", value);
      for (RecordValues.Leaf leaf : value.leaves()) {
        params.add(new Param(leaf.var(), null, 0, leaf.var().type().isDifferentiable(),
            new Param.RecordPart(name, self.get(), true, leaf.path(), true, false,
                RecordValues.arrayAt(self.get(), leaf.path()))));
      }
    }
    for (VariableElement p : method.getParameters()) {
      Optional<Type.Record> record = RecordValues.typeOf(p.asType());
      Optional<Type.Record> elements = RecordValues.elementType(p.asType());
      if (record.isPresent() || elements.isPresent()) {
        params.addAll(recordParams(p, record.or(() -> elements).get(), elements.isPresent(),
            scope));
        continue;
      }
      Type type = NameResolver.typeOf(p.asType());
      type = type == null ? Type.OBJECT : type;
      Expr.Var variable = scope.declare(p.getSimpleName().toString(), type);
      boolean differentiable = type.isDifferentiable()
          && !Annotations.has(p, Annotations.NO_DERIVATIVE);
      params.add(param(variable, p.asType(), differentiable));
    }
    return params;
  }

  /**
   * A record parameter as one parameter per component the body reads as a variable, in
   * depth-first order; the record is the value of its name.
   */
  private static List<Param> recordParams(VariableElement p, Type.Record type, boolean array,
      Scope scope) {
    String name = p.getSimpleName().toString();
    boolean differentiable = !Annotations.has(p, Annotations.NO_DERIVATIVE);
    RecordValues.Value value = array ? RecordValues.declareArray(scope, name, type)
        : RecordValues.declare(scope, name, type);
    scope.declareValue(name, value);
    var params = new ArrayList<Param>();
    for (RecordValues.Leaf leaf : value.leaves()) {
      params.add(new Param(leaf.var(), null, 0,
          differentiable && leaf.var().type().isDifferentiable(),
          new Param.RecordPart(name, type, differentiable, leaf.path(), false, array,
              array ? -1 : RecordValues.arrayAt(type, leaf.path()))));
    }
    return params;
  }

  /** The record an instance method of a record is called on, which is differentiable. */
  static Optional<Type.Record> selfType(ExecutableElement method) {
    return method.getModifiers().contains(Modifier.STATIC) ? Optional.empty()
        : RecordValues.typeOf(method.getEnclosingElement().asType());
  }

  /**
   * The receiver of an instance method as a first parameter, or null for a static method and
   * for a record's method, whose receiver is among the parameters.
   */
  Param receiver(ExecutableElement method, Scope scope) {
    if (method.getModifiers().contains(Modifier.STATIC) || selfType(method).isPresent()) {
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
      } else if (RecordValues.elementType(type)
          .map(t -> RecordValues.holdsArraysOfRecords(((javax.lang.model.type.ArrayType) type)
              .getComponentType())).orElse(false)) {
        reporter.error(p, Message.RECORD_VALUE, name, "an array of records holding arrays of"
            + " records is not followed yet: pass the inner arrays as parameters of their own");
      } else if (RecordValues.elementType(type).isPresent()) {
        continue; // an array of records, read as arrays of their components
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
