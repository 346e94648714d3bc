package dev.leibniz.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Param;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * {@code mHvp} and {@code mHessian} of a method of order 2, from the pullback of its directional
 * derivative {@code mDirectional}: that pullback, with the direction v, is H v; the Hessian's
 * row i is H eᵢ, over every differentiable number in parameter order (arrays row-major).
 */
final class SecondOrderMethods {
  private SecondOrderMethods() {}

  static List<Object> of(AdjointMethod f, AdjointMethod g, ClassName hvp, ClassName hessian,
      String reference) {
    List<Param> differentiable = CompanionWriter.differentiable(f);
    List<Expr.Var> directions = directions(f, g);
    var specs = new ArrayList<Object>();
    specs.add(hvpRecord(f, hvp, reference));
    specs.add(hvpMethod(f, g, hvp, directions, reference));
    specs.add(hessianRecord(f, hessian, reference));
    specs.add(rowMethod(f, g, directions));
    specs.add(hessianMethod(f, hessian, differentiable, directions, reference));
    return specs;
  }

  /** g's parameters after f's: one direction per differentiable parameter of f. */
  static List<Expr.Var> directions(AdjointMethod f, AdjointMethod g) {
    return g.primal().params().subList(f.primal().params().size(), g.primal().params().size())
        .stream().map(Param::var).toList();
  }

  private static TypeSpec hvpRecord(AdjointMethod f, ClassName name, String reference) {
    var components = new ArrayList<ParameterSpec>();
    components.add(ParameterSpec.builder(TypeNames.of(f.primal().returnType()), "value").build());
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("Value, gradient and Hessian-vector product of $L.\n\n", reference)
        .add("@param value the method's value\n");
    for (Declared.Parameter p : Declared.differentiable(f.primal())) {
      components.add(ParameterSpec.builder(type(p), Declared.accessor(p)).build());
      doc.add("@param $N the partial derivatives with respect to {@code $N}\n",
          Declared.accessor(p), p.name());
    }
    for (Declared.Parameter p : Declared.differentiable(f.primal())) {
      components.add(ParameterSpec.builder(type(p), hv(p.name())).build());
      doc.add("@param $N the Hessian times the direction, restricted to {@code $N}\n",
          hv(p.name()), p.name());
    }
    return ResultRecords.of(name, CompanionWriter.visibility(f), Docs.wrap(doc.build()),
        components);
  }

  private static TypeSpec hessianRecord(AdjointMethod f, ClassName name, String reference) {
    var components = new ArrayList<ParameterSpec>();
    components.add(ParameterSpec.builder(TypeNames.of(f.primal().returnType()), "value").build());
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("Value, gradient and Hessian of $L.\n\n", reference)
        .add("@param value the method's value\n");
    for (Declared.Parameter p : Declared.differentiable(f.primal())) {
      components.add(ParameterSpec.builder(type(p), Declared.accessor(p)).build());
      doc.add("@param $N the partial derivatives with respect to {@code $N}\n",
          Declared.accessor(p), p.name());
    }
    components.add(ParameterSpec.builder(TypeName.get(double[][].class), "hessian").build());
    doc.add("@param hessian the second derivatives over every differentiable number, in"
        + " parameter order, arrays row-major\n");
    return ResultRecords.of(name, CompanionWriter.visibility(f), Docs.wrap(doc.build()),
        components);
  }

