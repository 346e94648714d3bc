package dev.leibniz.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.Constant;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.TangentMethod;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
    return owner.companion().simpleNames().get(0);
  }

  /**
   * What the companion has for one method.
   *
   * @param adjoint its sweeps in reverse mode
   * @param tangent its sweep in forward mode
   * @param directional for a method of order 2, the sweeps of its directional derivative,
   *     whose pullback gives Hessian-vector products; else null
   * @param trace for a method marked {@code trace = true}, the walk of its trace, recording
   *     into {@link #TRACE_LOCAL}; else null
   */
  public record Entry(AdjointMethod adjoint, TangentMethod tangent, AdjointMethod directional,
      TangentMethod trace) {}

  /** The local of a trace method that holds the trace. */
  public static final Expr.Var TRACE_LOCAL = new Expr.Var("_trace", Type.OBJECT);

  /** The companion class of {@code owner} as a Java file. */
  public static JavaFile write(TypeRef owner, List<Entry> entries) {
    List<AdjointMethod> methods = entries.stream().map(Entry::adjoint).toList();
    String name = companionName(owner);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(name)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(
                AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                    .addMember("value", "$S", PROCESSOR)
                    .build())
            .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "$S", "auxiliaryclass")
                .build())
            .addJavadoc(Docs.wrap(
                "Gradients of the {@code @Differentiable} methods of {@link $L}, written by"
                    + " Leibniz.\n\n<p>It calls what the user's code calls, auxiliary classes"
                    + " of the same source file\nincluded.\n",
                owner.nestedName()))
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    constants(methods).forEach(type::addField);
    Set<String> recordNames = new HashSet<>();
    for (AdjointMethod method : methods) {
      Type returned = method.primal().returnType();
      boolean record = method.primal().resultRecord() != null;
      if (returned != Type.VOID && !record) {
        ClassName result =
            ClassName.get(owner.packageName(), name, recordName(method, recordNames));
        type.addType(resultRecord(method, result));
        type.addMethod(returned.isFloating()
            ? gradientMethod(method, result)
            : JacobianMethod.of(method, result, reference(method)));
      }
      Entry entry = entries.stream().filter(e -> e.adjoint() == method).findFirst().orElseThrow();
      type.addMethods(SweepMethods.of(method, reference(method), entry.tangent()));
      ClassName tangentRecord = ClassName.get(owner.packageName(), name,
          recordName(method, recordNames, "Tangent"));
      addAll(type, PushforwardMethod.of(entry.tangent(), tangentRecord, reference(method),
          visibility(method)));
      if (record) {
        ClassName recordTangent = ClassName.get(owner.packageName(), name,
            recordName(method.primal().userMethod(), recordNames, "Tangent"));
        addAll(type, RecordResultMethods.of(method, entry.tangent(), recordTangent,
            reference(method)));
      }
      if (entry.trace() != null) {
        type.addMethods(TraceMethod.of(entry.trace(), TRACE_LOCAL, reference(method),
            visibility(method)));
      }
      if (entry.directional() != null) {
        type.addMethods(SweepMethods.of(entry.directional(),
            reference(method) + "'s derivative along a direction"));
      }
      // A method of vectors has no Hessian of its own; callers of order 2 use its sweeps.
      if (entry.directional() != null && returned.isFloating()) {
        ClassName hvp = ClassName.get(owner.packageName(), name,
            recordName(method, recordNames, "Hvp"));
        ClassName hessian = ClassName.get(owner.packageName(), name,
            recordName(method, recordNames, "Hessian"));
        addAll(type, SecondOrderMethods.of(method, entry.directional(), hvp, hessian,
            reference(method)));
      }
    }
    return JavaFile.builder(owner.packageName(), type.build()).skipJavaLangImports(true).build();
  }

  private static void addAll(TypeSpec.Builder type, List<Object> specs) {
    for (Object spec : specs) {
      if (spec instanceof TypeSpec t) {
        type.addType(t);
      } else {
        type.addMethod((MethodSpec) spec);
      }
    }
  }

  /** The companion's copies of private constants, each once, in the order first read. */
  private static List<FieldSpec> constants(List<AdjointMethod> methods) {
    var byName = new LinkedHashMap<String, Constant>();
    methods.forEach(m -> m.primal().constants().forEach(c -> byName.putIfAbsent(c.name(), c)));
    return byName.values().stream()
        .map(c -> FieldSpec.builder(TypeNames.of(c.type()), c.name(),
                Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc(Docs.wrap("A copy of {@code $L}, which is private.\n", c.original()))
            .initializer(ExprPrinter.print(c.value()))
            .build())
        .toList();
  }

  private static String recordName(AdjointMethod method, Set<String> taken) {
    return recordName(method, taken, "");
  }

  private static String recordName(AdjointMethod method, Set<String> taken, String suffix) {
    return recordName(method.primal().publicName(), taken, suffix);
  }

  private static String recordName(String method, Set<String> taken, String suffix) {
    String base = Character.toUpperCase(method.charAt(0)) + method.substring(1) + suffix;
    String candidate = base;
    for (int i = 2; !taken.add(candidate); i++) {
      candidate = base + i;
    }
    return candidate;
  }

  private static TypeSpec resultRecord(AdjointMethod method, ClassName result) {
    var components = new ArrayList<ParameterSpec>();
    boolean vector = Type.DOUBLE_ARRAY.equals(method.primal().returnType());
    components.add(ParameterSpec.builder(SweepMethods.resultType(method), "value").build());
    for (Declared.Parameter declared : Declared.differentiable(method.primal())) {
      Param p = declared.first();
      // A vector-valued method's block of the Jacobian has the output index first.
      TypeName type = declared.isRecord() && vector
          ? com.palantir.javapoet.ArrayTypeName.of(Declared.recordType(p))
          : declared.isRecord() ? Declared.recordType(p)
          : TypeNames.of(vector ? Type.arrayOf(p.var().type()) : p.var().type());
      components.add(ParameterSpec.builder(type, Declared.accessor(declared)).build());
    }
    return ResultRecords.of(result, visibility(method), CodeBlock.builder()
        .add(Docs.wrap("Value and gradient of $L.\n", reference(method)))
        .add(Docs.wrap(Docs.components(method)))
        .build(), components);
  }

  /** The value and the gradient, through the pullback with an upstream gradient of 1. */
  private static MethodSpec gradientMethod(AdjointMethod method, ClassName result) {
    CodeBlock.Builder body = CodeBlock.builder().add(Declared.unpack(method.primal()));
    var arguments = new ArrayList<CodeBlock>(Declared.arguments(method.primal()));
    Type returned = method.primal().returnType();
    arguments.add(ExprPrinter.print(new Expr.Literal(returned, returned == Type.FLOAT ? 1f : 1.0)));
    if (method.scalarAdjoints() != null) {
      body.addStatement("double[] $N = new double[$L]",
          method.scalarAdjoints().name(), method.scalarParams().size());
      arguments.add(CodeBlock.of("$N", method.scalarAdjoints().name()));
    }
    for (AdjointMethod.ArrayAdjoint a : method.arrayAdjoints()) {
      Expr.Var array = a.param().var();
      body.addStatement("$L $N = $L", array.type().javaName(), a.adjoint().name(),
          ExprPrinter.print(Helpers.zerosLike(array)));
      arguments.add(CodeBlock.of("$N", a.adjoint().name()));
    }
    body.addStatement("$T $N = $N($L)", TypeNames.of(returned), method.value().name(),
        pullbackName(method), CodeBlock.join(arguments, ",$W"));
    var components = new ArrayList<CodeBlock>();
    components.add(CodeBlock.of("$N", method.value().name()));
    for (Declared.Parameter declared : Declared.differentiable(method.primal())) {
      components.add(declared.isRecord()
          ? Declared.gradient(declared, p -> adjoint(method, p))
          : adjoint(method, declared.first()));
    }
    body.addStatement("return new $T($L)", result, CodeBlock.join(components, ",$W"));
    MethodSpec.Builder spec =
        MethodSpec.methodBuilder(method.primal().publicName())
            .addModifiers(visibility(method))
            .addModifiers(Modifier.STATIC)
            .returns(result)
            .addJavadoc(Docs.wrap("Value and gradient of $L.\n", reference(method)))
            .addJavadoc(Docs.wrap(Docs.parameters(method, false, false)))
            .addJavadoc("@return the value and its partial derivatives\n")
            .addCode(body.build());
    Declared.addParameters(method.primal(), spec);
    return spec.build();
  }

  /** The adjoint of a differentiable parameter after the pullback: its array, or its slot. */
  private static CodeBlock adjoint(AdjointMethod method, Param p) {
    if (p.var().type().isArray()) {
      return CodeBlock.of("$N", arrayAdjoint(method, p).name());
    }
    int slot = method.scalarParams().indexOf(p);
    return ExprPrinter.printAs(new Expr.Index(method.scalarAdjoints(),
        new Expr.Literal(Type.INT, slot), Type.DOUBLE), p.var().type());
  }

  /** The name of the pullback of a method {@code m}: {@code mPullback}. */
  public static String pullbackName(AdjointMethod method) {
    return method.primal().publicName() + "Pullback";
  }

  static void addPrimalParameters(AdjointMethod method, MethodSpec.Builder spec) {
    for (Param p : method.primal().allParams()) {
      spec.addParameter(typeOf(p), p.var().name());
    }
  }

  static List<Param> differentiable(AdjointMethod method) {
    return method.primal().params().stream().filter(Param::differentiable).toList();
  }

  static Expr.Var arrayAdjoint(AdjointMethod method, Param p) {
    return method.arrayAdjoints().stream()
        .filter(a -> a.param().equals(p))
        .findFirst()
        .orElseThrow()
        .adjoint();
  }

  static TypeName typeOf(Param p) {
    if (p.objectType() == null) {
      return TypeNames.of(p.var().type());
    }
    ClassName raw = ExprPrinter.className(p.objectType());
    if (p.typeArguments() == 0) {
      return raw;
    }
    var wildcards = new TypeName[p.typeArguments()];
    java.util.Arrays.fill(wildcards, WildcardTypeName.subtypeOf(Object.class));
    return ParameterizedTypeName.get(raw, wildcards);
  }

  /** Public, unless the user's method is private: then package-private. */
  static Modifier[] visibility(AdjointMethod method) {
    return method.primal().hidden() ? new Modifier[0] : new Modifier[] {Modifier.PUBLIC};
  }

  /**
   * The user's method in Javadoc: a link {@code Model#f(double, double)}, or for a private
   * method, which Javadoc does not show, its name as code.
   */
  private static String reference(AdjointMethod method) {
    String params =
        Declared.of(method.primal()).stream()
            .filter(d -> d.first() != method.primal().receiver()
                && (d.first().part() == null || !d.first().part().receiver()))
            .map(d -> d.isRecord() ? d.first().part().record().javaName()
                + (d.first().part().array() ? "[]" : "")
                : d.first().objectType() == null
                ? d.first().var().type().javaName()
                : d.first().objectType().nestedName())
            .collect(Collectors.joining(", "));
    String target = method.primal().owner().nestedName() + "#" + method.primal().userMethod()
        + "(" + params + ")";
    return method.primal().hidden()
        ? "{@code " + target.replace('#', '.') + "}"
        : "{@link " + target + "}";
  }
}
