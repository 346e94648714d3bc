package dev.leibniz.processor.ir;

import java.util.List;
import java.util.Map;

/**
 * The forward phase's output for one method: the body of its pushforward, one sweep computing
 * each value next to its tangent (its derivative along the direction the tangents of the
 * parameters give), ready to be printed.
 *
 * @param primal the method the pushforward is of
 * @param body the sweep; it leaves the method's value in {@code value}, its tangent in
 *     {@code tangent}
 * @param value the variable holding the method's value
 * @param tangent the variable holding the value's tangent
 * @param tangentParams the tangents of the differentiable parameters, in order: the
 *     pushforward's parameters after the method's own
 * @param splittable the same sweep for a method too long for one: every local of the
 *     outermost block declared first, and each statement's code a block of its own, so that
 *     the sweep can be cut between any two
 * @param pushed the calls of other methods' pushforwards, by the local holding the result
 * @param writes the calls of methods writing into their arrays, with the statement of the
 *     method each comes from: the call itself, or its pushforward, which writes the arrays'
 *     tangents too
 */
public record TangentMethod(MethodIR primal, List<Stmt> body, Expr.Var value, Expr.Var tangent,
    List<Expr.Var> tangentParams, List<Stmt> splittable, Map<Expr.Var, Pushed> pushed,
    Map<Expr, Stmt.Write> writes) {
  public TangentMethod {
    body = List.copyOf(body);
    tangentParams = List.copyOf(tangentParams);
    splittable = List.copyOf(splittable);
    pushed = Map.copyOf(pushed);
    writes = Map.copyOf(writes);
  }

  /**
   * A call of a callee's pushforward.
   *
   * @param call the call of the callee itself, with the arguments' values
   * @param directions the tangents passed with them, one per differentiable parameter
   */
  public record Pushed(Expr.Invoke call, List<Expr> directions) {
    public Pushed {
      directions = List.copyOf(directions);
    }
  }
}
