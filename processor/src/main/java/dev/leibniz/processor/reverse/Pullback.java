package dev.leibniz.processor.reverse;

import dev.leibniz.processor.analyse.Activity;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.UnaryOp;
import dev.leibniz.processor.rules.Rule;
import dev.leibniz.processor.rules.Rules;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the backward-sweep statements of one linearized expression: for each operation, from
 * the root down, {@code downstream = local × upstream} into each active operand. A temporary's
 * adjoint is declared where its only use hands it a value; a variable's adjoint accumulates.
 */
final class Pullback {
  private final Activity activity;
  private final Names names;
  private final Storage storage;

  Pullback(Activity activity, Names names, Storage storage) {
    this.activity = activity;
    this.names = names;
    this.storage = storage;
  }

  /**
   * Propagates {@code upstream} from {@code node}, whose value is {@code result}, to the
   * variables it was computed from.
   */
  void propagate(Expr node, Expr upstream, Expr result, Linearizer.Linear linear, List<Stmt> out) {
    if (node instanceof Expr.Var || node instanceof Expr.Index) {
      into(List.of(new Term(node, upstream)), linear, out);
      return;
    }
    if (node instanceof Expr.Unary u && u.op() == UnaryOp.PLUS) {
      propagate(u.operand(), upstream, u.operand(), linear, out);
      return;
    }
    if (node instanceof Expr.Invoke invoke) {
      into(CallPullback.terms(invoke, upstream, linear, activity, names, storage, out), linear, out);
      return;
    }
    Rule rule = Rules.of(node).orElseThrow(() -> new IllegalStateException("no rule for " + node));
    List<Expr> args = operands(node);
    var terms = new ArrayList<Term>();
    for (int i = 0; i < args.size(); i++) {
      Expr arg = args.get(i);
      if (linear.isActive(arg, activity)) {
        Expr local = rule.partial(i, args, result);
        if (!Algebra.isZero(local)) {
          terms.add(new Term(arg, Algebra.product(local, upstream)));
        }
      }
    }
    into(terms, linear, out);
  }

  /** {@code term} to be added to the adjoint of {@code target}, a variable or an element. */
  record Term(Expr target, Expr term) {}

  /**
   * Adds each term to its target's adjoint; a temporary's adjoint is declared and then passed
   * on. All terms are taken before any is passed on, as a term may read a scratch value that
   * passing on reuses.
   */
  private void into(List<Term> terms, Linearizer.Linear linear, List<Stmt> out) {
    var temporaries = new ArrayList<Expr.Var>();
    for (Term t : terms) {
      Expr definition = linear.temporaries().get(t.target());
      if (definition == null) {
        out.add(new Stmt.Accumulate(names.adjoint(t.target()), t.term()));
      } else {
        var temporary = (Expr.Var) t.target();
        out.add(new Stmt.Declare(names.adjoint(temporary), t.term(), Source.NONE));
        temporaries.add(temporary);
      }
    }
    for (Expr.Var temporary : temporaries) {
      propagate(linear.temporaries().get(temporary), names.adjoint(temporary), temporary, linear,
          out);
    }
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
