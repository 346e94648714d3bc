package dev.leibniz.processor.reverse;

import dev.leibniz.processor.analyse.Activity;
import dev.leibniz.processor.diag.FiniteChecks;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.UnaryOp;
import dev.leibniz.processor.rules.Algebra;
import dev.leibniz.processor.rules.Rule;
import dev.leibniz.processor.rules.Rules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Writes the backward-sweep statements of one linearized expression: for each operation, from
 * the root down, {@code downstream = local × upstream} into each active operand. A temporary's
 * adjoint is declared where its only use hands it a value; a variable's adjoint accumulates.
 */
final class Pullback {
  private final Activity activity;
  private final Names names;
  private final Storage storage;
  private final FiniteChecks checks;

  Pullback(Activity activity, Names names, Storage storage, FiniteChecks checks) {
    this.activity = activity;
    this.names = names;
    this.storage = storage;
    this.checks = checks;
  }

  /**
   * Propagates {@code upstream} from {@code root}, whose value is {@code result}, to the
   * variables it was computed from: first through the root, then through each temporary that
   * received an adjoint, in the reverse of the order the forward sweep computed them. That order
   * matters for calls: their backward halves must run in the reverse order of their forward
   * halves, which share the workspace's stacks.
   *
   * @return the operations whose backward statements were written, by identity: the calls
   *     among them must run their forward halves in the forward sweep
   */
  Set<Expr> propagate(Expr root, Expr upstream, Expr result, Linearizer.Linear linear,
      List<Stmt> out) {
    Set<Expr> propagated = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Expr.Var> reached = new HashSet<>();
    step(root, upstream, result, linear, out, propagated, reached);
    var temporaries = new ArrayList<>(linear.temporaries().keySet());
    Collections.reverse(temporaries);
    for (Expr.Var temporary : temporaries) {
      if (reached.contains(temporary)) {
        step(linear.temporaries().get(temporary), names.adjoint(temporary), temporary, linear,
            out, propagated, reached);
      }
    }
    return propagated;
  }

  /** The terms of one operation, added to its operands' adjoints. */
  private void step(Expr node, Expr upstream, Expr result, Linearizer.Linear linear,
      List<Stmt> out, Set<Expr> propagated, Set<Expr.Var> reached) {
    if (node instanceof Expr.Var || node instanceof Expr.Index) {
      into(List.of(new Term(node, upstream)), linear, out, reached);
      return;
    }
    if (node instanceof Expr.Unary u && u.op() == UnaryOp.PLUS) {
      into(List.of(new Term(u.operand(), upstream)), linear, out, reached);
      return;
    }
    if (node instanceof Expr.Cast c && c.type().isFloating()) {
      // Between float and double the derivative is 1; the adjoint takes the operand's type.
      into(List.of(new Term(c.operand(), upstream)), linear, out, reached);
      return;
    }
    propagated.add(node);
    if (node instanceof Expr.Conditional c) {
      // The branch the condition chooses receives the whole upstream, the other nothing.
      var terms = new ArrayList<Term>();
      if (linear.isActive(c.then(), activity)) {
        terms.add(new Term(c.then(), c.condition().choose(upstream, Expr.zero())));
      }
      if (linear.isActive(c.otherwise(), activity)) {
        terms.add(new Term(c.otherwise(), c.condition().choose(Expr.zero(), upstream)));
      }
      into(terms, linear, out, reached);
      return;
    }
    if (node instanceof Expr.Invoke invoke) {
      into(CallPullback.terms(invoke, upstream, linear, activity, names, storage, out), linear,
          out, reached);
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
          terms.add(new Term(arg, Algebra.product(local, upstream),
              checks.adjoint(names.adjoint(arg), node, arg, local, upstream)));
        }
      }
    }
    into(terms, linear, out, reached);
  }

  /**
   * {@code term} to be added to the adjoint of {@code target}, a variable or an element, and
   * the statements that check the adjoint after it, if finite checks are asked for.
   */
  record Term(Expr target, Expr term, List<Stmt> checks) {
    Term(Expr target, Expr term) {
      this(target, term, List.of());
    }
  }

  /**
   * Adds each term to its target's adjoint; a temporary's adjoint is declared, to be passed on
   * when its turn comes.
   */
  private void into(List<Term> terms, Linearizer.Linear linear, List<Stmt> out,
      Set<Expr.Var> reached) {
    for (Term t : terms) {
      if (linear.temporaries().containsKey(t.target())) {
        var temporary = (Expr.Var) t.target();
        out.add(new Stmt.Declare(names.adjoint(temporary), t.term(), Source.NONE));
        reached.add(temporary);
      } else {
        out.add(new Stmt.Accumulate(names.adjoint(t.target()), t.term()));
      }
      out.addAll(t.checks());
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
