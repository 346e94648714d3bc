package dev.leibniz.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.Param;

/**
 * The block tags of generated Javadoc ({@code @param}, {@code @return}), so that the companion
 * is complete under {@code javadoc -Xdoclint:all}.
 */
final class Docs {
  private Docs() {}

  /** {@code @param} for the result record's components. */
  static CodeBlock components(AdjointMethod method) {
    CodeBlock.Builder doc = CodeBlock.builder().add("\n@param value the method's value\n");
    for (Param p : method.primal().params()) {
      if (p.differentiable()) {
        doc.add("@param $N the partial derivatives with respect to {@code $N}\n", p.accessor(),
            p.var().name());
      }
    }
    return doc.build();
  }

  /**
   * {@code @param} for the method's own parameters, then, if asked, the pullback's adjoints and
   * the workspace.
   */
  static CodeBlock parameters(AdjointMethod method, boolean adjoints, boolean workspace) {
    CodeBlock.Builder doc = CodeBlock.builder().add("\n");
    Param receiver = method.primal().receiver();
    for (Param p : method.primal().allParams()) {
      if (p == receiver) {
        doc.add("@param $N the receiver\n", p.var().name());
      } else {
        doc.add("@param $N the argument {@code $N}\n", p.var().name(), p.var().name());
      }
    }
    if (adjoints) {
      doc.add("@param $N the gradient of the caller's result with respect to this value\n",
          method.upstream().name());
      if (method.scalarAdjoints() != null) {
        doc.add("@param $N receives the partial derivatives with respect to the {@code double}"
            + " parameters, in order\n", method.scalarAdjoints().name());
      }
      for (AdjointMethod.ArrayAdjoint a : method.arrayAdjoints()) {
        doc.add("@param $N receives the partial derivatives with respect to {@code $N}\n",
            a.adjoint().name(), a.param().var().name());
      }
    }
    if (workspace) {
      doc.add("@param $N keeps what the backward sweep reads\n", method.workspace().name());
    }
    return doc.build();
  }
}
