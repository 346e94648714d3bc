package dev.leibniz.processor.read;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Records as their components: a record-typed parameter or local is read as one variable per
 * component (a nested record's components in turn), so that the phases after reading see only
 * numbers and arrays. Records are immutable, so a record value is exactly its components'
 * values; {@code v.x()} is the variable for {@code x}, and {@code new Vec(a, b)} gives each
 * component its value.
 *
 * <p>Components of other types ({@code String}, objects) are not variables: the gradient
 * copies them from the input, and reading them in a differentiable method is an error.
 */
final class RecordValues {
  /** The suffix of the function a method returning a record is read as: {@code stepComponents}. */
  static final String COMPONENTS = "Components";

  private RecordValues() {}

  /**
   * A record value: per component, its variable, or for a nested record its value, in
   * declaration order; a component that is not a variable is absent.
   */
  record Value(Type.Record type, Map<String, Object> parts, boolean array) {
    Value {
      parts = new LinkedHashMap<>(parts);
    }

    /** A record value. */
    Value(Type.Record type, Map<String, Object> parts) {
      this(type, parts, false);
    }

    /** The element {@code index} of an array of records: each part's element. */
    Value element(Expr index) {
      var elements = new LinkedHashMap<String, Object>();
      parts.forEach((name, part) -> elements.put(name, part instanceof Value nested
          ? nested.element(index)
          : new Expr.Index((Expr) part, index, ((Expr) part).type().element())));
      return new Value(type, elements, false);
    }

    /** The same value with only the components at {@code paths}. */
    Value only(java.util.Set<List<String>> paths) {
      return only(List.of(), paths);
    }

    private Value only(List<String> prefix, java.util.Set<List<String>> paths) {
      var kept = new LinkedHashMap<String, Object>();
      parts.forEach((name, part) -> {
        var path = new ArrayList<>(prefix);
        path.add(name);
        if (part instanceof Value nested) {
          kept.put(name, nested.only(path, paths));
        } else if (paths.contains(path)) {
          kept.put(name, part);
        }
      });
      return new Value(type, kept, array);
    }

    /** The length of an array of records: that of any of its parts' arrays. */
    Expr length() {
      Object first = parts.values().iterator().next();
      return first instanceof Value nested ? nested.length() : new Expr.Length((Expr) first);
    }

    /** The variables of the numbers and arrays inside, depth first, with their paths. */
    List<Leaf> leaves() {
      var leaves = new ArrayList<Leaf>();
      collect(List.of(), leaves);
      return leaves;
    }

    private void collect(List<String> prefix, List<Leaf> into) {
      parts.forEach((name, part) -> {
        var path = new ArrayList<>(prefix);
        path.add(name);
        if (part instanceof Value nested) {
          nested.collect(path, into);
        } else {
          into.add(new Leaf(path, (Expr) part));
        }
      });
    }
  }

  /**
   * One component of a record value, the accessors that lead to it and its value: the
   * variable of a record parameter or local, an element of an array's.
   */
  record Leaf(List<String> path, Expr value) {
    /** The variable of a record that is a parameter or a local. */
    Expr.Var var() {
      return (Expr.Var) value;
    }
  }

  /**
   * The IR type of a record class whose components carry a derivative, or empty for any other
   * type (a record of constants only is an object like any other).
   */
  static Optional<Type.Record> typeOf(TypeMirror mirror) {
    if (!(mirror instanceof DeclaredType declared)
        || !(declared.asElement() instanceof TypeElement element)) {
      return Optional.empty();
    }
    Optional<List<? extends Element>> parts = components(element);
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    var components = new ArrayList<Type.Component>();
    for (Element c : parts.get()) {
      Type type = typeOf(c.asType()).<Type>map(t -> t)
          .or(() -> elementType(c.asType()).map(Type::arrayOf))
          .orElse(NameResolver.typeOf(c.asType()));
      components.add(new Type.Component(c.getSimpleName().toString(),
          type == null ? Type.OBJECT : type, getterOf(element, c)));
    }
    var record = new Type.Record(TypeRefs.of(element), components,
        element.getKind() != ElementKind.RECORD);
    return record.isDifferentiable() ? Optional.of(record) : Optional.empty();
  }

  /** The getter a value class's private field is read by outside the class, or null. */
  private static String getterOf(TypeElement element, Element component) {
    return component instanceof javax.lang.model.element.VariableElement field
        && element.getKind() != ElementKind.RECORD
        && field.getModifiers().contains(javax.lang.model.element.Modifier.PRIVATE)
        ? ValueClasses.getter(element, field).map(m -> m.getSimpleName().toString()).orElseThrow()
        : null;
  }

  /**
   * The components of a record class, or the fields of a value class ({@link ValueClasses}) in
   * its constructor's order; empty for any other class.
   */
  static Optional<List<? extends Element>> components(TypeElement element) {
    if (element.getKind() == ElementKind.RECORD) {
      return Optional.of(element.getRecordComponents());
    }
    return ValueClasses.fields(element).map(fields -> fields);
  }

  /**
   * Whether a record type, nested records included, has a component that is an array of
   * records whose components carry derivatives: not followed yet, so never a constant in
   * silence.
   */
  static boolean holdsArraysOfRecords(TypeMirror mirror) {
    if (!(mirror instanceof DeclaredType declared)
        || !(declared.asElement() instanceof TypeElement element)
        || components(element).isEmpty()) {
      return false;
    }
    for (Element c : components(element).get()) {
      if (elementType(c.asType()).isPresent() || holdsArraysOfRecords(c.asType())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a component of this type is read as a variable of its own (or a nested value). */
  static boolean isVariable(Type type) {
    if (records(type).isPresent()) {
      return false;
    }
    return type instanceof Type.Record || type.isNumeric() || type == Type.BOOLEAN
        || type.isDifferentiable();
  }

  /** The records of an array of records, as a component's type. */
  static Optional<Type.Record> records(Type type) {
    return type instanceof Type.Array array && array.element() instanceof Type.Record record
        ? Optional.of(record) : Optional.empty();
  }

  /**
   * How many accessors along {@code path} lead to an array of records the path goes into, or
   * -1: {@code [ps, pos, x]} of {@code record Swarm(Particle[] ps, …)} gives 1.
   */
  static int arrayAt(Type.Record type, List<String> path) {
    Type.Record at = type;
    for (int k = 0; k < path.size(); k++) {
      Type component = at.component(path.get(k)).map(Type.Component::type).orElse(null);
      if (records(component == null ? Type.OBJECT : component).isPresent()) {
        return k + 1;
      } else if (component instanceof Type.Record nested) {
        at = nested;
      } else {
        return -1;
      }
    }
    return -1;
  }

  /** A component that is a variable: the accessors that lead to it, and its type. */
  record Slot(List<String> path, Type type) {}

  /**
   * The components of {@code type} that are variables, depth first: the order of a record
   * parameter's components among a method's parameters.
   */
  static List<Slot> slots(Type.Record type) {
    var slots = new ArrayList<Slot>();
    for (Type.Component c : type.components()) {
      if (c.type() instanceof Type.Record nested) {
        for (Slot inner : slots(nested)) {
          var path = new ArrayList<String>();
          path.add(c.name());
          path.addAll(inner.path());
          slots.add(new Slot(path, inner.type()));
        }
      } else if (records(c.type()).isPresent()) {
        // An array of records: an array per number of its records, as declareArray has them.
        for (Slot inner : slots(records(c.type()).get())) {
          if (inArrays(inner.type())) {
            var path = new ArrayList<String>();
            path.add(c.name());
            path.addAll(inner.path());
            slots.add(new Slot(path, Type.arrayOf(inner.type())));
          }
        }
      } else if (isVariable(c.type())) {
        slots.add(new Slot(List.of(c.name()), c.type()));
      }
    }
    return slots;
  }

  /** The paths of {@link #slots}. */
  static List<List<String>> paths(Type.Record type) {
    return slots(type).stream().map(Slot::path).toList();
  }

  /**
   * The types of the components' arrays an array of records is read as, in the order of
   * {@link #declareArray}: a number's array for each number, nested records depth first.
   */
  static List<Type> arrayLeafTypes(Type.Record type) {
    return slots(type).stream().filter(s -> inArrays(s.type()))
        .map(s -> (Type) Type.arrayOf(s.type())).toList();
  }

  /**
   * What a method returning this type is read as returning the components of: a record, or
   * for an array of records, {@link Type.Record#rowsOf} them.
   */
  static Optional<Type.Record> resultOf(TypeMirror returned) {
    return typeOf(returned).or(() -> elementType(returned).map(Type.Record::rowsOf));
  }

  /**
   * Whether a method may return records of this type: every component a number or a vector of
   * them (a nested record's too), which the function it is read as returns in a
   * {@code double[]}.
   */
  static boolean returnable(Type.Record type) {
    if (type.rows().isPresent()) {
      // An array of records of double, float and int, nested records too: one array for each
      // (an int is exact in a double).
      return slots(type.rows().get()).stream().allMatch(s -> s.type() == Type.DOUBLE
          || s.type() == Type.FLOAT || s.type() == Type.INT);
    }
    return type.components().stream().allMatch(c -> c.type() instanceof Type.Record nested
        ? returnable(nested)
        : c.type().isNumeric() || c.type() == Type.BOOLEAN || isVector(c.type()));
  }

  /**
   * Whether a component of this type is a vector of differentiable numbers, which a returned
   * record may hold: a {@code double[]} or a {@code float[]}.
   */
  static boolean isVector(Type type) {
    return type.isArray() && type.rank() == 1 && type.isDifferentiable();
  }

  /** The types of {@link #slots}. */
  static List<Type> leafTypes(Type.Record type) {
    return slots(type).stream().map(Slot::type).toList();
  }

  /**
   * An array of records of {@code type} as one new array variable per component that is a
   * number or an array of numbers (a {@code double} component gives a {@code double[]}).
   */
  static Value declareArray(Scope scope, String name, Type.Record type) {
    var parts = new LinkedHashMap<String, Object>();
    for (Type.Component c : type.components()) {
      String part = name + "_" + c.name();
      if (c.type() instanceof Type.Record nested) {
        parts.put(c.name(), declareArray(scope, part, nested));
      } else if (inArrays(c.type())) {
        parts.put(c.name(), scope.declare(scope.fresh(part), Type.arrayOf(c.type())));
      }
    }
    return new Value(type, parts, true);
  }

  /**
   * Whether an array of records keeps this component, in an array of its own: numbers and
   * vectors of numbers.
   */
  static boolean inArrays(Type type) {
    return type.isNumeric() || (type.isDifferentiable() && type.rank() == 1);
  }

  /** The record type of the elements of an array of records, if that is what it is. */
  static Optional<Type.Record> elementType(TypeMirror mirror) {
    return mirror instanceof javax.lang.model.type.ArrayType array
        ? typeOf(array.getComponentType()) : Optional.empty();
  }

  /** A value of {@code type} whose components are new variables named after {@code name}. */
  static Value declare(Scope scope, String name, Type.Record type) {
    var parts = new LinkedHashMap<String, Object>();
    for (Type.Component c : type.components()) {
      String part = name + "_" + c.name();
      if (c.type() instanceof Type.Record nested) {
        parts.put(c.name(), declare(scope, part, nested));
      } else if (records(c.type()).isPresent()) {
        parts.put(c.name(), declareArray(scope, part, records(c.type()).get()));
      } else if (isVariable(c.type())) {
        parts.put(c.name(), scope.declare(scope.fresh(part), c.type()));
      }
    }
    return new Value(type, parts);
  }
}
