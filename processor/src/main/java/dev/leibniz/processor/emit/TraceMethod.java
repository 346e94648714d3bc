package dev.leibniz.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.TangentMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
  static List<MethodSpec> of(TangentMethod method, Expr.Var trace, String reference,
      Modifier[] visibility) {
    var specs = new ArrayList<MethodSpec>();
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
          trace.name(), parameter.sourceName(), parameter.var().name());
    }
    String name = method.primal().publicName() + "Trace";
    if (MethodSplitter.fits(method.body())) {
      StatementPrinter.print(method.body(), body);
      body.addStatement("return $N.finish($N)", trace.name(), method.tangent().name());
    } else {
      specs.addAll(parts(method, trace, name, body));
    }
    MethodSpec.Builder spec = MethodSpec.methodBuilder(name)
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
      addFlatParameters(method, spec);
    }
    specs.add(0, spec.build());
    return specs;
  }

  /**
   * A walk too long for one method, cut into parts as the pushforward's is: each takes the
   * method's parameters, the trace and the parameters' nodes.
   */
  private static List<MethodSpec> parts(TangentMethod method, Expr.Var trace, String name,
      CodeBlock.Builder body) {
    var parameters = new HashSet<Expr.Var>(method.tangentParams());
    method.primal().allParams().forEach(p -> parameters.add(p.var()));
    parameters.add(trace);
    MethodSplitter.Split split = MethodSplitter.split(method.splittable(), parameters,
        method.tangent());
    var arguments = new ArrayList<CodeBlock>();
    method.primal().allParams().forEach(p -> arguments.add(CodeBlock.of("$N", p.var().name())));
    arguments.add(CodeBlock.of("$N", trace.name()));
    method.tangentParams().forEach(t -> arguments.add(CodeBlock.of("$N", t.name())));
    List<MethodSpec> parts = MethodSplitter.parts(split, name, body,
        CodeBlock.join(arguments, ",$W"), spec -> {
          addFlatParameters(method, spec);
          spec.addParameter(TRACE, trace.name());
          method.tangentParams().forEach(t -> spec.addParameter(TypeNames.of(t.type()),
              t.name()));
        });
    body.addStatement("return $N.finish($L)", trace.name(),
        ExprPrinter.print(split.result()));
    return parts;
  }

  private static void addFlatParameters(TangentMethod method, MethodSpec.Builder spec) {
    for (Param p : method.primal().allParams()) {
      spec.addParameter(CompanionWriter.typeOf(p), p.var().name());
    }
  }

}
