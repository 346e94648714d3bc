package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.UnaryOp;
import dev.leibniz.processor.rules.Exprs;
import dev.leibniz.processor.rules.Rule;
import dev.leibniz.processor.rules.Rules;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The primal values the backward sweep of one assignment reads: the variables in the local
 * partial derivatives of its active operations (read from the rule table), the indices of the
 * adjoint elements it adds to, and every argument of a call whose pullback it runs. The sum
 * {@code z + w * x} reads {@code w} and {@code x}, never {@code z}: adding is linear.
 *
 * <p>The answer may name more variables than the generated code reads (a partial that mentions
 * an intermediate result counts all of the result's variables), never fewer: an extra name can
 * only make the forward sweep save a value it did not need to.
 *
 * @param before the variables whose values just before the assignment are read
 * @param after the variables whose values just after it are read (a partial such as
 *     {@code exp' = exp} that reuses the result reads the target after the assignment)
 */
record AdjointReads(Set<Expr.Var> before, Set<Expr.Var> after) {

  /** What the backward sweep of {@code target = value} reads when it differentiates it. */
  static AdjointReads of(Expr target, Expr value, Activity activity, boolean differentiated,
      boolean nested) {
    var before = new HashSet<Expr.Var>();
    var after = new HashSet<Expr.Var>();
    if (target instanceof Expr.Index element) {
      indices(element, before);
    }
    if (differentiated) {
      new Walk(activity, before, nested).expression(value);
      if (rootUsesResult(value)) {
        after.add(target instanceof Expr.Index i ? i.root() : (Expr.Var) target);
      }
    }
    return new AdjointReads(before, after);
  }

  /** What the backward sweep of {@code return value} reads: the method's value is never saved. */
  static Set<Expr.Var> ofResult(Expr value, Activity activity) {
    var before = new HashSet<Expr.Var>();
    new Walk(activity, before, false).expression(value);
    return before;
  }

  /** The variables of the index expressions of an element, at every level of a matrix. */
  static void indices(Expr.Index element, Set<Expr.Var> into) {
    into.addAll(Exprs.variables(element.index()));
    if (element.array() instanceof Expr.Index inner) {
      indices(inner, into);
    }
  }

  private static boolean rootUsesResult(Expr value) {
    return Rules.of(value)
        .map(rule -> {
          List<Expr> args = Exprs.children(value).toList();
          for (int i = 0; i < rule.arity(); i++) {
            if (rule.partialUsesResult(i, args)) {
              return true;
            }
          }
          return false;
        })
        .orElse(false);
  }

  /**
   * Collects reads over an expression tree, from the root down its active operands. A partial
   * that mentions an operand (or the operation's result) that calls a function reads the
   * temporary the forward sweep kept for it, not the variables it was computed from; so does
   * one that is cheap to compute, in a statement that is not nested in a block, whose
   * temporaries are still in scope in the backward sweep. Elsewhere a cheap operand is computed
   * again, from its variables.
   */
  private record Walk(Activity activity, Set<Expr.Var> reads, boolean nested) {
    private void collect(Expr partial, Set<Expr> kept) {
      if (kept.contains(partial)) {
        return;
      }
      if (partial instanceof Expr.Var v) {
        reads.add(v);
      }
      Exprs.children(partial).forEach(child -> collect(child, kept));
    }

    void expression(Expr e) {
      if (!activity.isActive(e) || e instanceof Expr.Var) {
        return;
      }
      if (e instanceof Expr.Index element) {
        indices(element, reads);
      } else if (e instanceof Expr.Cast c) {
        expression(c.operand());
      } else if (e instanceof Expr.Unary u && u.op() == UnaryOp.PLUS) {
        expression(u.operand());
      } else if (e instanceof Expr.Invoke invoke) {
        invoke.args().forEach(arg -> reads.addAll(Exprs.variables(arg)));
        DifferentiablePaths.differentiableArguments(invoke).forEach(this::expression);
      } else {
        operation(e);
      }
    }

    private void operation(Expr e) {
      Rule rule = Rules.of(e).orElse(null);
      List<Expr> args = Exprs.children(e).toList();
      if (rule == null) {
        // Not an operation the rules know: count everything it mentions.
        reads.addAll(Exprs.variables(e));
        return;
      }
      Set<Expr> kept = Collections.newSetFromMap(new IdentityHashMap<>());
      kept.add(e);
      kept.addAll(args);
      kept.removeIf(x -> x instanceof Expr.Var || x instanceof Expr.Index
          || nested && Recompute.isCheap(x));
      for (int i = 0; i < args.size(); i++) {
        if (activity.isActive(args.get(i))) {
          collect(rule.partial(i, args, e), kept);
          expression(args.get(i));
        }
      }
    }
  }
}
