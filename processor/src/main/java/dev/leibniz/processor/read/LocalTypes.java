package dev.leibniz.processor.read;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.Type;

/** The types a local may have, and which values may be assigned to which. */
final class LocalTypes {
  private LocalTypes() {}

  /** The IR type of a local as declared; null after an error at its declaration. */
  static Type declared(ReadContext context, VariableTree tree) {
    Tree typeTree = tree.getType();
    if (typeTree instanceof PrimitiveTypeTree primitive) {
      switch (primitive.getPrimitiveTypeKind()) {
        case DOUBLE:
          return Type.DOUBLE;
        case INT:
          return Type.INT;
        case LONG:
          return Type.LONG;
        case BOOLEAN:
          return Type.BOOLEAN;
        case FLOAT:
          return Type.FLOAT;
        case CHAR:
          return Type.CHAR;
        default:
          break;
      }
    }
    if (typeTree instanceof ArrayTypeTree array) {
      String text = array.toString().replace(" ", "");
      switch (text) {
        case "double[]":
          return Type.DOUBLE_ARRAY;
        case "double[][]":
          return Type.DOUBLE_MATRIX;
        case "float[]":
          return Type.FLOAT_ARRAY;
        case "float[][]":
          return Type.FLOAT_MATRIX;
        default:
          break;
      }
    }
    context.error(tree, Message.UNSUPPORTED_LOCAL_TYPE, tree.getName(), typeTree);
    context.scope().reject(tree.getName().toString());
    return null;
  }

  /** Whether a value of type {@code value} may be assigned to a local of type {@code target}. */
  static boolean compatible(Type value, Type target) {
    if (target == Type.BOOLEAN || value == Type.BOOLEAN) {
      return value == target;
    }
    return value.isNumeric() && target.isNumeric();
  }
}
