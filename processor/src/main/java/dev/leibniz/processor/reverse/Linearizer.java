package dev.leibniz.processor.reverse;

import dev.leibniz.processor.analyse.Activity;
import dev.leibniz.processor.analyse.DifferentiablePaths;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Unexpected;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits an active expression so that every intermediate value its derivative needs has a name:
 * each active operand that is itself an operation becomes a temporary. {@code q * Math.sin(x)}
 * becomes {@code _t0 = Math.sin(x)} and the root {@code q * _t0}. Inactive sub-expressions stay
 * as written: they are constants of the derivative.
 */
final class Linearizer {
  private final Activity activity;
  private final Names names;

  Linearizer(Activity activity, Names names) {
    this.activity = activity;
    this.names = names;
  }

  /**
   * The expression in three-address form.
   *
   * @param temporaries each temporary with its defining operation, in evaluation order
   * @param activeTemporaries the temporaries whose values depend on active variables
   * @param root the top operation, over variables, temporaries and constants
   */
  record Linear(Map<Expr.Var, Expr> temporaries, Set<Expr.Var> activeTemporaries, Expr root) {
    /** Whether an operand of the split expression carries a derivative. */
    boolean isActive(Expr operand, Activity activity) {
      return activeTemporaries.contains(operand) || activity.isActive(operand);
    }

  }

  /** Splits {@code e}. */
  Linear linearize(Expr e) {
    var temporaries = new LinkedHashMap<Expr.Var, Expr>();
    var active = new HashSet<Expr.Var>();
    Expr root = split(e, temporaries, active);
    return new Linear(temporaries, active, root);
  }

  /** The same split with the root operation bound to a temporary of its own. */
  Linear withNamedRoot(Linear linear) {
    if (isLeaf(linear.root())) {
      return linear;
    }
    var temporaries = new LinkedHashMap<>(linear.temporaries());
    var active = new HashSet<>(linear.activeTemporaries());
    Expr.Var root = bind(linear.root(), temporaries);
    active.add(root);
    return new Linear(temporaries, active, root);
  }

  private Expr split(Expr e, Map<Expr.Var, Expr> temporaries, Set<Expr.Var> active) {
    if (!activity.isActive(e) || isLeaf(e)) {
      return e;
    }
    return e.accept(new Expr.SourceVisitor<>() {
      @Override
      public Expr unary(Expr.Unary u) {
        return new Expr.Unary(u.op(), operand(u.operand(), temporaries, active), u.type());
      }

      @Override
      public Expr binary(Expr.Binary b) {
        Expr left = operand(b.left(), temporaries, active);
        Expr right = operand(b.right(), temporaries, active);
        return new Expr.Binary(b.op(), left, right, b.type());
      }

      @Override
      public Expr call(Expr.Call c) {
        var args = c.args().stream().map(arg -> operand(arg, temporaries, active)).toList();
        return new Expr.Call(c.owner(), c.name(), args, c.type());
      }

      @Override
      public Expr cast(Expr.Cast c) {
        return new Expr.Cast(c.type(), operand(c.operand(), temporaries, active));
      }

      /** In derivative code only: a partial chosen by a comparison, as max' is. */
      @Override
      public Expr conditional(Expr.Conditional c) {
        return new Expr.Conditional(c.condition(), operand(c.then(), temporaries, active),
            operand(c.otherwise(), temporaries, active), c.type());
      }

      @Override
      public Expr invoke(Expr.Invoke i) {
        List<Integer> differentiable = DifferentiablePaths.differentiablePositions(i);
        var args = new ArrayList<Expr>();
        for (int position = 0; position < i.args().size(); position++) {
          Expr arg = i.args().get(position);
          args.add(differentiable.contains(position) && !arg.type().isArray()
              ? operand(arg, temporaries, active)
              : arg);
        }
        return new Expr.Invoke(i.callee(), args, i.type(), i.site());
      }

      // Leaves and constants have no operation to split; activity keeps constants out.
      @Override
      public Expr literal(Expr.Literal l) {
        throw noLinearForm(l);
      }

      @Override
      public Expr variable(Expr.Var v) {
        throw noLinearForm(v);
      }

      @Override
      public Expr index(Expr.Index i) {
        throw noLinearForm(i);
      }

      @Override
      public Expr staticField(Expr.StaticField f) {
        throw noLinearForm(f);
      }

      @Override
      public Expr instanceField(Expr.InstanceField f) {
        throw noLinearForm(f);
      }

      @Override
      public Expr length(Expr.Length l) {
        throw noLinearForm(l);
      }

      @Override
      public Expr newArray(Expr.NewArray n) {
        throw noLinearForm(n);
      }

      @Override
      public Expr construct(Expr.Construct c) {
        throw noLinearForm(c);
      }

      @Override
      public Expr generated(Expr.Generated g) {
        throw Unexpected.generated(g);
      }
    });
  }

  private static IllegalStateException noLinearForm(Expr e) {
    return new IllegalStateException("no linear form for " + e);
  }

  /**
   * An operand of an active operation: an active compound operand gets a temporary, because its
   * adjoint passes through it; so does a constant operand that calls a function, because the
   * derivative of its sibling reads it again and a call is worth not repeating.
   */
  private Expr operand(Expr e, Map<Expr.Var, Expr> temporaries, Set<Expr.Var> active) {
    if (!activity.isActive(e)) {
      return callsAFunction(e) ? bind(e, temporaries) : e;
    }
    Expr split = split(e, temporaries, active);
    if (isLeaf(split)) {
      return split;
    }
    Expr.Var temporary = bind(split, temporaries);
    active.add(temporary);
    return temporary;
  }

  /** Variables and array elements: values with adjoints of their own. */
  private static boolean isLeaf(Expr e) {
    return e instanceof Expr.Var || e instanceof Expr.Index;
  }

  private static boolean callsAFunction(Expr e) {
    return e instanceof Expr.Call || e instanceof Expr.Invoke
        || Exprs.children(e).anyMatch(Linearizer::callsAFunction);
  }

  private Expr.Var bind(Expr e, Map<Expr.Var, Expr> temporaries) {
    Expr.Var temporary = names.temporary(e.type());
    temporaries.put(temporary, e);
    return temporary;
  }
}
