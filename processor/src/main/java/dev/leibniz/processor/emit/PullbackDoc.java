package dev.leibniz.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.Param;
import java.util.List;

/** The Javadoc of a pullback, which is public API: it states exactly what the method does. */
final class PullbackDoc {
  private PullbackDoc() {}

  static CodeBlock of(AdjointMethod method, String reference) {
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("Pullback of $L: returns its value and <em>adds</em> {@code $N} times its partial"
                + " derivatives to the adjoints passed in, so that calls can accumulate gradients"
                + " (a training loop summing over a batch, or a caller's chain rule). Nothing is"
                + " allocated for the adjoints; the inputs are not changed.\n\n",
            reference, method.upstream().name());
    List<Param> scalars = method.scalarParams();
    for (int k = 0; k < scalars.size(); k++) {
      doc.add("<p>{@code $N[$L] += $N · ∂/∂$N}\n", method.scalarAdjoints().name(), k,
          method.upstream().name(), scalars.get(k).var().name());
    }
    for (AdjointMethod.ArrayAdjoint a : method.arrayAdjoints()) {
      doc.add("<p>{@code $N[i] += $N · ∂/∂$N[i]}, element by element, for an array shaped like"
              + " {@code $N}\n",
          a.adjoint().name(), method.upstream().name(), a.param().var().name(),
          a.param().var().name());
    }
    return doc.build();
  }
}
