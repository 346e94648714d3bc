package dev.leibniz.processor.reverse;

import dev.leibniz.processor.analyse.Activity;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
   * @param root the top operation, over variables, temporaries and constants
   */
  record Linear(Map<Expr.Var, Expr> temporaries, Expr root) {
    /** The temporaries' declarations, for the forward sweep. */
    List<Stmt> declarations() {
      var statements = new ArrayList<Stmt>();
      temporaries.forEach((t, e) -> statements.add(new Stmt.Declare(t, e, Source.NONE)));
      return statements;
    }
  }

  /** Splits {@code e}. */
  Linear linearize(Expr e) {
    var temporaries = new LinkedHashMap<Expr.Var, Expr>();
    Expr root = split(e, temporaries);
    return new Linear(temporaries, root);
  }

  /** The same split with the root operation bound to a temporary of its own. */
  Linear withNamedRoot(Linear linear) {
    if (linear.root() instanceof Expr.Var) {
      return linear;
    }
    var temporaries = new LinkedHashMap<>(linear.temporaries());
    return new Linear(temporaries, bind(linear.root(), temporaries));
  }

  private Expr split(Expr e, Map<Expr.Var, Expr> temporaries) {
    if (!activity.isActive(e) || e instanceof Expr.Var) {
      return e;
    }
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), operand(u.operand(), temporaries), u.type());
    } else if (e instanceof Expr.Binary b) {
      Expr left = operand(b.left(), temporaries);
      Expr right = operand(b.right(), temporaries);
      return new Expr.Binary(b.op(), left, right, b.type());
    } else if (e instanceof Expr.Call c) {
      var args = c.args().stream().map(arg -> operand(arg, temporaries)).toList();
      return new Expr.Call(c.owner(), c.name(), args, c.type());
    } else if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), operand(c.operand(), temporaries));
    }
    throw new IllegalStateException("no linear form for " + e);
  }

  private Expr operand(Expr e, Map<Expr.Var, Expr> temporaries) {
    boolean compound = activity.isActive(e) && !(e instanceof Expr.Var);
    Expr split = split(e, temporaries);
    return compound ? bind(split, temporaries) : split;
  }

  private Expr.Var bind(Expr e, Map<Expr.Var, Expr> temporaries) {
    Expr.Var temporary = names.temporary();
    temporaries.put(temporary, e);
    return temporary;
  }
}
