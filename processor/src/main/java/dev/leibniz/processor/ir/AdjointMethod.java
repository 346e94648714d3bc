package dev.leibniz.processor.ir;

import java.util.List;
import java.util.Set;

/**
 * The reverse phase's output for one method: straight Java statements for the forward sweep
 * (the primal computation, plus the values the backward sweep needs) and the backward sweep
 * (adjoints, in reverse order), ready to be printed.
 *
 * @param primal the method the gradient is of
 * @param forward the forward sweep; it leaves the method's value in {@code value}
 * @param backward the backward sweep; it leaves each gradient in its {@link Gradient#value()}
 * @param value the variable holding the method's value
 * @param gradients one entry per differentiable parameter, in declaration order
 * @param stacks the stacks the sweeps push to and pop from
 */
public record AdjointMethod(
    MethodIR primal,
    List<Stmt> forward,
    List<Stmt> backward,
    Expr.Var value,
    List<Gradient> gradients,
    Set<Stack> stacks) {

  public AdjointMethod {
    forward = List.copyOf(forward);
    backward = List.copyOf(backward);
    gradients = List.copyOf(gradients);
    stacks = Set.copyOf(stacks);
  }

  /** The gradient with respect to one parameter: its adjoint variable, or 0 if inactive. */
  public record Gradient(Param param, Expr value) {}
}
