package dev.leibniz.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.TangentMethod;
import javax.lang.model.element.Modifier;

/**
 * {@code mTrace(params…)} for a method marked {@code @Differentiable(trace = true)}: the
 * method's forward walk, each value carrying the id of its node in a {@code Trace}, which
 * the last statement finishes with the result's node.
 */
final class TraceMethod {
  private static final ClassName TRACE = ClassName.get("dev.leibniz", "Trace");

  private TraceMethod() {}

  /**
   * @param method the trace's walk, from {@code TangentBuilder.trace}
   * @param trace the local holding the trace
   */
  static MethodSpec of(TangentMethod method, Expr.Var trace, String reference,
      Modifier[] visibility) {
    CodeBlock.Builder body = CodeBlock.builder();
    boolean records = method.primal().allParams().stream().anyMatch(p -> p.part() != null);
    if (records) {
      body.add(Declared.unpack(method.primal()));
    }
    String owner = method.primal().owner().nestedName() + "." + method.primal().publicName();
    body.addStatement("$T $N = new $T($S)", TRACE, trace.name(), TRACE, owner);
    var differentiable = method.primal().params().stream().filter(Param::differentiable).toList();
    for (int i = 0; i < differentiable.size(); i++) {
      Expr.Var node = method.tangentParams().get(i);
      Param parameter = differentiable.get(i);
      body.addStatement("$T $N = $N.input($S, $N)", TypeNames.of(node.type()), node.name(),
          trace.name(), sourceName(parameter), parameter.var().name());
    }
    StatementPrinter.print(method.body(), body);
    body.addStatement("return $N.finish($N)", trace.name(), method.tangent().name());
    MethodSpec.Builder spec = MethodSpec.methodBuilder(method.primal().publicName() + "Trace")
        .addModifiers(visibility)
        .addModifiers(Modifier.STATIC)
        .returns(TRACE)
        .addJavadoc(Docs.wrap("The computational graph of one evaluation of $L: a node per"
            + " operation with its value and its gradient (for {@code upstream = 1}), each edge"
            + " with its local partial derivative.\n\n", reference))
        .addJavadoc(Docs.wrap(records ? Docs.primalParameters(method.primal()).build()
            : Docs.componentParameters(method.primal()).build()))
        .addJavadoc("@return the trace, finished\n")
        .addCode(body.build());
    if (records) {
      Declared.addParameters(method.primal(), spec);
    } else {
      for (Param p : method.primal().allParams()) {
        spec.addParameter(CompanionWriter.typeOf(p), p.var().name());
      }
    }
    return spec.build();
  }

  /** A parameter as the source names it: {@code p.pos().x()} for a record's component. */
  private static String sourceName(Param p) {
    if (p.part() == null) {
      return p.var().name();
    }
    var name = new StringBuilder(p.part().parameter());
    p.part().path().forEach(accessor -> name.append('.').append(accessor).append("()"));
    return name.toString();
  }
}
