package dev.leibniz.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.TypeRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The emit phase: writes the companion class of one user class, with a result record and a
 * gradient method for each differentiable method.
 */
public final class CompanionWriter {
  private static final String PROCESSOR = "dev.leibniz.processor.DifferentiableProcessor";

  private CompanionWriter() {}

  /** The companion's simple name: {@code p.C → CGradients}, {@code p.A.B → A_BGradients}. */
  public static String companionName(TypeRef owner) {
    return String.join("_", owner.simpleNames()) + "Gradients";
  }

  /** The companion class of {@code owner} as a Java file. */
  public static JavaFile write(TypeRef owner, List<AdjointMethod> methods) {
    String name = companionName(owner);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(name)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(
                AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                    .addMember("value", "$S", PROCESSOR)
                    .build())
            .addJavadoc(
                "Gradients of the {@code @Differentiable} methods of {@link $L}, written by"
                    + " Leibniz.\n",
                owner.nestedName())
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    Set<String> recordNames = new HashSet<>();
    for (AdjointMethod method : methods) {
      ClassName result = ClassName.get(owner.packageName(), name, recordName(method, recordNames));
      type.addType(resultRecord(method, result));
      type.addMethod(gradientMethod(method, result));
    }
    type.addMethods(Helpers.used(methods));
    return JavaFile.builder(owner.packageName(), type.build()).skipJavaLangImports(true).build();
  }

  private static String recordName(AdjointMethod method, Set<String> taken) {
    String base = Character.toUpperCase(method.primal().name().charAt(0))
        + method.primal().name().substring(1);
    String candidate = base;
    for (int i = 2; !taken.add(candidate); i++) {
      candidate = base + i;
    }
    return candidate;
  }

  private static TypeSpec resultRecord(AdjointMethod method, ClassName result) {
    var components = new ArrayList<ParameterSpec>();
    components.add(ParameterSpec.builder(TypeName.DOUBLE, "value").build());
    for (AdjointMethod.Gradient g : method.gradients()) {
      TypeName type = Helpers.typeName(g.param().var().type().javaName());
      components.add(ParameterSpec.builder(type, g.param().accessor()).build());
    }
    return TypeSpec.recordBuilder(result.simpleName())
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Value and gradient of {@link $L}.\n", reference(method))
        .recordConstructor(MethodSpec.constructorBuilder().addParameters(components).build())
        .build();
  }

  private static MethodSpec gradientMethod(AdjointMethod method, ClassName result) {
    CodeBlock.Builder body = CodeBlock.builder();
    body.add("// forward sweep\n");
    body.add(Helpers.stackDeclarations(method.stacks()));
    StatementPrinter.print(method.forward(), body);
    body.add("\n// backward sweep: downstream = local × upstream\n");
    StatementPrinter.print(method.backward(), body);
    CodeBlock values =
        method.gradients().stream()
            .map(g -> ExprPrinter.print(g.value()))
            .collect(CodeBlock.joining(", "));
    String separator = method.gradients().isEmpty() ? "" : ", ";
    body.addStatement("return new $T($N$L$L)", result, method.value().name(), separator, values);
    MethodSpec.Builder spec =
        MethodSpec.methodBuilder(method.primal().name())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(result)
            .addJavadoc("Value and gradient of {@link $L}.\n", reference(method))
            .addCode(body.build());
    for (Param p : method.primal().allParams()) {
      spec.addParameter(typeOf(p), p.var().name());
    }
    return spec.build();
  }

  private static TypeName typeOf(Param p) {
    if (p.objectType() == null) {
      return Helpers.typeName(p.var().type().javaName());
    }
    ClassName raw = ExprPrinter.className(p.objectType());
    if (p.typeArguments() == 0) {
      return raw;
    }
    var wildcards = new TypeName[p.typeArguments()];
    java.util.Arrays.fill(wildcards, WildcardTypeName.subtypeOf(Object.class));
    return ParameterizedTypeName.get(raw, wildcards);
  }

  /** {@code Model#f(double, double)}, for Javadoc links to the user's method. */
  private static String reference(AdjointMethod method) {
    String params =
        method.primal().params().stream()
            .map(p -> p.objectType() == null
                ? p.var().type().javaName()
                : p.objectType().nestedName())
            .collect(Collectors.joining(", "));
    return method.primal().owner().nestedName() + "#" + method.primal().name() + "(" + params + ")";
  }
}
