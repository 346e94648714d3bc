package dev.leibniz.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;
import dev.leibniz.processor.ir.ArrayOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import java.util.List;

/** Small pieces the writers share: Java types as JavaPoet names, zero arrays for adjoints. */
final class Helpers {
  private Helpers() {}

  /**
   * A zero array shaped like a parameter: {@code new double[w.length]} for a vector, a call of
   * the runtime's {@code zerosLike} for a matrix, whose rows may differ in length.
   */
  static Expr zerosLike(Expr.Var array) {
    if (array.type() == Type.DOUBLE_ARRAY) {
      return new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(new Expr.Length(array)));
    }
    return ArrayOp.ZEROS_LIKE.of(array);
  }

  /** {@code double}, {@code double[]} or {@code double[][]} as a JavaPoet type. */
  static TypeName typeName(String javaType) {
    TypeName type = switch (javaType.replace("[]", "")) {
      case "double" -> TypeName.DOUBLE;
      case "int" -> TypeName.INT;
      case "long" -> TypeName.LONG;
      case "boolean" -> TypeName.BOOLEAN;
      case "void" -> TypeName.VOID;
      default -> throw new IllegalArgumentException(javaType);
    };
    for (int dims = (javaType.length() - javaType.replace("[]", "").length()) / 2; dims > 0;
        dims--) {
      type = ArrayTypeName.of(type);
    }
    return type;
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
