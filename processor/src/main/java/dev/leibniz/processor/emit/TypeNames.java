package dev.leibniz.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;
import dev.leibniz.processor.ir.Type;

/** IR types as the JavaPoet type names the writers print. */
final class TypeNames {
  private TypeNames() {}

  /** The JavaPoet name of {@code type}: a primitive, an array of one, or a record class. */
  static TypeName of(Type type) {
    if (type instanceof Type.Array array) {
      return ArrayTypeName.of(of(array.element()));
    } else if (type instanceof Type.Record record) {
      return ExprPrinter.className(record.name());
    } else if (type instanceof Type.Primitive primitive) {
      return switch (primitive) {
        case DOUBLE -> TypeName.DOUBLE;
        case FLOAT -> TypeName.FLOAT;
        case INT -> TypeName.INT;
        case LONG -> TypeName.LONG;
        case CHAR -> TypeName.CHAR;
        case BOOLEAN -> TypeName.BOOLEAN;
      };
    } else if (type == Type.VOID) {
      return TypeName.VOID;
    }
    throw new IllegalArgumentException("no Java type name for " + type);
  }
}
