package dev.leibniz.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.Param;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The record method {@code m(params…)} of a method returning {@code double[]}: its value and
 * the blocks of its Jacobian, output index first, one reverse sweep per output (row k of the
 * Jacobian is the pullback of the k-th unit vector).
 */
final class JacobianMethod {
  private JacobianMethod() {}

  static MethodSpec of(AdjointMethod method, ClassName result, String reference) {
    Set<String> taken = new HashSet<>();
    method.primal().allParams().forEach(p -> taken.add(p.var().name()));
    String workspace = unique("workspace", taken);
    String value = unique("value", taken);
    String outputs = unique("outputs", taken);
    String row = unique("k", taken);
    String upstream = unique("upstream", taken);
    String scalars = unique("dScalars", taken);
    CodeBlock.Builder body = CodeBlock.builder().add(Declared.unpack(method.primal()))
        .addStatement("$T $N = new $T()", SweepMethods.WORKSPACE, workspace, SweepMethods.WORKSPACE)
        .addStatement("double[] $N = $N($L, $N)", value, method.primal().name() + "Forward",
            primalArguments(method), workspace)
        .addStatement("$N.clear()", workspace)
        .addStatement("int $N = $N.length", outputs, value)
        .addStatement("double[] $N = new double[$N]", upstream, outputs);
    List<Param> differentiable = CompanionWriter.differentiable(method);
    var blocks = new ArrayList<String>();
    for (Param p : differentiable) {
      String block = unique(p.accessor(), taken);
      blocks.add(block);
      body.addStatement("$L $N = new $L", p.var().type().javaName() + "[]", block,
          p.var().type().isArray()
              ? "double[" + outputs + "]" + "[]".repeat(rank(p))
              : "double[" + outputs + "]");
    }
    forwardColumns(method, body, result, value, outputs, blocks, taken);
    if (method.scalarAdjoints() != null) {
      body.addStatement("double[] $N = new double[$L]", scalars, method.scalarParams().size());
    }
    body.beginControlFlow("for (int $N = 0; $N < $N; $N++)", row, row, outputs, row)
        .addStatement("$N[$N] = 1.0", upstream, row);
    // The pullback takes records as declared.
    var arguments = new ArrayList<CodeBlock>(Declared.arguments(method.primal()));
    arguments.add(CodeBlock.of("$N", upstream));
    if (method.scalarAdjoints() != null) {
      body.addStatement("$T.fill($N, 0.0)", java.util.Arrays.class, scalars);
      arguments.add(CodeBlock.of("$N", scalars));
    }
    for (int i = 0; i < differentiable.size(); i++) {
      Param p = differentiable.get(i);
      if (p.var().type().isArray()) {
        body.addStatement("$N[$N] = $L", blocks.get(i), row,
            ExprPrinter.print(Helpers.zerosLike(p.var())));
        arguments.add(CodeBlock.of("$N[$N]", blocks.get(i), row));
      }
    }
    arguments.add(CodeBlock.of("$N", workspace));
    body.addStatement("$N($L)", CompanionWriter.pullbackName(method),
        CodeBlock.join(arguments, ",$W"));
    int scalar = 0;
    for (int i = 0; i < differentiable.size(); i++) {
      if (!differentiable.get(i).var().type().isArray()) {
        body.addStatement("$N[$N] = $N[$L]", blocks.get(i), row, scalars, scalar++);
      }
    }
    body.addStatement("$N[$N] = 0.0", upstream, row).endControlFlow();
    body.addStatement("return new $T($L)", result, components(method, value, outputs, blocks,
        body, taken));
    MethodSpec.Builder spec = MethodSpec.methodBuilder(method.primal().publicName())
        .addModifiers(CompanionWriter.visibility(method))
        .addModifiers(Modifier.STATIC)
        .returns(result)
        .addJavadoc(Docs.wrap("Value and Jacobian of $L, by one reverse sweep per output.\n",
            reference))
        .addJavadoc(Docs.wrap(Docs.parameters(method, false, false)))
        .addJavadoc("@return the value and the blocks of its Jacobian\n")
        .addCode(body.build());
    Declared.addParameters(method.primal(), spec);
    return spec.build();
  }

  /**
   * The value, then a block per differentiable declared parameter: for a record (or an array of
   * records), an array of them, one per output, gathered from its components' blocks by a loop added to
   * {@code body}.
   */
  private static CodeBlock components(AdjointMethod method, String value, String outputs,
      List<String> blocks, CodeBlock.Builder body, Set<String> taken) {
    List<Param> differentiable = CompanionWriter.differentiable(method);
    var components = new ArrayList<CodeBlock>(List.of(CodeBlock.of("$N", value)));
    for (Declared.Parameter p : Declared.differentiable(method.primal())) {
      if (!p.isRecord()) {
        components.add(CodeBlock.of("$N", blocks.get(differentiable.indexOf(p.first()))));
        continue;
      }
      String records = unique(Declared.accessor(p), taken);
      String k = unique("output", taken);
      TypeName type = Declared.recordType(p.first());
      // new R[outputs], or for an array of records new R[outputs][].
      CodeBlock created = type instanceof com.palantir.javapoet.ArrayTypeName array
          ? CodeBlock.of("new $T[$N][]", array.componentType(), outputs)
          : CodeBlock.of("new $T[$N]", type, outputs);
      // The gradient of an array of records is built in a lambda, which reads a final index.
      String at = unique("at", taken);
      body.addStatement("$T[] $N = $L", type, records, created)
          .beginControlFlow("for (int $N = 0; $N < $N; $N++)", k, k, outputs, k)
          .addStatement("int $N = $N", at, k)
          .addStatement("$N[$N] = $L", records, at, Declared.gradient(p,
              q -> CodeBlock.of("$N[$N]", blocks.get(differentiable.indexOf(q)), at)))
          .endControlFlow();
      components.add(CodeBlock.of("$N", records));
    }
    return CodeBlock.join(components, ",$W");
  }

