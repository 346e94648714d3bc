package dev.leibniz.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * The small private methods a companion class declares for its gradient methods, written only
 * when some method uses them: a zero array shaped like another, a copy, a sum of arrays.
 */
final class Helpers {
  private Helpers() {}

  /** The helper methods {@code methods} call, in a fixed order. */
  static List<MethodSpec> used(List<AdjointMethod> methods) {
    Set<String> calls = new TreeSet<>();
    for (AdjointMethod method : methods) {
      Stream.concat(method.forward().stream(), method.backward().stream())
          .flatMap(Stmts::all)
          .flatMap(Stmts::expressions)
          .flatMap(Helpers::allExpressions)
          .filter(e -> e instanceof Expr.Call c && c.owner().equals(TypeRef.COMPANION))
          .map(e -> (Expr.Call) e)
          .forEach(c -> calls.add(c.name() + ":" + c.type()));
      method.arrayAdjoints().stream()
          .map(a -> zerosLike(a.param().var()))
          .filter(e -> e instanceof Expr.Call)
          .forEach(e -> calls.add(((Expr.Call) e).name() + ":" + e.type()));
    }
    var specs = new ArrayList<MethodSpec>();
    for (String call : calls) {
      String[] parts = call.split(":");
      Type type = Type.valueOf(parts[1]);
      specs.add(switch (parts[0]) {
        case "zerosLike" -> zerosLike(type);
        case "addInto" -> addInto(type);
        default -> copyOf(type);
      });
    }
    return specs;
  }

  private static Stream<Expr> allExpressions(Expr e) {
    return Stream.concat(Stream.of(e), Exprs.children(e).flatMap(Helpers::allExpressions));
  }

  /** A new array of zeros with the shape of {@code a}, row by row; null for null. */
  private static MethodSpec zerosLike(Type type) {
    TypeName array = typeName(type.javaName());
    MethodSpec.Builder spec = MethodSpec.methodBuilder("zerosLike")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(array)
        .addParameter(array, "a")
        .beginControlFlow("if (a == null)")
        .addStatement("return null")
        .endControlFlow();
    if (type == Type.DOUBLE_ARRAY) {
      return spec.addStatement("return new double[a.length]").build();
    }
    return spec.addStatement("double[][] zeros = new double[a.length][]")
        .beginControlFlow("for (int i = 0; i < a.length; i++)")
        .addStatement("zeros[i] = a[i] == null ? null : new double[a[i].length]")
        .endControlFlow()
        .addStatement("return zeros")
        .build();
  }

  /**
   * A zero array shaped like a parameter: {@code new double[w.length]} for a vector, a call of
   * the helper for a matrix, whose rows may differ in length.
   */
  static Expr zerosLike(Expr.Var array) {
    if (array.type() == Type.DOUBLE_ARRAY) {
      return new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(new Expr.Length(array)));
    }
    return new Expr.Call(TypeRef.COMPANION, "zerosLike", List.of(array), array.type());
  }

  /** {@code sum += part}, element by element. */
  private static MethodSpec addInto(Type type) {
    TypeName array = typeName(type.javaName());
    MethodSpec.Builder spec = MethodSpec.methodBuilder("addInto")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(array, "sum")
        .addParameter(array, "part")
        .beginControlFlow("for (int i = 0; i < part.length; i++)");
    if (type == Type.DOUBLE_ARRAY) {
      spec.addStatement("sum[i] += part[i]");
    } else {
      spec.beginControlFlow("for (int j = 0; j < part[i].length; j++)")
          .addStatement("sum[i][j] += part[i][j]")
          .endControlFlow();
    }
    return spec.endControlFlow().build();
  }

  /** A copy of {@code a}, row by row, so that writing to it leaves the caller's array alone. */
  private static MethodSpec copyOf(Type type) {
    TypeName array = typeName(type.javaName());
    MethodSpec.Builder spec = MethodSpec.methodBuilder("copyOf")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(array)
        .addParameter(array, "a");
    if (type == Type.DOUBLE_ARRAY) {
      return spec.addStatement("return a.clone()").build();
    }
    return spec.addStatement("double[][] copy = a.clone()")
        .beginControlFlow("for (int i = 0; i < copy.length; i++)")
        .addStatement("copy[i] = copy[i] == null ? null : copy[i].clone()")
        .endControlFlow()
        .addStatement("return copy")
        .build();
  }

  /** {@code double}, {@code double[]} or {@code double[][]} as a JavaPoet type. */
  static TypeName typeName(String javaType) {
    TypeName type = switch (javaType.replace("[]", "")) {
      case "double" -> TypeName.DOUBLE;
      case "int" -> TypeName.INT;
      case "long" -> TypeName.LONG;
      case "boolean" -> TypeName.BOOLEAN;
      default -> throw new IllegalArgumentException(javaType);
    };
    for (int dims = (javaType.length() - javaType.replace("[]", "").length()) / 2; dims > 0;
        dims--) {
      type = ArrayTypeName.of(type);
    }
    return type;
  }
}