  /**
   * {@code mHvp(params…, v…)}: one pullback of g gives both H v (the adjoints of f's
   * parameters) and the gradient (the direction's adjoints: ∂(∇f · v)/∂v = ∇f); the value is
   * f's own.
   */
  private static MethodSpec hvpMethod(AdjointMethod f, AdjointMethod g, ClassName record,
      List<Expr.Var> directions, String reference) {
    Set<String> taken = taken(f, directions);
    CodeBlock.Builder body = CodeBlock.builder().add(Declared.unpack(f.primal()))
        .add(Directions.unpackDirections(f, directions));
    List<String> hv = pullback(f, g, directions, body, taken, "hv");
    int count = directions.size();
    String value = Helpers.unique("value", taken);
    body.addStatement("$T $N = $L", TypeNames.of(f.primal().returnType()), value,
        primalValue(f, directions));
    var components = new ArrayList<CodeBlock>(List.of(CodeBlock.of("$N", value)));
    components.addAll(Directions.grouped(f, hv.subList(1 + count, 1 + 2 * count)));
    components.addAll(Directions.grouped(f, hv.subList(1, 1 + count)));
    body.addStatement("return new $T($L)", record, CodeBlock.join(components, ",$W"));
    MethodSpec.Builder spec = start(f, f.primal().publicName() + "Hvp", record)
        .addJavadoc(Docs.wrap("Value, gradient and Hessian-vector product of $L: the Hessian"
            + " times the direction whose component for each differentiable parameter is given"
            + " after the parameters, from the pullback of the derivative along it.\n",
            reference))
        .addJavadoc(Docs.wrap(Directions.declaredDoc(f, directions)))
        .addJavadoc("@return the value, the gradient and the product\n")
        .addCode(body.build());
    Directions.addDeclaredDirections(f, directions, spec);
    return spec.build();
  }

  /**
   * f's value: the user's method, or the value its pushforward computes for a private one,
   * which the companion cannot call, and for one writing into its arrays, which the pushforward
   * leaves as they are.
   */
  private static CodeBlock primalValue(AdjointMethod f, List<Expr.Var> directions) {
    MethodIR primal = f.primal();
    boolean records = primal.allParams().stream().anyMatch(p -> p.part() != null);
    if (primal.hidden() || !primal.writtenArrays().isEmpty() || records) {
      return CodeBlock.of("$N($L).value()", primal.name() + "Pushforward",
          arguments(f, directions));
    }
    CodeBlock declared = primal.params().stream().map(p -> CodeBlock.of("$N", p.var().name()))
        .collect(CodeBlock.joining(",$W"));
    return primal.receiver() == null
        ? CodeBlock.of("$T.$N($L)", ExprPrinter.className(primal.owner()), primal.userMethod(),
            declared)
        : CodeBlock.of("$N.$N($L)", primal.receiver().var().name(), primal.userMethod(),
            declared);
  }

  /**
   * The pullback of {@code method} with an upstream of 1 into new adjoints; returns the name
   * of f's value (null for g, whose value no caller reads), then an expression per
   * differentiable parameter of f for its adjoint, then, for g, one per direction's component.
   */
  private static List<String> pullback(AdjointMethod f, AdjointMethod method,
      List<Expr.Var> directions, CodeBlock.Builder body, Set<String> taken, String prefix) {
    // The pullbacks take records as declared: g's are f's, then the flat direction.
    var arguments = new ArrayList<CodeBlock>(Declared.arguments(method.primal()));
    arguments.add(literal(method.primal().returnType(), 1));
    String scalars = Helpers.unique(prefix + "Scalars", taken);
    int count = method.scalarParams().size();
    if (count > 0) {
      body.addStatement("double[] $N = new double[$L]", scalars, count);
      arguments.add(CodeBlock.of("$N", scalars));
    }
    var results = new ArrayList<String>();
    String value = method == f ? Helpers.unique(prefix + "Value", taken) : null;
    results.add(value);
    int scalar = 0;
    // The pullback's adjoints: f's parameters', then for g the direction's.
    List<Param> ofF = CompanionWriter.differentiable(f);
    var ofDirection = new ArrayList<String>();
    for (Param p : CompanionWriter.differentiable(method)) {
      String result;
      if (p.var().type().isArray()) {
        String array = Helpers.unique(prefix + Param.accessorName(p.var().name()).substring(1),
            taken);
        body.addStatement("$L $N = $L", p.var().type().javaName(), array,
            ExprPrinter.print(Helpers.zerosLike(p.var())));
        arguments.add(CodeBlock.of("$N", array));
        result = array;
      } else {
        // A float's adjoint in the double slot, narrowed back to its type.
        result = (p.var().type() == dev.leibniz.processor.ir.Type.FLOAT ? "(float) " : "")
            + scalars + "[" + scalar++ + "]";
      }
      (ofF.contains(p) ? results : ofDirection).add(result);
    }
    results.addAll(ofDirection);
    CodeBlock call = CodeBlock.of("$N($L)", CompanionWriter.pullbackName(method),
        CodeBlock.join(arguments, ",$W"));
    if (value == null) {
      body.addStatement("$L", call);
    } else {
      body.addStatement("$T $N = $L", TypeNames.of(method.primal().returnType()), value, call);
    }
    return results;
  }

