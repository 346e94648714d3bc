package dev.leibniz.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * The records generated methods return. A record's own {@code equals}, {@code hashCode} and
 * {@code toString} treat an array component as a reference ({@code dX=[D@1b6d3586}); a result
 * with array components gets all three by content instead, as AutoValue does for arrays.
 */
final class ResultRecords {
  private static final ClassName ARRAYS = ClassName.get(Arrays.class);
  private static final ClassName OBJECTS = ClassName.get(Objects.class);

  private ResultRecords() {}

  /** The record {@code name} of {@code components}, with Javadoc {@code doc}. */
  static TypeSpec of(ClassName name, Modifier[] visibility, CodeBlock doc,
      List<ParameterSpec> components) {
    TypeSpec.Builder record = TypeSpec.recordBuilder(name.simpleName())
        .addModifiers(visibility)
        .addJavadoc(doc)
        .recordConstructor(MethodSpec.constructorBuilder().addParameters(components).build());
    if (components.stream().anyMatch(c -> c.type() instanceof ArrayTypeName)) {
      record.addMethod(equalsMethod(name, components))
          .addMethod(hashCodeMethod(components))
          .addMethod(toStringMethod(name, components));
    }
    return record.build();
  }

  private static MethodSpec equalsMethod(ClassName name, List<ParameterSpec> components) {
    var tests = new ArrayList<CodeBlock>();
    tests.add(CodeBlock.of("o instanceof $T other", name));
    for (ParameterSpec c : components) {
      tests.add(equal(c));
    }
    return MethodSpec.methodBuilder("equals")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.BOOLEAN)
        .addParameter(Object.class, "o")
        .addStatement("return $L", CodeBlock.join(tests, "$W&& "))
        .build();
  }

  /** {@code this.c} equal to {@code other.c}, as a record compares it, or arrays by content. */
  private static CodeBlock equal(ParameterSpec c) {
    TypeName type = c.type();
    if (type instanceof ArrayTypeName array) {
      return CodeBlock.of("$T.$L($N,$Wother.$N)", ARRAYS,
          array.componentType().isPrimitive() ? "equals" : "deepEquals", c, c);
    } else if (type.equals(TypeName.DOUBLE) || type.equals(TypeName.FLOAT)) {
      return CodeBlock.of("$T.compare($N,$Wother.$N) == 0", type.box(), c, c);
    } else if (type.isPrimitive()) {
      return CodeBlock.of("$N == other.$N", c, c);
    }
    return CodeBlock.of("$T.equals($N,$Wother.$N)", OBJECTS, c, c);
  }

  private static MethodSpec hashCodeMethod(List<ParameterSpec> components) {
    var hashes = new ArrayList<CodeBlock>();
    for (ParameterSpec c : components) {
      hashes.add(c.type() instanceof ArrayTypeName array
          ? CodeBlock.of("$T.$L($N)", ARRAYS,
              array.componentType().isPrimitive() ? "hashCode" : "deepHashCode", c)
          : CodeBlock.of("$N", c));
    }
    return MethodSpec.methodBuilder("hashCode")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.INT)
        .addStatement("return $T.hash($L)", OBJECTS, CodeBlock.join(hashes, ",$W"))
        .build();
  }

  /** {@code F[value=1.0, dX=[0.5, 2.0]]}: a record's own format, arrays by content. */
  private static MethodSpec toStringMethod(ClassName name, List<ParameterSpec> components) {
    var parts = new ArrayList<CodeBlock>();
    for (int i = 0; i < components.size(); i++) {
      ParameterSpec c = components.get(i);
      String label = (i == 0 ? name.simpleName() + "[" : ", ") + c.name() + "=";
      parts.add(CodeBlock.of("$S", label));
      parts.add(c.type() instanceof ArrayTypeName array
          ? CodeBlock.of("$T.$L($N)", ARRAYS,
              array.componentType().isPrimitive() ? "toString" : "deepToString", c)
          : CodeBlock.of("$N", c));
    }
    parts.add(CodeBlock.of("$S", "]"));
    return MethodSpec.methodBuilder("toString")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $L", CodeBlock.join(parts, "$W+ "))
        .build();
  }
}
