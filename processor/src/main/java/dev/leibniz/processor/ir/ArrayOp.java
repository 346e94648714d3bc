package dev.leibniz.processor.ir;

import java.util.List;

/** The operations of {@code dev.leibniz.AdjointArrays} that generated code calls. */
public enum ArrayOp {
  /** A zero array shaped like its argument. */
  ZEROS_LIKE("zerosLike"),
  /**
   * Its first argument, an adjoint whose contents were used up, zeroed in place if it has the
   * length of its second, else new zeros of that length.
   */
  ZEROED("zeroed"),
  /**
   * An array shaped like its first argument, zero but for a one at the index its other
   * arguments give.
   */
  UNIT("unit"),
  /** A copy of its argument, row by row. */
  COPY_OF("copyOf"),
  /** Puts its second argument, a copy, back into its first, element by element. */
  COPY_INTO("copyInto"),
  /** Puts back into its first argument the copy on top of its second, a workspace. */
  RESTORE("restore"),
  /** Keeps the contents of its first argument on its second, a workspace. */
  SNAPSHOT("snapshot"),
  /** Puts back into its first argument the contents its second, a workspace, kept last. */
  RESTORE_SNAPSHOT("restoreSnapshot"),
  /** Adds its second argument into its first, element by element. */
  ADD_INTO("addInto"),
  /** The sum of its two arguments' products, element by element. */
  DOT("dot");

  private final String method;

  ArrayOp(String method) {
    this.method = method;
  }

  /** The call of this operation on {@code args}, whose result has {@code type}. */
  public Expr.Call call(List<Expr> args, Type type) {
    return new Expr.Call(TypeRef.ADJOINT_ARRAYS, method, args, type);
  }

  /** The call of this operation on one array, whose result has the array's type. */
  public Expr.Call of(Expr array) {
    return call(List.of(array), array.type());
  }
}
