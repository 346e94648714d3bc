package dev.leibniz.processor.ir;

import java.util.List;

/**
 * The value types Leibniz reasons about, as a small algebra: a primitive, an array of a type, a
 * record with components, or one of the types that only pass through ({@link Other}). Every
 * phase asks a type what it is instead of matching its name; the emitter turns it into a
 * JavaPoet type name.
 */
public sealed interface Type permits Type.Primitive, Type.Array, Type.Record, Type.Other {
  Primitive DOUBLE = Primitive.DOUBLE;
  Primitive FLOAT = Primitive.FLOAT;
  Primitive INT = Primitive.INT;
  Primitive LONG = Primitive.LONG;
  Primitive BOOLEAN = Primitive.BOOLEAN;
  Primitive CHAR = Primitive.CHAR;
  Array DOUBLE_ARRAY = arrayOf(DOUBLE);
  Array DOUBLE_MATRIX = arrayOf(DOUBLE_ARRAY);
  Array FLOAT_ARRAY = arrayOf(FLOAT);
  Array FLOAT_MATRIX = arrayOf(FLOAT_ARRAY);
  Other OBJECT = Other.OBJECT;
  Other VOID = Other.VOID;
  Other INFERRED = Other.INFERRED;

  /** Java's primitive types that Leibniz reads. */
  enum Primitive implements Type {
    DOUBLE("double"),
    FLOAT("float"),
    INT("int"),
    LONG("long"),
    BOOLEAN("boolean"),
    /** A character, an unsigned 16-bit integer: {@code int} in arithmetic, as Java has it. */
    CHAR("char");

    private final String javaName;

    Primitive(String javaName) {
      this.javaName = javaName;
    }

    @Override
    public String javaName() {
      return javaName;
    }
  }

  /**
   * The array of {@code element}s, one instance per element type, so that types compare by
   * identity as the primitives do: make arrays with this, never with the constructor.
   */
  static Array arrayOf(Type element) {
    return Interned.ARRAYS.computeIfAbsent(element, Array::new);
  }

  /** The array types made so far. */
  final class Interned {
    private static final java.util.Map<Type, Array> ARRAYS =
        new java.util.concurrent.ConcurrentHashMap<>();

    private Interned() {}
  }

  /** An array whose elements are of type {@code element}: a row of a matrix is one too. */
  record Array(Type element) implements Type {
    @Override
    public String javaName() {
      return element.javaName() + "[]";
    }
  }

  /**
   * A Java record, or a value class read as one: a final class whose final fields its one
   * constructor assigns from its parameters of the same names.
   *
   * @param name the record class
   * @param components its components in declaration order (a value class's in its
   *     constructor's order)
   * @param fields whether the components are fields read by name (a value class) rather than
   *     through accessors
   */
  record Record(TypeRef name, List<Component> components, boolean fields) implements Type {
    public Record {
      components = List.copyOf(components);
    }

    /** A record class, whose components are read through their accessors. */
    public Record(TypeRef name, List<Component> components) {
      this(name, components, false);
    }

    /**
     * {@code .x()} for a record class, {@code .x} for a value class whose fields are read,
     * {@code .getX()} for a value class's private field.
     */
    public String access(String component) {
      String getter = component(component).map(Component::getter).orElse(null);
      return getter != null ? "." + getter + "()"
          : fields ? "." + component : "." + component + "()";
    }

    /**
     * The component a method without arguments reads: its accessor ({@code x()}), or a value
     * class's getter ({@code getX()}).
     */
    public java.util.Optional<Component> readBy(String method) {
      return components.stream().filter(c -> c.getter() != null ? c.getter().equals(method)
          : !fields && c.name().equals(method)).findFirst();
    }

    @Override
    public String javaName() {
      return name.nestedName();
    }

    @Override
    public boolean isDifferentiable() {
      return components.stream().anyMatch(c -> c.type().isDifferentiable());
    }

