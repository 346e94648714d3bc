package dev.leibniz.processor.reverse;

import dev.leibniz.processor.analyse.Activity;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.UnaryOp;
import dev.leibniz.processor.rules.Rule;
import dev.leibniz.processor.rules.Rules;
import java.util.List;

/**
 * Writes the backward-sweep statements of one linearized expression: for each operation, from
 * the root down, {@code downstream = local × upstream} into each active operand. A temporary's
 * adjoint is declared where its only use hands it a value; a variable's adjoint accumulates.
 */
final class Pullback {
  private final Activity activity;
  private final Names names;

  Pullback(Activity activity, Names names) {
    this.activity = activity;
    this.names = names;
  }

  /**
   * Propagates {@code upstream} from {@code node}, whose value is {@code result}, to the
   * variables it was computed from.
   */
  void propagate(Expr node, Expr upstream, Expr result, Linearizer.Linear linear, List<Stmt> out) {
    if (node instanceof Expr.Var || node instanceof Expr.Index) {
      into(node, upstream, linear, out);
      return;
    }
    if (node instanceof Expr.Unary u && u.op() == UnaryOp.PLUS) {
      propagate(u.operand(), upstream, u.operand(), linear, out);
      return;
    }
    Rule rule = Rules.of(node).orElseThrow(() -> new IllegalStateException("no rule for " + node));
    List<Expr> args = operands(node);
    for (int i = 0; i < args.size(); i++) {
      Expr arg = args.get(i);
      if (linear.isActive(arg, activity)) {
        Expr local = rule.partial(i, args, result);
        if (!Algebra.isZero(local)) {
          into(arg, Algebra.product(local, upstream), linear, out);
        }
      }
    }
  }

  /** Adds a term to the adjoint of a variable or element; a temporary's passes it on. */
  private void into(Expr target, Expr term, Linearizer.Linear linear, List<Stmt> out) {
    Expr definition = linear.temporaries().get(target);
    if (definition == null) {
      out.add(new Stmt.Accumulate(names.adjoint(target), term));
      return;
    }
    Expr.Var adjoint = names.adjoint((Expr.Var) target);
    out.add(new Stmt.Declare(adjoint, term, Source.NONE));
    propagate(definition, adjoint, target, linear, out);
  }

  private static List<Expr> operands(Expr node) {
    if (node instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    } else if (node instanceof Expr.Unary u) {
      return List.of(u.operand());
    } else if (node instanceof Expr.Call c) {
      return c.args();
    }
    throw new IllegalStateException("not an operation: " + node);
  }
}
