package dev.leibniz.processor.emit;

import dev.leibniz.processor.ir.ArrayOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import java.util.List;

/** Small pieces the writers share: zero arrays for adjoints, unique names. */
final class Helpers {
  private Helpers() {}

  /**
   * A zero array shaped like a parameter: {@code new double[w.length]} for a vector, a call of
   * the runtime's {@code zerosLike} for a matrix, whose rows may differ in length.
   */
  static Expr zerosLike(Expr.Var array) {
    if (Type.DOUBLE_ARRAY.equals(array.type())) {
      return new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(new Expr.Length(array)));
    }
    return ArrayOp.ZEROS_LIKE.of(array);
  }

  /** {@code base}, or {@code base} with a number, not in {@code taken}; then taken. */
  static String unique(String base, java.util.Set<String> taken) {
    String name = base;
    for (int suffix = 2; !taken.add(name); suffix++) {
      name = base + suffix;
    }
    return name;
  }
}
