package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import java.util.Set;

/**
 * Which variables are active: they depend on a differentiable input and reach the result. Only
 * active variables get adjoints, and only active expressions get derivative code.
 */
public record Activity(
    Set<Expr.Var> activeVariables, Set<Expr.Var> variedVariables, Set<Expr.Var> usefulVariables) {
  public Activity {
    activeVariables = Set.copyOf(activeVariables);
    variedVariables = Set.copyOf(variedVariables);
    usefulVariables = Set.copyOf(usefulVariables);
  }

  /** Whether the variable's value reaches the result, differentiable or not. */
  public boolean isUseful(Expr.Var variable) {
    return usefulVariables.contains(variable);
  }

  /**
   * Whether the expression depends differentiably on a differentiable input, whether or not
   * that reaches the result.
   */
  public boolean isVaried(Expr e) {
    return DifferentiablePaths.variables(e).stream().anyMatch(variedVariables::contains);
  }

  /** Whether the variable carries a derivative. */
  public boolean isActive(Expr.Var variable) {
    return activeVariables.contains(variable);
  }

  /** Whether the expression's value depends differentiably on an active variable. */
  public boolean isActive(Expr e) {
    if (e instanceof Expr.Var v) {
      return isActive(v);
    }
    if (e instanceof Expr.Index element) {
      return isActive(element.root());
    }
    // A call returning an array, or writing into one, is active as a call returning a double
    // is: through its arguments.
    boolean throughCall = e instanceof Expr.Invoke
        && (e.type().isArray() || e.type() == Type.VOID);
    if (!e.type().isFloating() && !throughCall) {
      return false;
    }
    return DifferentiablePaths.operands(e).anyMatch(this::isActive);
  }
}
