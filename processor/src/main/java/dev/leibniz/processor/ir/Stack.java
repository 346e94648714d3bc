package dev.leibniz.processor.ir;

/**
 * The stacks of a {@code dev.leibniz.Workspace}, on which the forward sweep saves the values
 * the backward sweep reads back: overwritten values, branch decisions, trip counts, results of
 * calls.
 */
public enum Stack {
  DOUBLES("Double"),
  INTS("Int"),
  LONGS("Long"),
  ARRAYS("Array"),
  MATRICES("Matrix"),
  FLOAT_ARRAYS("FloatArray"),
  FLOAT_MATRICES("FloatMatrix"),
  INT_ARRAYS("IntArray"),
  LONG_ARRAYS("LongArray");

  private final String suffix;

  Stack(String suffix) {
    this.suffix = suffix;
  }

  /** The workspace method that saves a value: {@code pushDouble}. */
  public String push() {
    return "push" + suffix;
  }

  /** The workspace method that takes the last value back: {@code popDouble}. */
  public String pop() {
    return "pop" + suffix;
  }

  /** The workspace method that makes room for many values at once, if it has one. */
  public java.util.Optional<String> reserve() {
    return this == DOUBLES || this == INTS
        ? java.util.Optional.of("reserve" + suffix + "s")
        : java.util.Optional.empty();
  }

  /** The type of the values popped: booleans and chars are kept as ints, floats as doubles. */
  public Type popped(Type saved) {
    return this == INTS ? Type.INT : this == DOUBLES ? Type.DOUBLE : saved;
  }

  /** {@code workspace.pushX(v)}, a boolean saved as 0 or 1. */
  public static Stmt push(Expr.Var workspace, Expr.Var v) {
    Expr value = v.type() == Type.BOOLEAN
        ? v.choose(new Expr.Literal(Type.INT, 1), new Expr.Literal(Type.INT, 0))
        : v;
    return new Stmt.Push(workspace, of(v.type()), value);
  }

  /** {@code workspace.popX()} as a value of {@code type}, a boolean read back from 0 or 1. */
  public static Expr pop(Expr.Var workspace, Type type) {
    Stack stack = of(type);
    Expr popped = new Expr.Pop(workspace, stack, stack.popped(type));
    if (type == Type.FLOAT || type == Type.CHAR) {
      return new Expr.Cast(type, popped);
    }
    return type == Type.BOOLEAN
        ? new Expr.Binary(BinaryOp.NE, popped, new Expr.Literal(Type.INT, 0), Type.BOOLEAN)
        : popped;
  }

  /** The stack that holds values of {@code type}. */
  public static Stack of(Type type) {
    if (type.isFloating()) {
      // A float is kept exactly as a double.
      return DOUBLES;
    } else if (type == Type.INT || type == Type.BOOLEAN || type == Type.CHAR) {
      return INTS;
    } else if (type == Type.LONG) {
      return LONGS;
    } else if (type.equals(Type.DOUBLE_ARRAY)) {
      return ARRAYS;
    } else if (type.equals(Type.DOUBLE_MATRIX)) {
      return MATRICES;
    } else if (type.equals(Type.FLOAT_ARRAY)) {
      return FLOAT_ARRAYS;
    } else if (type.equals(Type.FLOAT_MATRIX)) {
      return FLOAT_MATRICES;
    } else if (type.equals(Type.arrayOf(Type.INT))) {
      return INT_ARRAYS;
    } else if (type.equals(Type.arrayOf(Type.LONG))) {
      return LONG_ARRAYS;
    }
    throw new IllegalArgumentException("no stack for " + type);
  }
}
