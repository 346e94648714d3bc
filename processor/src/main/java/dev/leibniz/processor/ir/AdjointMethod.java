package dev.leibniz.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse phase's output for one method: the body of its pullback, as straight Java
 * statements for the forward sweep (the primal computation, plus the values the backward sweep
 * needs) and the backward sweep (adjoints, in reverse order), ready to be printed.
 *
 * <p>The pullback takes the method's parameters, then {@code upstream}, then
 * {@code scalarAdjoints} (if the method has differentiable {@code double} parameters), then one
 * adjoint array per differentiable array parameter; it adds {@code upstream} times each partial
 * derivative to them and returns the method's value.
 *
 * @param primal the method the gradient is of
 * @param copies copies of the array parameters the method writes into, made first so that the
 *     gradient methods never change their inputs; the forward half of a method that writes
 *     into its arrays makes none, for that is what callers run it for
 * @param forward the forward sweep; it leaves the method's value in {@code value}
 * @param backward the backward sweep; it ends by adding the gradients into the adjoint
 *     parameters
 * @param value the variable holding the method's value
 * @param upstream the pullback's parameter for the gradient of the caller's result
 * @param scalarAdjoints the pullback's array parameter receiving the {@code double}
 *     parameters' gradients, in declaration order, or null if there are none
 * @param arrayAdjoints the pullback's parameters receiving the array parameters' gradients
 * @param workspace the parameter holding the {@code dev.leibniz.Workspace} the sweeps save into
 * @param boundaryPushes what the forward half saves, at its end, for the backward half
 * @param boundaryPops how the backward half gets it back, at its start
 * @param boundaryRecomputed what the backward half computes again after those, rather than
 *     have the forward half keep it: cheap arithmetic on what it is given again
 * @param boundaryDeclared the locals of the forward sweep the backward half declares without a
 *     value, as it sets them before it reads them (a counter it sets to its bound)
 * @param onePass the pullback's body where it runs a loop's adjoint inside the loop, one
 *     iteration's backward part right after its forward part; empty where the pullback is the
 *     forward sweep followed by the backward sweep
 * @param withBudget the sweeps for a workspace with a budget, which checkpoint the loops that
 *     can be; empty where there are none
 */
public record AdjointMethod(
    MethodIR primal,
    List<Stmt> copies,
    List<Stmt> forward,
    List<Stmt> backward,
    Expr.Var value,
    Expr.Var upstream,
    Expr.Var scalarAdjoints,
    List<ArrayAdjoint> arrayAdjoints,
    Expr.Var workspace,
    List<Stmt> boundaryPushes,
    List<Stmt> boundaryPops,
    List<Stmt.Declare> boundaryRecomputed,
    List<Expr.Var> boundaryDeclared,
    Optional<OnePass> onePass,
    Optional<AdjointMethod> withBudget) {

  public AdjointMethod {
    copies = List.copyOf(copies);
    forward = List.copyOf(forward);
    backward = List.copyOf(backward);
    arrayAdjoints = List.copyOf(arrayAdjoints);
    boundaryPushes = List.copyOf(boundaryPushes);
    boundaryPops = List.copyOf(boundaryPops);
    boundaryRecomputed = List.copyOf(boundaryRecomputed);
    boundaryDeclared = List.copyOf(boundaryDeclared);
  }

  /**
   * A pullback's body in one pass: what comes before the fused loop (the statements before it
   * forwards, the adjoint of the {@code return}), the loop, whose body is the iteration's forward
   * block, the values it ends with kept, its backward block, and those values set again; then
   * the value and the statements before the loop backwards.
   */
  public record OnePass(List<Stmt> opening, Stmt.Loop loop, List<Stmt> closing) {
    public OnePass {
      opening = List.copyOf(opening);
      closing = List.copyOf(closing);
    }

    /** The whole body, in order. */
    public List<Stmt> statements() {
      var all = new ArrayList<>(opening);
      all.add(loop);
      all.addAll(closing);
      return all;
    }
  }

  /** Whether the forward half writes into the caller's arrays: a method returning nothing. */
  public boolean writesInPlace() {
    return primal.returnType() == Type.VOID;
  }

  /** The forward half's statements: the copies, unless it writes in place, and the sweep. */
  public List<Stmt> forwardHalf() {
    if (writesInPlace()) {
      return forward;
    }
    var all = new java.util.ArrayList<>(copies);
    all.addAll(forward);
    return all;
  }

  /** The pullback parameter that receives the gradient of one array parameter. */
  public record ArrayAdjoint(Param param, Expr.Var adjoint) {}

  /** The differentiable {@code double} parameters, in the order of {@code scalarAdjoints}. */
  public List<Param> scalarParams() {
    return primal.params().stream()
        .filter(p -> p.differentiable() && !p.var().type().isArray())
        .toList();
  }
}