  /**
   * With fewer input numbers than outputs, the Jacobian column by column: one pushforward per
   * input number, along its unit vector. Returns from the method when it applies.
   */
  private static void forwardColumns(AdjointMethod method, CodeBlock.Builder body,
      ClassName result, String value, String outputs, List<String> blocks, Set<String> taken) {
    List<Param> differentiable = CompanionWriter.differentiable(method);
    String inputs = unique("inputs", taken);
    String each = unique("row", taken);
    String j = unique("j", taken);
    String r = unique("r", taken);
    String c = unique("c", taken);
    body.addStatement("int $N = 0", inputs);
    for (Param p : differentiable) {
      String name = p.var().name();
      switch (p.var().type().rank()) {
        case 1 -> body.addStatement("$N += $N.length", inputs, name);
        case 2 -> body.beginControlFlow("for (double[] $N : $N)", each, name)
            .addStatement("$N += $N.length", inputs, each)
            .endControlFlow();
        default -> body.addStatement("$N++", inputs);
      }
    }
    body.beginControlFlow("if ($N < $N)", inputs, outputs)
        .add("// fewer inputs than outputs: one forward sweep per input\n");
    var directions = new ArrayList<String>();
    for (Param p : differentiable) {
      String direction = unique(p.var().name() + "Direction", taken);
      directions.add(direction);
      body.addStatement("$L $N = $L", p.var().type().javaName(), direction,
          p.var().type().isArray() ? ExprPrinter.print(Helpers.zerosLike(p.var())) : "0.0");
    }
    String k = unique("output", taken);
    String tangent = unique("pushed", taken);
    CodeBlock call = CodeBlock.of("$N($L,$W$L)", method.primal().name() + "Pushforward",
        primalArguments(method), CodeBlock.join(directions.stream()
            .map(d -> CodeBlock.of("$N", d)).toList(), ",$W"));
    for (int i = 0; i < differentiable.size(); i++) {
      Param p = differentiable.get(i);
      String d = directions.get(i);
      String block = blocks.get(i);
      switch (p.var().type().rank()) {
        case 1 -> {
          body.beginControlFlow("for (int $N = 0; $N < $N; $N++)", k, k, outputs, k)
              .addStatement("$N[$N] = new double[$N.length]", block, k, p.var().name())
              .endControlFlow();
          body.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", j, j, d, j)
              .addStatement("$N[$N] = 1.0", d, j)
              .addStatement("double[] $N = $L.tangent()", tangent, call)
              .beginControlFlow("for (int $N = 0; $N < $N; $N++)", k, k, outputs, k)
              .addStatement("$N[$N][$N] = $N[$N]", block, k, j, tangent, k)
              .endControlFlow()
              .addStatement("$N[$N] = 0.0", d, j)
              .endControlFlow();
        }
        case 2 -> {
          body.beginControlFlow("for (int $N = 0; $N < $N; $N++)", k, k, outputs, k)
              .addStatement("$N[$N] = $T.zerosLike($N)", block, k,
                  ClassName.get("dev.leibniz", "AdjointArrays"), p.var().name())
              .endControlFlow();
          body.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", r, r, d, r)
              .beginControlFlow("for (int $N = 0; $N < $N[$N].length; $N++)", c, c, d, r, c)
              .addStatement("$N[$N][$N] = 1.0", d, r, c)
              .addStatement("double[] $N = $L.tangent()", tangent, call)
              .beginControlFlow("for (int $N = 0; $N < $N; $N++)", k, k, outputs, k)
              .addStatement("$N[$N][$N][$N] = $N[$N]", block, k, r, c, tangent, k)
              .endControlFlow()
              .addStatement("$N[$N][$N] = 0.0", d, r, c)
              .endControlFlow()
              .endControlFlow();
        }
        default -> body.addStatement("$N = 1.0", d)
            .addStatement("$N = $L.tangent()", block, call)
            .addStatement("$N = 0.0", d);
      }
    }
    body.addStatement("return new $T($L)", result, components(method, value, outputs, blocks,
        body, taken)).endControlFlow();
  }

  private static int rank(Param p) {
    return p.var().type().javaName().length() - p.var().type().javaName().replace("[]", "")
        .length() >> 1;
  }

  private static CodeBlock primalArguments(AdjointMethod method) {
    return method.primal().allParams().stream()
        .map(p -> CodeBlock.of("$N", p.var().name()))
        .collect(CodeBlock.joining(",$W"));
  }

  private static String unique(String base, Set<String> taken) {
    return Helpers.unique(base, taken);
  }
}
