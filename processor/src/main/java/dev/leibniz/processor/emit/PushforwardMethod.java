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

  /**
   * The record {@code result} (unless the method returns nothing), the method, and the parts of
   * a sweep too long for one method.
   */
  static List<Object> of(TangentMethod method, ClassName result, String reference,
      Modifier[] visibility) {
    var specs = new ArrayList<Object>();
    CodeBlock.Builder body = CodeBlock.builder();
    String name = method.primal().name() + "Pushforward";
    if (MethodSplitter.fits(method.body())) {
      StatementPrinter.print(method.body(), body);
    } else {
      boolean returns = method.primal().returnType() != dev.leibniz.processor.ir.Type.VOID;
      MethodSplitter.Split split = MethodSplitter.split(method.splittable(), parameters(method),
          returns ? List.of(method.value(), method.tangent()) : List.of());
      specs.addAll(MethodSplitter.parts(split, name, body, arguments(method),
          spec -> addParameters(method, spec)));
      if (returns) {
        body.addStatement("$T $N = $L", TypeNames.of(method.value().type()),
            method.value().name(), ExprPrinter.print(split.results().get(method.value())));
        body.addStatement("$T $N = $L", TypeNames.of(method.tangent().type()),
            method.tangent().name(), ExprPrinter.print(split.results().get(method.tangent())));
      }
    }
    if (method.primal().returnType() == dev.leibniz.processor.ir.Type.VOID) {
      specs.add(0, inPlace(method, reference, visibility, body));
      if (hasRecords(method)) {
        specs.add(0, withRecords(method, null, reference, visibility));
      }
      return specs;
    }
    if (hasRecords(method)) {
      specs.add(0, withRecords(method, result, reference, visibility));
    }
    TypeName type = TypeNames.of(method.primal().returnType());
    TypeSpec record = ResultRecords.of(result, visibility,
        Docs.wrap("Value of $L and its derivative along a direction.\n\n"
            + "@param value the method's value\n"
            + "@param tangent the derivative of the value along the direction\n", reference),
        List.of(ParameterSpec.builder(type, "value").build(),
            ParameterSpec.builder(type, "tangent").build()));
    body.addStatement("return new $T($N, $N)", result, method.value().name(),
        method.tangent().name());
    MethodSpec.Builder spec = MethodSpec.methodBuilder(name)
        .addModifiers(visibility)
        .addModifiers(Modifier.STATIC)
        .returns(result)
        .addJavadoc(Docs.wrap("Pushforward of $L: its value and Σᵢ ∂/∂aᵢ · tᵢ, its derivative"
            + " along the direction whose component for each differentiable parameter aᵢ is the"
            + " tangent tᵢ given after the parameters. One forward sweep, nothing saved.\n",
            reference))
        .addJavadoc(Docs.wrap(flatDoc(method)))
        .addJavadoc("@return the value and its derivative along the direction\n")
        .addCode(body.build());
    addParameters(method, spec);
    specs.add(0, spec.build());
    specs.add(0, record);
    return specs;
  }

  /** The pushforward's own parameters: the method's, then the tangents. */
  private static java.util.Set<dev.leibniz.processor.ir.Expr.Var> parameters(
      TangentMethod method) {
    var all = new java.util.HashSet<dev.leibniz.processor.ir.Expr.Var>();
    method.primal().allParams().forEach(p -> all.add(p.var()));
    all.addAll(method.tangentParams());
    return all;
  }

  private static CodeBlock arguments(TangentMethod method) {
    var names = new ArrayList<CodeBlock>();
    method.primal().allParams().forEach(p -> names.add(CodeBlock.of("$N", p.var().name())));
    method.tangentParams().forEach(t -> names.add(CodeBlock.of("$N", t.name())));
    return CodeBlock.join(names, ",$W");
  }

  /**
   * The pushforward of a method writing into its arrays: it writes into them as the method
   * does, and into their tangents the tangents of what it writes.
   */
  private static MethodSpec inPlace(TangentMethod method, String reference,
      Modifier[] visibility, CodeBlock.Builder body) {
    MethodSpec.Builder spec = MethodSpec.methodBuilder(method.primal().name() + "Pushforward")
        .addModifiers(visibility)
        .addModifiers(Modifier.STATIC)
        .addJavadoc(Docs.wrap("Pushforward of $L, which writes into its arrays: it writes into"
            + " them as the method does, and into the tangent given for each the derivative of"
            + " its new contents along the direction the tangents give. One forward sweep,"
            + " nothing saved.\n", reference))
        .addJavadoc(Docs.wrap(flatDoc(method)))
        .addCode(body.build());
    addParameters(method, spec);
    return spec.build();
  }

  static void addParameters(TangentMethod method, MethodSpec.Builder spec) {
    for (Param p : method.primal().allParams()) {
      spec.addParameter(CompanionWriter.typeOf(p), p.var().name());
    }
    var differentiable = method.primal().params().stream().filter(Param::differentiable).toList();
    for (int i = 0; i < differentiable.size(); i++) {
      spec.addParameter(TypeNames.of(differentiable.get(i).var().type()),
          method.tangentParams().get(i).name());
    }
  }

  private static boolean hasRecords(TangentMethod method) {
    return method.primal().allParams().stream().anyMatch(p -> p.part() != null);
  }

  /**
   * For a method of records, the pushforward users call: the records and records of tangents,
   * read into the components the one above takes, which generated callers call.
   */
  private static MethodSpec withRecords(TangentMethod method, ClassName result,
      String reference, Modifier[] visibility) {
    MethodSpec.Builder spec = MethodSpec.methodBuilder(method.primal().publicName()
            + "Pushforward")
        .addModifiers(visibility)
        .addModifiers(Modifier.STATIC)
        .addJavadoc(Docs.wrap("Pushforward of $L: $L along the direction whose component for"
            + " each differentiable parameter is the tangent given after the parameters; for a"
            + " record, a record of the same type.\n", reference, result == null
                ? "writes into its arrays as the method does, and into their tangents theirs"
                : "its value and its derivative"))
        .addJavadoc(Docs.wrap(parametersDoc(method)))
        .addCode(unpack(method));
    CodeBlock call = CodeBlock.of("$N($L)", method.primal().name() + "Pushforward",
        arguments(method));
    if (result == null) {
      spec.addStatement("$L", call);
    } else {
      spec.returns(result)
          .addJavadoc("@return the value and its derivative along the direction\n")
          .addStatement("return $L", call);
    }
    addDeclaredParameters(method, spec);
    return spec.build();
  }

  /** {@code @param} for the parameters one component at a time, then the tangents. */
  private static CodeBlock flatDoc(TangentMethod method) {
    CodeBlock.Builder doc = Docs.componentParameters(method.primal());
    var differentiable = method.primal().params().stream().filter(Param::differentiable)
        .toList();
    for (int i = 0; i < differentiable.size(); i++) {
      doc.add("@param $N the direction's component for {@code $N}\n",
          method.tangentParams().get(i).name(), differentiable.get(i).var().name());
    }
    return doc.build();
  }

  /**
   * The parameters as declared, then one tangent per differentiable declared parameter: for a
   * record, a record of the same type whose differentiable components are the direction's.
   */
  static void addDeclaredParameters(TangentMethod method, MethodSpec.Builder spec) {
    Declared.addParameters(method.primal(), spec);
    for (Declared.Parameter d : Declared.differentiable(method.primal())) {
      spec.addParameter(d.isRecord() ? Declared.recordType(d.first())
          : TypeNames.of(d.first().var().type()), tangentName(method, d));
    }
  }

  /** A declared parameter's tangent: the sweep's own, or for a record {@code pDot}. */
  private static String tangentName(TangentMethod method, Declared.Parameter d) {
    return d.isRecord() ? Declared.recordDirection(method.primal(), d)
        : tangentOf(method, d.first()).name();
  }

  private static dev.leibniz.processor.ir.Expr.Var tangentOf(TangentMethod method, Param p) {
    var differentiable = method.primal().params().stream().filter(Param::differentiable).toList();
    return method.tangentParams().get(differentiable.indexOf(p));
  }

  /** The record parameters' components and their tangents' read into the sweep's variables. */
  static CodeBlock unpack(TangentMethod method) {
    CodeBlock.Builder code = CodeBlock.builder().add(Declared.unpack(method.primal()));
    for (Declared.Parameter d : Declared.differentiable(method.primal())) {
      for (Param p : d.isRecord() ? d.parts() : List.<Param>of()) {
        if (p.differentiable()) {
          code.add(Declared.unpack(p, tangentOf(method, p).name(), tangentName(method, d),
              method.primal()));
        }
      }
    }
    return code.build();
  }

  static CodeBlock parametersDoc(TangentMethod method) {
    CodeBlock.Builder doc = Docs.primalParameters(method.primal());
    for (Declared.Parameter d : Declared.differentiable(method.primal())) {
      doc.add("@param $N the direction's component for {@code $N}\n", tangentName(method, d),
          d.name());
    }
    return doc.build();
  }
}
