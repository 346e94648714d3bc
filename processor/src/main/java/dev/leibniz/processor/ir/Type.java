package dev.leibniz.processor.ir;

/** The value types Leibniz reasons about; everything else is an opaque {@link #OBJECT}. */
public enum Type {
  DOUBLE("double"),
  INT("int"),
  LONG("long"),
  BOOLEAN("boolean"),
  DOUBLE_ARRAY("double[]"),
  DOUBLE_MATRIX("double[][]"),
  OBJECT("Object"),
  /** The result of a method that writes into its arrays instead of returning a value. */
  VOID("void"),
  /** A local whose type Java infers: the result record of a call's pushforward. */
  INFERRED("var");

  private final String javaName;

  Type(String javaName) {
    this.javaName = javaName;
  }

  /** The IR type of a method's result, as {@code javax.lang.model} gives it; null if none. */
  public static Type ofResult(javax.lang.model.type.TypeMirror mirror) {
    return switch (mirror.toString()) {
      case "double" -> DOUBLE;
      case "double[]" -> DOUBLE_ARRAY;
      case "void" -> VOID;
      default -> null;
    };
  }

  /** The Java keyword for this type. */
  public String javaName() {
    return javaName;
  }

  /** Whether values of this type can carry a derivative. */
  public boolean isDifferentiable() {
    return this == DOUBLE || isArray();
  }

  /** Whether this is {@code double[]} or {@code double[][]}. */
  public boolean isArray() {
    return this == DOUBLE_ARRAY || this == DOUBLE_MATRIX;
  }

  /** The type of an element: {@code double} for {@code double[]}, a row for a matrix. */
  public Type element() {
    return switch (this) {
      case DOUBLE_ARRAY -> DOUBLE;
      case DOUBLE_MATRIX -> DOUBLE_ARRAY;
      default -> throw new IllegalStateException(this + " is not an array");
    };
  }

  /** Whether this is one of Java's numeric primitive types that Leibniz supports. */
  public boolean isNumeric() {
    return this == DOUBLE || this == INT || this == LONG;
  }

  /** Java's binary numeric promotion (JLS 5.6.2) over the supported numeric types. */
  public static Type promote(Type a, Type b) {
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    if (a == LONG || b == LONG) {
      return LONG;
    }
    return INT;
  }
}
