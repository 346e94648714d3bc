package dev.leibniz.processor.ir;

/**
 * The primitive stacks a gradient method keeps, local to one call, for the values its forward
 * sweep saves inside loops: overwritten values, branch decisions and trip counts.
 */
public enum Stack {
  DOUBLES("_doubles", "double"),
  INTS("_ints", "int"),
  LONGS("_longs", "long"),
  ARRAYS("_arrays", "double[]"),
  MATRICES("_matrices", "double[][]");

  private final String variable;
  private final String elementType;

  Stack(String variable, String elementType) {
    this.variable = variable;
    this.elementType = elementType;
  }

  /** The name of the stack's array in generated code; its top is {@code variable + "Top"}. */
  public String variable() {
    return variable;
  }

  /** The Java type of one entry. */
  public String elementType() {
    return elementType;
  }

  /** The stack that holds values of {@code type}; booleans are kept as ints. */
  public static Stack of(Type type) {
    return switch (type) {
      case DOUBLE -> DOUBLES;
      case INT, BOOLEAN -> INTS;
      case LONG -> LONGS;
      case DOUBLE_ARRAY -> ARRAYS;
      case DOUBLE_MATRIX -> MATRICES;
      default -> throw new IllegalArgumentException("no stack for " + type);
    };
  }
}
