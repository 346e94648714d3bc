package dev.leibniz.processor.analyse;

import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.diag.NotDifferentiable;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds calls where a derivative would be lost: an argument that depends on a differentiable
 * input passed to a {@code @NoDerivative} or non-{@code double} parameter, or to a method
 * Leibniz has no derivative for, in a statement whose value reaches the result.
 */
public final class CallCheck {
  private CallCheck() {}

  /** Every such call of {@code method}, in source order. */
  public static List<NotDifferentiable> problems(MethodIR method, Activity activity) {
    var problems = new ArrayList<NotDifferentiable>();
    Stmts.all(method.body()).forEach(s -> {
      if (s instanceof Stmt.Declare d && d.init() != null && activity.isUseful(d.var())) {
        check(d.init(), activity, problems);
      } else if (s instanceof Stmt.Assign a && activity.isUseful(a.variable())) {
        check(a.value(), activity, problems);
      } else if (s instanceof Stmt.Return r) {
        check(r.value(), activity, problems);
      } else if (s instanceof Stmt.Write w
          && w.writtenVariables().stream().anyMatch(activity::isUseful)) {
        check(w.call(), activity, problems);
      }
    });
    return problems;
  }

  /** A call Leibniz has no derivative for; if a jar has a rule for it, where it is. */
  private static NotDifferentiable opaque(Expr.Invoke invoke, Callee.Opaque callee) {
    String function = callee.owner().nestedName() + "." + callee.name();
    if (callee.hiddenRule().isPresent()) {
      Callee.ListedRule rule = callee.hiddenRule().get();
      return new NotDifferentiable(invoke.site(), Message.RULE_NOT_VISIBLE, function,
          rule.owner() + "." + rule.method(), rule.owner());
    }
    return new NotDifferentiable(invoke.site(), Message.UNKNOWN_FUNCTION, function);
  }

  private static void check(Expr e, Activity activity, List<NotDifferentiable> problems) {
    for (Expr.Invoke invoke : DifferentiablePaths.calls(e)) {
      List<Integer> differentiable = DifferentiablePaths.differentiablePositions(invoke);
      int offset = invoke.callee().instance() ? 1 : 0;
      for (int i = offset; i < invoke.args().size(); i++) {
        if (!activity.isVaried(invoke.args().get(i))) {
          continue;
        }
        if (invoke.callee() instanceof Callee.Opaque opaque) {
          problems.add(opaque(invoke, opaque));
          break;
        }
        if (!differentiable.contains(i)) {
          problems.add(new NotDifferentiable(invoke.site(), Message.CONSTANT_PARAMETER,
              i - offset + 1, invoke.callee().name()));
        }
      }
    }
  }
}
