package dev.leibniz.processor.ir;

/** The value types Leibniz reasons about; everything else is an opaque {@link #OBJECT}. */
public enum Type {
  DOUBLE("double"),
  INT("int"),
  LONG("long"),
  BOOLEAN("boolean"),
  OBJECT("Object");

  private final String javaName;

  Type(String javaName) {
    this.javaName = javaName;
  }

  /** The Java keyword for this type. */
  public String javaName() {
    return javaName;
  }

  /** Whether values of this type can carry a derivative. */
  public boolean isDifferentiable() {
    return this == DOUBLE;
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
