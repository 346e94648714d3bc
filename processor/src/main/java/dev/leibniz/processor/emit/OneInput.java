package dev.leibniz.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.List;

/**
 * The gradient of a recursive method of one scalar input, {@code double chebyshev(int n, double
 * x)}, by forward mode: its pushforward along {@code x} with tangent 1 is the value and df/dx together,
 * one sweep with nothing kept, where reverse mode would keep values per call on the way
 * forward and read them back on the way back. The pullback adds upstream · df/dx; the forward
 * half keeps df/dx alone for the backward half, which does the same. A recursion (the
 * Chebyshev recurrence) calls its own pushforward all the way down.
 */
final class OneInput {
  private final AdjointMethod method;
  private final ClassName tangent;
  private final String local;

  OneInput(AdjointMethod method, ClassName tangent) {
    this.method = method;
    this.tangent = tangent;
    List<String> taken = method.primal().allParams().stream().map(p -> p.var().name()).toList();
    String name = "_along";
    for (int k = 1; taken.contains(name); k++) {
      name = "_along" + k;
    }
    this.local = name;
  }

  /**
   * Whether {@code method} calls itself and has one differentiable parameter, a {@code double}
   * or {@code float} of its own (no record, no receiver), and returns a number it does not write
   * arrays for. Without recursion reverse mode costs as little (its sweeps keep values in
   * locals), and keeps the method's sweeps for its callers' halves.
   */
  static boolean applies(AdjointMethod method) {
    List<Param> differentiable = method.primal().allParams().stream()
        .filter(Param::differentiable).toList();
    return callsItself(method.primal())
        && method.primal().receiver() == null
        && method.primal().resultRecord() == null
        && method.primal().returnType().isFloating()
        && method.arrayAdjoints().isEmpty()
        && method.primal().allParams().stream().allMatch(p -> p.part() == null)
        && differentiable.size() == 1
        && differentiable.get(0).var().type().isFloating();
  }

  private static boolean callsItself(MethodIR method) {
    return Stmts.all(method.body()).flatMap(Stmts::expressions).flatMap(Exprs::nodes)
        .anyMatch(e -> e instanceof Expr.Invoke call
            && call.callee() instanceof Callee.Differentiable callee
            && callee.owner().equals(method.owner()) && callee.name().equals(method.name()));
  }

  /** The pullback's body: the pushforward along the input, then upstream · df/dx added. */
  CodeBlock pullback() {
    return CodeBlock.builder()
        .add("// one input: its derivative by forward mode, in the same sweep as the value\n")
        .add(along())
        .addStatement("$N[0] += $N * $N.tangent()", method.scalarAdjoints().name(),
            method.upstream().name(), local)
        .addStatement("return $N.value()", local)
        .build();
  }

  /** The forward half's body: the value returned, df/dx kept for the backward half. */
  CodeBlock forwardHalf() {
    return CodeBlock.builder()
        .add("// one input: its derivative by forward mode, in the same sweep as the value\n")
        .add(along())
        .addStatement("$N.pushDouble($N.tangent())", method.workspace().name(), local)
        .addStatement("return $N.value()", local)
        .build();
  }

  /** The backward half's body: upstream · df/dx, as the forward half kept it. */
  CodeBlock backwardHalf() {
    return CodeBlock.builder()
        .addStatement("$N[0] += $N * $N.popDouble()", method.scalarAdjoints().name(),
            method.upstream().name(), method.workspace().name())
        .build();
  }

  private CodeBlock along() {
    var arguments = new ArrayList<CodeBlock>();
    method.primal().allParams().forEach(p -> arguments.add(CodeBlock.of("$N", p.var().name())));
    Type input = method.primal().allParams().stream().filter(Param::differentiable)
        .findFirst().orElseThrow().var().type();
    arguments.add(CodeBlock.of(input == Type.FLOAT ? "1.0f" : "1.0"));
    return CodeBlock.builder().addStatement("$T $N = $N($L)", tangent, local,
        method.primal().name() + "Pushforward", CodeBlock.join(arguments, ",$W")).build();
  }
}
