package dev.leibniz.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * The directions of second-order methods as users give them, and their results: one per
 * differentiable declared parameter, a record parameter's a record of its type, which the
 * methods read into the flat directions the sweeps take.
 */
final class Directions {
  private Directions() {}

  /**
   * One component per differentiable declared parameter from one expression per
   * differentiable parameter of the sweeps: a record's gathered into a record of its type.
   */
  static List<CodeBlock> grouped(AdjointMethod f, List<String> flat) {
    List<Param> differentiable = CompanionWriter.differentiable(f);
    var components = new ArrayList<CodeBlock>();
    for (Declared.Parameter p : Declared.differentiable(f.primal())) {
      components.add(p.isRecord()
          ? Declared.gradient(p, q -> CodeBlock.of("$L", flat.get(differentiable.indexOf(q))))
          : CodeBlock.of("$L", flat.get(differentiable.indexOf(p.first()))));
    }
    return components;
  }

  /** A record parameter's direction, {@code pDot}: a record of the same type. */
  static String directionName(AdjointMethod f, Declared.Parameter p,
      List<Expr.Var> directions) {
    return p.isRecord() ? Declared.recordDirection(f.primal(), p)
        : directions.get(CompanionWriter.differentiable(f).indexOf(p.first())).name();
  }

  /** The directions as declared: a record parameter's a record of the same type. */
  static void addDeclaredDirections(AdjointMethod f, List<Expr.Var> directions,
      MethodSpec.Builder spec) {
    for (Declared.Parameter p : Declared.differentiable(f.primal())) {
      spec.addParameter(SecondOrderMethods.type(p), directionName(f, p, directions));
    }
  }

  /** The record directions' components read into the variables the sweeps take. */
  static CodeBlock unpackDirections(AdjointMethod f, List<Expr.Var> directions) {
    CodeBlock.Builder code = CodeBlock.builder();
    List<Param> differentiable = CompanionWriter.differentiable(f);
    for (Declared.Parameter p : Declared.differentiable(f.primal())) {
      for (Param part : p.isRecord() ? p.parts() : List.<Param>of()) {
        if (part.differentiable()) {
          code.add(Declared.unpack(part, directions.get(differentiable.indexOf(part)).name(),
              directionName(f, p, directions), f.primal()));
        }
      }
    }
    return code.build();
  }

  static CodeBlock declaredDoc(AdjointMethod f, List<Expr.Var> directions) {
    CodeBlock.Builder doc = Docs.primalParameters(f.primal());
    for (Declared.Parameter p : Declared.differentiable(f.primal())) {
      doc.add("@param $N the direction's component for {@code $N}\n",
          directionName(f, p, directions), p.name());
    }
    return doc.build();
  }
}