    /** The component named {@code name}, if the record has one. */
    public java.util.Optional<Component> component(String name) {
      return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * An array of {@code element} records as a method returns it, read as a record whose one
     * component, {@code rows}, is the array: its components' arrays are then laid out as a
     * record's vectors are.
     */
    public static Record rowsOf(Record element) {
      return new Record(element.name(), List.of(new Component(ROWS, arrayOf(element))),
          element.fields());
    }

    /**
     * For {@link #rowsOf}, the records of the array. (A record of differentiable components
     * never holds only an array of itself, so no other record is taken for one.)
     */
    public java.util.Optional<Record> rows() {
      return components.size() == 1 && components.get(0).name().equals(ROWS)
          && components.get(0).type() instanceof Array array
          && array.element() instanceof Record element && element.name().equals(name)
          ? java.util.Optional.of(element) : java.util.Optional.empty();
    }
  }

  /** The name of the one component of {@link Record#rowsOf}. */
  String ROWS = "rows";

  /**
   * A record's component: its name (the accessor's, or a value class's field's) and its type.
   *
   * @param getter for a value class's private field, the method that returns it
   *     ({@code getRe}), which code outside the class reads it by; otherwise null
   */
  record Component(String name, Type type, String getter) {
    /** A component read by its name. */
    public Component(String name, Type type) {
      this(name, type, null);
    }
  }

  /** Types values of which Leibniz only passes along, or that are not values. */
  enum Other implements Type {
    /** Any other reference type: a constant of the derivative. */
    OBJECT("Object"),
    /** The result of a method that writes into its arrays instead of returning a value. */
    VOID("void"),
    /** A local whose type Java infers: the result record of a call's pushforward. */
    INFERRED("var");

    private final String javaName;

    Other(String javaName) {
      this.javaName = javaName;
    }

    @Override
    public String javaName() {
      return javaName;
    }
  }

  /** The IR type of a method's result, as {@code javax.lang.model} gives it; null if none. */
  static Type ofResult(javax.lang.model.type.TypeMirror mirror) {
    return switch (mirror.toString()) {
      case "double" -> DOUBLE;
      case "float" -> FLOAT;
      case "double[]" -> DOUBLE_ARRAY;
      case "void" -> VOID;
      default -> null;
    };
  }

  /** The Java source spelling of this type. */
  String javaName();

  /** Whether values of this type can carry a derivative. */
  default boolean isDifferentiable() {
    return isFloating() || (this instanceof Array array && array.element().isDifferentiable());
  }

  /** Whether this is {@code double} or {@code float}, the scalars derivatives flow through. */
  default boolean isFloating() {
    return this == DOUBLE || this == FLOAT;
  }

  /** The scalar at the bottom of an array type: {@code float} for {@code float[][]}. */
  default Type base() {
    return this instanceof Array array ? array.element().base() : this;
  }

  /** Whether this is an array type. */
  default boolean isArray() {
    return this instanceof Array;
  }

  /** The type of an element: {@code double} for {@code double[]}, a row for a matrix. */
  default Type element() {
    if (this instanceof Array array) {
      return array.element();
    }
    throw new IllegalStateException(this + " is not an array");
  }

  /** The number of indices an element takes: 0 for a scalar, 2 for a matrix. */
  default int rank() {
    return this instanceof Array array ? 1 + array.element().rank() : 0;
  }

  /** Whether this is one of Java's numeric primitive types that Leibniz supports. */
  default boolean isNumeric() {
    return this == DOUBLE || this == FLOAT || this == INT || this == LONG || this == CHAR;
  }

  /** The type of {@code -x} or {@code +x} (JLS 5.6.1): a {@code char} is promoted to int. */
  default Type unaryPromoted() {
    return this == CHAR ? INT : this;
  }

  /**
   * Java's binary numeric promotion (JLS 5.6.2) over the supported numeric types: a
   * {@code char} with an int is an int.
   */
  static Type promote(Type a, Type b) {
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    if (a == FLOAT || b == FLOAT) {
      return FLOAT;
    }
    if (a == LONG || b == LONG) {
      return LONG;
    }
    return INT;
  }
}