  /** H eᵢ flattened: one row of the Hessian, for the direction given. */
  private static MethodSpec rowMethod(AdjointMethod f, AdjointMethod g,
      List<Expr.Var> directions) {
    Set<String> taken = taken(f, directions);
    CodeBlock.Builder body = CodeBlock.builder().add(Declared.unpack(f.primal()));
    List<String> hv = pullback(f, g, directions, body, taken, "hv");
    String row = Helpers.unique("row", taken);
    String at = Helpers.unique("at", taken);
    String each = Helpers.unique("each", taken);
    body.addStatement("double[] $N = new double[$L]", row, countExpression(f));
    body.addStatement("int $N = 0", at);
    List<Param> differentiable = CompanionWriter.differentiable(f);
    for (int i = 0; i < differentiable.size(); i++) {
      Param p = differentiable.get(i);
      String part = hv.get(i + 1);
      switch (p.var().type().rank()) {
        // Element by element: a float array's elements are widened into the double row.
        case 1 -> body.beginControlFlow("for ($T $N : $L)", TypeNames.of(p.var().type().base()),
                each, part)
            .addStatement("$N[$N++] = $N", row, at, each)
            .endControlFlow();
        case 2 -> body.beginControlFlow("for ($T $N : $L)", TypeNames.of(p.var().type()
                .element()), each, part)
            .beginControlFlow("for ($T $N : $N)", TypeNames.of(p.var().type().base()),
                each + "Element", each)
            .addStatement("$N[$N++] = $N", row, at, each + "Element")
            .endControlFlow()
            .endControlFlow();
        default -> body.addStatement("$N[$N++] = $L", row, at, part);
      }
    }
    body.addStatement("return $N", row);
    MethodSpec.Builder spec = MethodSpec.methodBuilder(f.primal().name() + "HessianRow")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(double[].class)
        .addJavadoc("The Hessian times a direction, flattened as the Hessian's rows are.\n")
        .addCode(body.build());
    Declared.addParameters(f.primal(), spec);
    addDirections(f, directions, spec);
    return spec.build();
  }

