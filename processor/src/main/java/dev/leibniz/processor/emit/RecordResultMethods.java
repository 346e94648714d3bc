package dev.leibniz.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.TangentMethod;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The methods users call for a method {@code m} returning a record. The sweeps are those of
 * {@code mComponents}, the function returning the record's components in a {@code double[]};
 * these take and return records: {@code mPullback(params…, R upstream, dScalars, arrays…)}
 * returns the value and adds into the adjoints as any pullback does, and
 * {@code mPushforward(params…, tangents…)} returns the value and its tangent as records.
 */
final class RecordResultMethods {
  private RecordResultMethods() {}

  static List<Object> of(AdjointMethod method, TangentMethod tangent, ClassName tangentRecord,
      String reference) {
    Type.Record type = method.primal().resultRecord();
    TypeName record = TypeNames.of(type);
    var specs = new ArrayList<Object>();
    specs.add(pullback(method, record, reference, false));
    specs.add(pullback(method, record, reference, true));
    specs.add(TypeSpec.recordBuilder(tangentRecord.simpleName())
        .addModifiers(CompanionWriter.visibility(method))
        .addJavadoc(Docs.wrap("Value of $L and its derivative along a direction.\n\n"
            + "@param value the method's value\n"
            + "@param tangent the derivative of the value along the direction\n", reference))
        .recordConstructor(MethodSpec.constructorBuilder()
            .addParameter(ParameterSpec.builder(record, "value").build())
            .addParameter(ParameterSpec.builder(record, "tangent").build())
            .build())
        .build());
    specs.add(pushforward(method, tangent, tangentRecord, reference));
    return specs;
  }

  private static MethodSpec pullback(AdjointMethod method, TypeName record, String reference,
      boolean withWorkspace) {
    String user = method.primal().userMethod();
    String components = method.primal().name();
    String workspace = method.workspace().name();
    String upstream = method.upstream().name();
    CodeBlock.Builder body = CodeBlock.builder().add(Declared.unpack(method.primal()));
    if (!withWorkspace) {
      body.addStatement("$T $N = new $T()", SweepMethods.WORKSPACE, workspace,
          SweepMethods.WORKSPACE);
    }
    var flat = new ArrayList<CodeBlock>();
    method.primal().allParams().forEach(p -> flat.add(CodeBlock.of("$N", p.var().name())));
    String value = Helpers.unique("value", names(method));
    String flatUpstream = Helpers.unique("components", names(method));
    body.addStatement("double[] $N = $N($L)", value, components + "Forward",
        CodeBlock.join(withLast(flat, CodeBlock.of("$N", workspace)), ",$W"));
    body.addStatement("double[] $N = $L", flatUpstream, array(method, upstream));
    var adjoints = new ArrayList<>(flat);
    adjoints.add(CodeBlock.of("$N", flatUpstream));
    if (method.scalarAdjoints() != null) {
      adjoints.add(CodeBlock.of("$N", method.scalarAdjoints().name()));
    }
    method.arrayAdjoints().forEach(a -> adjoints.add(CodeBlock.of("$N", a.adjoint().name())));
    adjoints.add(CodeBlock.of("$N", workspace));
    body.addStatement("$N($L)", components + "Backward", CodeBlock.join(adjoints, ",$W"));
    body.addStatement("return $L", built(method.primal().resultRecord(), value,
        new int[] {0}));
    MethodSpec.Builder spec = MethodSpec.methodBuilder(user + "Pullback")
        .addModifiers(CompanionWriter.visibility(method))
        .addModifiers(Modifier.STATIC)
        .returns(record)
        .addJavadoc(Docs.wrap("Pullback of $L, which returns a record: adds {@code $N} × the"
            + " partial derivatives of the value's components, {@code $N} holding their"
            + " upstream gradients, into the adjoints; a record parameter's components have"
            + " slots of their own.\n", reference, upstream, upstream))
        .addJavadoc(Docs.wrap(Docs.parameters(method, true, withWorkspace)))
        .addJavadoc("@return the method's value\n")
        .addCode(body.build());
    Declared.addParameters(method.primal(), spec);
    spec.addParameter(record, upstream);
    if (method.scalarAdjoints() != null) {
      spec.addParameter(double[].class, method.scalarAdjoints().name());
    }
    method.arrayAdjoints().forEach(a -> spec.addParameter(TypeNames.of(a.param().var().type()),
        a.adjoint().name()));
    if (withWorkspace) {
      spec.addParameter(SweepMethods.WORKSPACE, workspace);
    }
    return spec.build();
  }

