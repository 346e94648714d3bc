package dev.leibniz.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
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
import java.util.Set;
import java.util.stream.IntStream;
import javax.lang.model.element.Modifier;

/**
 * The methods users call for a method {@code m} returning a record. The sweeps are those of
 * {@code mComponents}, the function returning the record's components in a {@code double[]};
 * these take and return records: {@code mPullback(params…, R upstream, dScalars, arrays…)}
 * returns the value and adds into the adjoints as any pullback does, and
 * {@code mPushforward(params…, tangents…)} returns the value and its tangent as records.
 */
final class RecordResultMethods {
  private static final ClassName COMPONENTS = ClassName.get("dev.leibniz", "RecordComponents");

  private RecordResultMethods() {}

  static List<Object> of(AdjointMethod method, TangentMethod tangent, ClassName tangentRecord,
      String reference) {
    Type.Record type = method.primal().resultRecord();
    TypeName record = typeName(type);
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
    String workspace = method.workspace().name();
    String upstream = method.upstream().name();
    MethodSpec.Builder spec = MethodSpec.methodBuilder(method.primal().userMethod() + "Pullback")
        .addModifiers(CompanionWriter.visibility(method))
        .addModifiers(Modifier.STATIC)
        .returns(record)
        .addJavadoc(Docs.wrap("Pullback of $L, which returns a record (or an array of them): adds"
            + " {@code $N} × the partial derivatives of the value's components, {@code $N}"
            + " holding their upstream gradients, into the adjoints; a record parameter's"
            + " components have slots of their own.\n", reference, upstream, upstream))
        .addJavadoc(Docs.wrap(Docs.parameters(method, true, withWorkspace)))
        .addJavadoc("@return the method's value\n")
        .addCode(pullbackBody(method, withWorkspace));
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

  /** The components' forward and backward sweeps between packing and unpacking records. */
  private static CodeBlock pullbackBody(AdjointMethod method, boolean withWorkspace) {
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
    String reader = Helpers.unique("read", names(method));
    body.addStatement("$T $N = $L", COMPONENTS, reader, read(CodeBlock.of("$N", value), null,
        method.primal().resultRecord()));
    // The value's statements (an array of records' columns) go before its return.
    CodeBlock result = value(method.primal().resultRecord(), CodeBlock.of("$N", reader), body,
        names(method));
    return body.addStatement("return $L", result).build();
  }

  private static MethodSpec pushforward(AdjointMethod method, TangentMethod tangent,
      ClassName result, String reference) {
    String pushed = Helpers.unique("pushed", names(method));
    String values = Helpers.unique("values", names(method));
    String tangents = Helpers.unique("tangents", names(method));
    Type.Record type = method.primal().resultRecord();
    var arguments = new ArrayList<CodeBlock>();
    method.primal().allParams().forEach(p -> arguments.add(CodeBlock.of("$N", p.var().name())));
    tangent.tangentParams().forEach(t -> arguments.add(CodeBlock.of("$N", t.name())));
    CodeBlock.Builder body = CodeBlock.builder()
        .add(PushforwardMethod.unpack(tangent))
        .addStatement("var $N = $N($L)", pushed, method.primal().name() + "Pushforward",
            CodeBlock.join(arguments, ",$W"))
        .addStatement("$T $N = $L", COMPONENTS, values, read(CodeBlock.of("$N.value()",
            pushed), null, type))
        .addStatement("$T $N = $L", COMPONENTS, tangents, read(CodeBlock.of("$N.tangent()",
            pushed), CodeBlock.of("$N.value()", pushed), type));
    Set<String> taken = names(method);
    CodeBlock value = value(type, CodeBlock.of("$N", values), body, taken);
    CodeBlock derivative = value(type, CodeBlock.of("$N", tangents), body, taken);
    body.addStatement("return new $T($L,$W$L)", result, value, derivative);
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

  /**
   * A reader of {@code components}, laid out as {@link RecordComponents} says; a tangent's
   * vectors have the lengths of {@code value}'s.
   */
  private static CodeBlock read(CodeBlock components, CodeBlock value, Type.Record type) {
    return value == null
        ? CodeBlock.of("$T.reader($L, $L)", COMPONENTS, components, vectors(type))
        : CodeBlock.of("$T.reader($L, $L, $L)", COMPONENTS, components, value, vectors(type));
  }

  /** The type users get: the record, or for {@link Type.Record#rowsOf} an array of them. */
  private static TypeName typeName(Type.Record type) {
    return type.rows().<TypeName>map(e -> ArrayTypeName.of(TypeNames.of(e)))
        .orElse(TypeNames.of(type));
  }

  /**
   * The value {@code reader} reads: {@link #built} for a record; for an array of records, the
   * arrays of its components into locals added to {@code body}, then a record per element.
   */
  private static CodeBlock value(Type.Record type, CodeBlock reader, CodeBlock.Builder body,
      Set<String> taken) {
    if (type.rows().isEmpty()) {
      return built(type, reader);
    }
    Type.Record element = type.rows().get();
    var columns = new ArrayList<String>();
    for (RecordComponent c : components(element, List.of())) {
      String column = Helpers.unique(String.join("_", c.path()) + "s", taken);
      taken.add(column);
      columns.add(column);
      body.addStatement("double[] $N = $L.vector()", column, reader);
    }
    String i = Helpers.unique("i", taken);
    return CodeBlock.of("$T.range(0, $N.length).mapToObj($N ->$W$L).toArray($T[]::new)",
        IntStream.class, columns.get(0), i, row(element, columns.iterator(), i),
        TypeNames.of(element));
  }

  /** {@code new R(xs[i], new S(ys[i], zs[i]))}: element {@code i} of the columns, in order. */
  private static CodeBlock row(Type.Record type, java.util.Iterator<String> columns, String i) {
    var parts = new ArrayList<CodeBlock>();
    for (Type.Component c : type.components()) {
      parts.add(c.type() instanceof Type.Record nested ? row(nested, columns, i)
          : c.type() == Type.DOUBLE ? CodeBlock.of("$N[$N]", columns.next(), i)
          : CodeBlock.of("($L) $N[$N]", c.type().javaName(), columns.next(), i));
    }
    return CodeBlock.of("new $T($L)", TypeNames.of(type), CodeBlock.join(parts, ",$W"));
  }

  /**
   * {@code new R(c.vector(), new S(c.number(), c.number()))}: a record from its components,
   * read in order; Java evaluates the arguments from left to right.
   */
  private static CodeBlock built(Type.Record type, CodeBlock reader) {
    return CodeBlock.of("new $T($L)", TypeNames.of(type), CodeBlock.join(type.components()
        .stream().map(c -> part(c.type(), reader)).toList(), ",$W"));
  }

  private static CodeBlock part(Type type, CodeBlock reader) {
    if (type instanceof Type.Record nested) {
      return built(nested, reader);
    } else if (type.isArray()) {
      return CodeBlock.of("$L.$N()", reader, type.base() == Type.FLOAT
          ? "floats" : "vector");
    }
    // The components come back as doubles: narrowed to their own types, a boolean from 1 or 0.
    return type == Type.DOUBLE ? CodeBlock.of("$L.number()", reader)
        : type == Type.BOOLEAN ? CodeBlock.of("$L.number() != 0", reader)
        : CodeBlock.of("($L) $L.number()", type.javaName(), reader);
  }

  /** {@code RecordComponents.writer(1).vector(u.q()).number(u.t()).array()}. */
  private static CodeBlock array(AdjointMethod method, String record) {
    Type.Record type = method.primal().resultRecord();
    if (type.rows().isPresent()) {
      // An array of records: the array of each component, as a vector.
      List<RecordComponent> columns = components(type.rows().get(), List.of());
      CodeBlock.Builder written = CodeBlock.builder().add("$T.writer($L)", COMPONENTS,
          vectors(type));
      String row = Helpers.unique("row", names(method));
      for (RecordComponent c : columns) {
        written.add("$Z.vector($T.stream($N).mapToDouble($N -> $L).toArray())",
            java.util.Arrays.class, record, row, Declared.access(row, type.rows().get(), c.path()));
      }
      return written.add(".array()").build();
    }
    CodeBlock.Builder written = CodeBlock.builder().add("$T.writer($L)", COMPONENTS,
        vectors(type));
    for (RecordComponent c : components(type, List.of())) {
      CodeBlock component = Declared.access(record, type, c.path());
      written.add("$Z.$N($L)", c.type().isArray() ? "vector" : "number",
          c.type() == Type.BOOLEAN ? CodeBlock.of("$L ? 1 : 0", component) : component);
    }
    return written.add(".array()").build();
  }

  /** A component that is a number or a vector, and the accessors that lead to it. */
  private record RecordComponent(List<String> path, Type type) {}

  private static List<RecordComponent> components(Type.Record type, List<String> prefix) {
    var all = new ArrayList<RecordComponent>();
    for (Type.Component c : type.components()) {
      var path = new ArrayList<>(prefix);
      path.add(c.name());
      if (c.type() instanceof Type.Record nested) {
        all.addAll(components(nested, path));
      } else {
        all.add(new RecordComponent(path, c.type()));
      }
    }
    return all;
  }

  /** How many vectors the components hold: for an array of records, one per component. */
  private static long vectors(Type.Record type) {
    if (type.rows().isPresent()) {
      return components(type.rows().get(), List.of()).size();
    }
    return components(type, List.of()).stream().filter(c -> c.type().isArray()).count();
  }

  private static Set<String> names(AdjointMethod method) {
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
