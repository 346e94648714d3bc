package dev.leibniz.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Type;
import java.util.List;

/** The Javadoc of a pullback, which is public API: it states exactly what the method does. */
final class PullbackDoc {
  private PullbackDoc() {}

  static CodeBlock of(AdjointMethod method, String reference) {
    Type result = method.primal().returnType();
    if (result == Type.VOID) {
      return inPlace(method, reference);
    }
    String upstream = method.upstream().name();
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("Pullback of $L: returns its value and <em>adds</em> $L to the adjoints passed in,"
                + " so that calls can accumulate gradients (a training loop summing over a batch,"
                + " or a caller's chain rule). Nothing is allocated for the adjoints; the inputs"
                + " are not changed.\n\n", reference,
            result.isFloating()
                ? CodeBlock.of("{@code $N} times its partial derivatives", upstream)
                : CodeBlock.of("{@code $N}ᵀ J, where {@code $N} is shaped like the value and J"
                    + " is the Jacobian of the value", upstream, upstream));
    String factor = result.isFloating() ? upstream : "Σₖ " + upstream + "[k]";
    String value = result.isFloating() ? "" : "value[k]";
    List<Param> scalars = method.scalarParams();
    for (int k = 0; k < scalars.size(); k++) {
      doc.add("<p>{@code $N[$L] += $L · ∂$L/∂$N}\n", method.scalarAdjoints().name(), k, factor,
          value, scalars.get(k).var().name());
    }
    for (AdjointMethod.ArrayAdjoint a : method.arrayAdjoints()) {
      doc.add("<p>{@code $N[i] += $L · ∂$L/∂$N[i]}, element by element, for an array shaped"
              + " like {@code $N}\n",
          a.adjoint().name(), factor, value, a.param().var().name(), a.param().var().name());
    }
    return doc.build();
  }

  /** For a method that writes into its arrays, whose adjoints are updated in place. */
  private static CodeBlock inPlace(AdjointMethod method, String reference) {
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("Pullback of $L, which writes into its arrays: each array adjoint holds, on entry,"
            + " the adjoint of that array's contents after the call, and on return the adjoint"
            + " of its contents before the call (for an array the method only reads, the"
            + " derivatives are added). The inputs are not changed.\n", reference);
    if (method.scalarAdjoints() != null) {
      doc.add("\n<p>{@code $N} receives, added, the partial derivatives with respect to the"
          + " {@code double} parameters.\n", method.scalarAdjoints().name());
    }
    return doc.build();
  }
}
