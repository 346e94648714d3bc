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
 * @param elements the elements {@code a[i]} of vectors read just before the assignment, where
 *     the rest of the vector does not matter
 * @param after the variables whose values just after it are read (a partial such as
 *     {@code exp' = exp} that reuses the result reads the target after the assignment)
 */
record AdjointReads(Set<Expr.Var> before, Set<Element> elements, Set<Expr.Var> after) {

  /** One element {@code array[index]} of a vector. */
  record Element(Expr.Var array, Expr index) {}

  /** What the backward sweep of {@code target = value} reads when it differentiates it. */
  static AdjointReads of(Expr target, Expr value, Activity activity, boolean differentiated,
      boolean nested) {
    var before = new HashSet<Expr.Var>();
    var elements = new HashSet<Element>();
    var after = new HashSet<Expr.Var>();
    if (target instanceof Expr.Index element) {
      indices(element, before);
    }
    if (differentiated) {
      new Walk(activity, before, elements, nested).expression(value);
      if (Rules.usesResult(value)) {
        after.add(target instanceof Expr.Index i ? i.root() : (Expr.Var) target);
      }
    }
    return new AdjointReads(before, elements, after);
  }

  /** What the backward sweep of {@code return value} reads: the method's value is never saved. */
  static Set<Expr.Var> ofResult(Expr value, Activity activity) {
    var before = new HashSet<Expr.Var>();
    var elements = new HashSet<Element>();
    new Walk(activity, before, elements, false).expression(value);
    elements.forEach(e -> before.add(e.array()));
    return before;
  }

  /** The variables of the index expressions of an element, at every level of a matrix. */
  static void indices(Expr.Index element, Set<Expr.Var> into) {
    into.addAll(Exprs.variables(element.index()));
    if (element.array() instanceof Expr.Index inner) {
      indices(inner, into);
    }
  }

  /**
   * Collects reads over an expression tree, from the root down its active operands. A partial
   * mentions operands of the tree (and the operation's own result); what reading one costs
   * depends on how the reverse phase holds it: a variable or an element is read as it is; an
   * active operation is a temporary, in scope in the backward sweep for a statement that is not
   * nested in a block, elsewhere kept by the forward sweep if it calls a function and computed
   * again from its operands if not; an inactive operand is a temporary if it calls a function
   * anywhere, and is written out, reading its variables, if not.
   */
  private record Walk(Activity activity, Set<Expr.Var> reads, Set<Element> elements,
      boolean nested) {
    private void collect(Expr partial, Set<Expr> tree) {
      if (tree.contains(partial)) {
        operand(partial, tree);
        return;
      }
      if (partial instanceof Expr.Var v) {
        reads.add(v);
      }
      Exprs.children(partial).forEach(child -> collect(child, tree));
    }

    private void operand(Expr node, Set<Expr> tree) {
      if (node instanceof Expr.Index i && i.array() instanceof Expr.Var vector) {
        elements.add(new Element(vector, i.index()));
        reads.addAll(Exprs.variables(i.index()));
      } else if (node instanceof Expr.Var || node instanceof Expr.Index) {
        reads.addAll(Exprs.variables(node));
      } else if (!activity.isActive(node)) {
        if (Recompute.isCheap(node)) {
          reads.addAll(Exprs.variables(node));
        }
      } else if (nested && !(node instanceof Expr.Call || node instanceof Expr.Invoke)) {
        Exprs.children(node).forEach(child -> operand(child, tree));
      }
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
      Set<Expr> tree = Collections.newSetFromMap(new IdentityHashMap<>());
      tree.add(e);
      tree.addAll(args);
      for (int i = 0; i < args.size(); i++) {
        if (activity.isActive(args.get(i))) {
          collect(rule.partial(i, args, e), tree);
          expression(args.get(i));
        }
      }
    }
  }
}
