package dev.leibniz.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.TangentMethod;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The pushforward {@code mPushforward(params…, tangents…)} of a method and the record it
 * returns: the value and its derivative along the direction the tangents give, one tangent per
 * differentiable parameter, shaped like it.
 */
final class PushforwardMethod {
  private PushforwardMethod() {}

  /** The record {@code result} and the method, or nothing for a sweep too long for one method. */
  static List<Object> of(TangentMethod method, ClassName result, String reference,
      Modifier[] visibility) {
    if (!MethodSplitter.fits(method.body())) {
      return List.of();
    }
    if (method.primal().returnType() == dev.leibniz.processor.ir.Type.VOID) {
      return List.of(inPlace(method, reference, visibility));
    }
    TypeName type = Helpers.typeName(method.primal().returnType().javaName());
    TypeSpec record = TypeSpec.recordBuilder(result.simpleName())
        .addModifiers(visibility)
        .addJavadoc(Docs.wrap("Value of $L and its derivative along a direction.\n\n"
            + "@param value the method's value\n"
            + "@param tangent the derivative of the value along the direction\n", reference))
        .recordConstructor(MethodSpec.constructorBuilder()
            .addParameter(ParameterSpec.builder(type, "value").build())
            .addParameter(ParameterSpec.builder(type, "tangent").build())
            .build())
        .build();
    CodeBlock.Builder body = CodeBlock.builder();
    StatementPrinter.print(method.body(), body);
    body.addStatement("return new $T($N, $N)", result, method.value().name(),
        method.tangent().name());
    MethodSpec.Builder spec = MethodSpec.methodBuilder(method.primal().name() + "Pushforward")
        .addModifiers(visibility)
        .addModifiers(Modifier.STATIC)
        .returns(result)
        .addJavadoc(Docs.wrap("Pushforward of $L: its value and Σᵢ ∂/∂aᵢ · tᵢ, its derivative"
            + " along the direction whose component for each differentiable parameter aᵢ is the"
            + " tangent tᵢ given after the parameters. One forward sweep, nothing saved.\n",
            reference))
        .addJavadoc(Docs.wrap(parameters(method)))
        .addJavadoc("@return the value and its derivative along the direction\n")
        .addCode(body.build());
    addParameters(method, spec);
    var specs = new ArrayList<Object>();
    specs.add(record);
    specs.add(spec.build());
    return specs;
  }

  /**
   * The pushforward of a method writing into its arrays: it writes into them as the method
   * does, and into their tangents the tangents of what it writes.
   */
  private static MethodSpec inPlace(TangentMethod method, String reference,
      Modifier[] visibility) {
    CodeBlock.Builder body = CodeBlock.builder();
    StatementPrinter.print(method.body(), body);
    MethodSpec.Builder spec = MethodSpec.methodBuilder(method.primal().name() + "Pushforward")
        .addModifiers(visibility)
        .addModifiers(Modifier.STATIC)
        .addJavadoc(Docs.wrap("Pushforward of $L, which writes into its arrays: it writes into"
            + " them as the method does, and into the tangent given for each the derivative of"
            + " its new contents along the direction the tangents give. One forward sweep,"
            + " nothing saved.\n", reference))
        .addJavadoc(Docs.wrap(parameters(method)))
        .addCode(body.build());
    addParameters(method, spec);
    return spec.build();
  }

  private static void addParameters(TangentMethod method, MethodSpec.Builder spec) {
    for (Param p : method.primal().allParams()) {
      spec.addParameter(CompanionWriter.typeOf(p), p.var().name());
    }
    var differentiable = method.primal().params().stream().filter(Param::differentiable).toList();
    for (int i = 0; i < differentiable.size(); i++) {
      spec.addParameter(Helpers.typeName(differentiable.get(i).var().type().javaName()),
          method.tangentParams().get(i).name());
    }
  }

  private static CodeBlock parameters(TangentMethod method) {
    CodeBlock.Builder doc = CodeBlock.builder().add("\n");
    Param receiver = method.primal().receiver();
    for (Param p : method.primal().allParams()) {
      if (p == receiver) {
        doc.add("@param $N the receiver\n", p.var().name());
      } else {
        doc.add("@param $N the argument {@code $N}\n", p.var().name(), p.var().name());
      }
    }
    var differentiable = method.primal().params().stream().filter(Param::differentiable).toList();
    for (int i = 0; i < differentiable.size(); i++) {
      doc.add("@param $N the direction's component for {@code $N}\n",
          method.tangentParams().get(i).name(), differentiable.get(i).var().name());
    }
    return doc.build();
  }
}
