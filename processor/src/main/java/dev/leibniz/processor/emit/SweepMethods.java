package dev.leibniz.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.Param;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The methods that run a differentiable method's sweeps: its pullback, the same with a reusable
 * workspace, and its forward and backward halves, which callers' generated code runs in their
 * own forward and backward sweeps so that no callee is evaluated twice.
 */
final class SweepMethods {
  static final ClassName WORKSPACE = ClassName.get("dev.leibniz", "Workspace");

  private SweepMethods() {}

  /** The four methods for {@code method}, whose Javadoc links to {@code reference}. */
  static List<MethodSpec> of(AdjointMethod method, String reference) {
    return List.of(
        pullback(method, reference),
        pullbackWithWorkspace(method, reference),
        forwardHalf(method, reference),
        backwardHalf(method, reference));
  }

  /** The documented pullback: the one below, with a workspace of its own. */
  private static MethodSpec pullback(AdjointMethod method, String reference) {
    var arguments = new ArrayList<CodeBlock>();
    adjointParameters(method).forEach(p -> arguments.add(CodeBlock.of("$N", p)));
    MethodSpec.Builder spec = start(CompanionWriter.pullbackName(method), method)
        .returns(TypeName.DOUBLE)
        .addJavadoc(PullbackDoc.of(method, reference))
        .addStatement("return $N($L, new $T())", CompanionWriter.pullbackName(method),
            CodeBlock.join(arguments, ", "), WORKSPACE);
    return withAdjoints(method, spec).build();
  }

  /** Both sweeps in one body, their stacks on a workspace the caller reuses. */
  private static MethodSpec pullbackWithWorkspace(AdjointMethod method, String reference) {
    CodeBlock.Builder body = CodeBlock.builder();
    body.add("// forward sweep\n");
    StatementPrinter.print(method.forward(), body);
    body.add("\n// backward sweep: downstream = local × upstream\n");
    StatementPrinter.print(method.backward(), body);
    body.addStatement("return $N", method.value().name());
    MethodSpec.Builder spec = start(CompanionWriter.pullbackName(method), method)
        .returns(TypeName.DOUBLE)
        .addJavadoc("As {@link #$N}, keeping what the backward sweep needs in {@code $N}, which"
                + " is\nleft as it was found: reuse it across calls and nothing is allocated.\n",
            CompanionWriter.pullbackName(method), method.workspace().name())
        .addCode(body.build());
    withAdjoints(method, spec);
    return spec.addParameter(WORKSPACE, method.workspace().name()).build();
  }

  /** The forward sweep alone, leaving on the workspace what the backward half reads. */
  private static MethodSpec forwardHalf(AdjointMethod method, String reference) {
    CodeBlock.Builder body = CodeBlock.builder();
    StatementPrinter.print(method.forward(), body);
    if (!method.boundaryPushes().isEmpty()) {
      body.add("// for the backward half\n");
      StatementPrinter.print(method.boundaryPushes(), body);
    }
    body.addStatement("return $N", method.value().name());
    return start(method.primal().name() + "Forward", method)
        .returns(TypeName.DOUBLE)
        .addJavadoc("Forward half of {@link $L}: returns its value and pushes onto {@code $N}"
                + " what\n{@link #$N} reads. Generated callers run it in their forward sweep.\n",
            reference, method.workspace().name(), method.primal().name() + "Backward")
        .addCode(body.build())
        .addParameter(WORKSPACE, method.workspace().name())
        .build();
  }

  /**
   * The backward sweep alone, from what the forward half left on the workspace: the pullback's
   * effect on the adjoints, without computing the method again.
   */
  private static MethodSpec backwardHalf(AdjointMethod method, String reference) {
    CodeBlock.Builder body = CodeBlock.builder();
    if (!method.boundaryPops().isEmpty()) {
      body.add("// from the forward half\n");
      StatementPrinter.print(method.boundaryPops(), body);
    }
    StatementPrinter.print(method.backward(), body);
    MethodSpec.Builder spec = start(method.primal().name() + "Backward", method)
        .addJavadoc("Backward half of {@link $L}: with the same arguments as the {@link #$N} call"
                + " just\nbefore it on {@code $N}, adds {@code $N} times the partial derivatives to"
                + " the\nadjoints, as {@link #$N} does, and takes back what the forward half"
                + " pushed.\n",
            reference, method.primal().name() + "Forward", method.workspace().name(),
            method.upstream().name(), CompanionWriter.pullbackName(method))
        .addCode(body.build());
    withAdjoints(method, spec);
    return spec.addParameter(WORKSPACE, method.workspace().name()).build();
  }

  private static MethodSpec.Builder start(String name, AdjointMethod method) {
    MethodSpec.Builder spec = MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC);
    CompanionWriter.addPrimalParameters(method, spec);
    return spec;
  }

  /** {@code upstream}, {@code dScalars} if any, and the array adjoints. */
  private static MethodSpec.Builder withAdjoints(AdjointMethod method, MethodSpec.Builder spec) {
    spec.addParameter(TypeName.DOUBLE, method.upstream().name());
    if (method.scalarAdjoints() != null) {
      spec.addParameter(TypeName.get(double[].class), method.scalarAdjoints().name());
    }
    for (AdjointMethod.ArrayAdjoint a : method.arrayAdjoints()) {
      spec.addParameter(Helpers.typeName(a.param().var().type().javaName()), a.adjoint().name());
    }
    return spec;
  }

  /** The names of every parameter of the pullback, in order. */
  private static List<String> adjointParameters(AdjointMethod method) {
    var names = new ArrayList<String>();
    method.primal().allParams().stream().map(Param::var).forEach(v -> names.add(v.name()));
    names.add(method.upstream().name());
    if (method.scalarAdjoints() != null) {
      names.add(method.scalarAdjoints().name());
    }
    method.arrayAdjoints().forEach(a -> names.add(a.adjoint().name()));
    return names;
  }
}