  /** {@code mHessian(params…)}: n rows H eᵢ. */
  private static MethodSpec hessianMethod(AdjointMethod f, ClassName record,
      List<Param> differentiable, List<Expr.Var> directions, String reference) {
    Set<String> taken = taken(f, directions);
    CodeBlock.Builder body = CodeBlock.builder().add(Declared.unpack(f.primal()));
    List<String> gradient = pullback(f, f, List.of(), body, taken, "d");
    String hessian = Helpers.unique("hessian", taken);
    String row = Helpers.unique("row", taken);
    String j = Helpers.unique("j", taken);
    String each = Helpers.unique("each", taken);
    body.addStatement("double[][] $N = new double[$L][]", hessian, countExpression(f));
    body.addStatement("int $N = 0", row);
    for (int i = 0; i < differentiable.size(); i++) {
      Param p = differentiable.get(i);
      String d = directions.get(i).name();
      body.addStatement("$L $N = $L", p.var().type().javaName(), d,
          p.var().type().isArray() ? ExprPrinter.print(Helpers.zerosLike(p.var()))
              : literal(p.var().type(), 0));
    }
    var rowArguments = new ArrayList<CodeBlock>(Declared.arguments(f.primal()));
    directions.forEach(d -> rowArguments.add(CodeBlock.of("$N", d.name())));
    CodeBlock call = CodeBlock.of("$N($L)", f.primal().name() + "HessianRow",
        CodeBlock.join(rowArguments, ",$W"));
    for (int i = 0; i < differentiable.size(); i++) {
      Param p = differentiable.get(i);
      String d = directions.get(i).name();
      switch (p.var().type().rank()) {
        case 1 -> body.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", j, j,
                d, j)
            .addStatement("$N[$N] = $L", d, j, literal(p.var().type().base(), 1))
            .addStatement("$N[$N++] = $L", hessian, row, call)
            .addStatement("$N[$N] = $L", d, j, literal(p.var().type().base(), 0))
            .endControlFlow();
        case 2 -> body.beginControlFlow("for ($T $N : $N)", TypeNames.of(p.var().type()
                .element()), each, d)
            .beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", j, j, each, j)
            .addStatement("$N[$N] = $L", each, j, literal(p.var().type().base(), 1))
            .addStatement("$N[$N++] = $L", hessian, row, call)
            .addStatement("$N[$N] = $L", each, j, literal(p.var().type().base(), 0))
            .endControlFlow()
            .endControlFlow();
        default -> body.addStatement("$N = $L", d, literal(p.var().type(), 1))
            .addStatement("$N[$N++] = $L", hessian, row, call)
            .addStatement("$N = $L", d, literal(p.var().type(), 0));
      }
    }
    var components = new ArrayList<CodeBlock>(List.of(CodeBlock.of("$N", gradient.get(0))));
    components.addAll(Directions.grouped(f, gradient.subList(1, gradient.size())));
    components.add(CodeBlock.of("$N", hessian));
    body.addStatement("return new $T($L)", record, CodeBlock.join(components, ",$W"));
    return start(f, f.primal().publicName() + "Hessian", record)
        .addJavadoc(Docs.wrap("Value, gradient and Hessian of $L: row i is the Hessian times"
            + " the i-th unit vector, from the pullback of the derivative along it.\n",
            reference))
        .addJavadoc(Docs.wrap(Docs.primalParameters(f.primal()).build()))
        .addJavadoc("@return the value, the gradient and the Hessian\n")
        .addCode(body.build())
        .build();
  }

  /** The number of differentiable numbers, as Java: {@code 1 + a.length + …}. */
  private static CodeBlock countExpression(AdjointMethod f) {
    var terms = new ArrayList<CodeBlock>();
    for (Param p : CompanionWriter.differentiable(f)) {
      terms.add(switch (p.var().type().rank()) {
        case 1 -> CodeBlock.of("$N.length", p.var().name());
        case 2 -> CodeBlock.of("$T.stream($N).mapToInt(r -> r.length).sum()",
            java.util.Arrays.class, p.var().name());
        default -> CodeBlock.of("1");
      });
    }
    return CodeBlock.join(terms, " +$W");
  }

  private static MethodSpec.Builder start(AdjointMethod f, String name, ClassName record) {
    MethodSpec.Builder spec = MethodSpec.methodBuilder(name)
        .addModifiers(CompanionWriter.visibility(f))
        .addModifiers(Modifier.STATIC)
        .returns(record);
    Declared.addParameters(f.primal(), spec);
    return spec;
  }

  private static void addDirections(AdjointMethod f, List<Expr.Var> directions,
      MethodSpec.Builder spec) {
    List<Param> differentiable = CompanionWriter.differentiable(f);
    for (int i = 0; i < differentiable.size(); i++) {
      spec.addParameter(type(differentiable.get(i)), directions.get(i).name());
    }
  }

  private static CodeBlock arguments(AdjointMethod f, List<Expr.Var> directions) {
    var names = new ArrayList<CodeBlock>();
    f.primal().allParams().forEach(p -> names.add(CodeBlock.of("$N", p.var().name())));
    directions.forEach(d -> names.add(CodeBlock.of("$N", d.name())));
    return CodeBlock.join(names, ",$W");
  }

  private static Set<String> taken(AdjointMethod f, List<Expr.Var> directions) {
    Set<String> taken = new HashSet<>();
    f.primal().allParams().forEach(p -> taken.add(p.var().name()));
    directions.forEach(d -> taken.add(d.name()));
    Declared.of(f.primal()).forEach(p -> taken.add(p.name()));
    Declared.differentiable(f.primal()).forEach(p -> taken.add(Directions.directionName(f, p, directions)));
    return taken;
  }

  /** {@code 1.0} or {@code 1.0f}: a constant of the scalar type given. */
  private static CodeBlock literal(dev.leibniz.processor.ir.Type type, double value) {
    return ExprPrinter.print(type == dev.leibniz.processor.ir.Type.FLOAT
        ? new Expr.Literal(type, (float) value) : Expr.literal(value));
  }

  private static TypeName type(Param p) {
    return TypeNames.of(p.var().type());
  }

  static TypeName type(Declared.Parameter p) {
    return p.isRecord() ? Declared.recordType(p.first()) : type(p.first());
  }

  private static String hv(String name) {
    return "hv" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