  private static MethodSpec pushforward(AdjointMethod method, TangentMethod tangent,
      ClassName result, String reference) {
    String pushed = Helpers.unique("pushed", names(method));
    var arguments = new ArrayList<CodeBlock>();
    method.primal().allParams().forEach(p -> arguments.add(CodeBlock.of("$N", p.var().name())));
    tangent.tangentParams().forEach(t -> arguments.add(CodeBlock.of("$N", t.name())));
    CodeBlock.Builder body = CodeBlock.builder()
        .add(PushforwardMethod.unpack(tangent))
        .addStatement("var $N = $N($L)", pushed, method.primal().name() + "Pushforward",
            CodeBlock.join(arguments, ",$W"))
        .addStatement("return new $T($L,$W$L)", result,
            built(method.primal().resultRecord(), pushed + ".value()", new int[] {0}),
            built(method.primal().resultRecord(), pushed + ".tangent()",
                new int[] {0}));
    MethodSpec.Builder spec = MethodSpec.methodBuilder(method.primal().userMethod()
            + "Pushforward")
        .addModifiers(CompanionWriter.visibility(method))
        .addModifiers(Modifier.STATIC)
        .returns(result)
        .addJavadoc(Docs.wrap("Pushforward of $L: its value and its derivative along the"
            + " direction the tangents after the parameters give, both records.\n", reference))
        .addJavadoc(Docs.wrap(PushforwardMethod.parametersDoc(tangent)))
        .addJavadoc("@return the value and its derivative along the direction\n")
        .addCode(body.build());
    PushforwardMethod.addDeclaredParameters(tangent, spec);
    return spec.build();
  }

  /** {@code new R(a[0], new S(a[1], a[2]))}: a record from its components, in order. */
  private static CodeBlock built(Type.Record type, String array,
      int[] next) {
    var parts = new ArrayList<CodeBlock>();
    for (Type.Component c : type.components()) {
      // The components come back as doubles: narrowed to their own types.
      String narrowed = c.type() == Type.DOUBLE ? "" : "(" + c.type().javaName() + ") ";
      parts.add(c.type() instanceof Type.Record nested
          ? built(nested, array, next)
          : CodeBlock.of("$L$L[$L]", narrowed, array, next[0]++));
    }
    return CodeBlock.of("new $T($L)", TypeNames.of(type), CodeBlock.join(parts, ",$W"));
  }

  /** {@code new double[] {u.x(), u.pos().y()}}: a record's components in order. */
  private static CodeBlock array(AdjointMethod method, String record) {
    var parts = new ArrayList<CodeBlock>();
    accessors(method.primal().resultRecord(), List.of(), record, parts);
    return CodeBlock.of("new double[] {$L}", CodeBlock.join(parts, ",$W"));
  }

  private static void accessors(Type.Record type, List<String> prefix, String record,
      List<CodeBlock> into) {
    for (Type.Component c : type.components()) {
      var path = new ArrayList<>(prefix);
      path.add(c.name());
      if (c.type() instanceof Type.Record nested) {
        accessors(nested, path, record, into);
      } else {
        into.add(Declared.access(record, path));
      }
    }
  }

  private static java.util.Set<String> names(AdjointMethod method) {
    var taken = new java.util.HashSet<String>();
    method.primal().allParams().forEach(p -> taken.add(p.var().name()));
    Declared.of(method.primal()).forEach(d -> taken.add(d.name()));
    taken.add(method.workspace().name());
    taken.add(method.upstream().name());
    if (method.scalarAdjoints() != null) {
      taken.add(method.scalarAdjoints().name());
    }
    method.arrayAdjoints().forEach(a -> taken.add(a.adjoint().name()));
    return taken;
  }

  private static List<CodeBlock> withLast(List<CodeBlock> list, CodeBlock last) {
    var all = new ArrayList<>(list);
    all.add(last);
    return all;
  }
}
