package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Callee;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The operands through which a derivative can flow. A condition chooses but does not carry a
 * derivative; a field's receiver is an object; an array element carries its array's; everything
 * of a type other than {@code double} is a constant.
 */
public final class DifferentiablePaths {
  private DifferentiablePaths() {}

  /** The operands of {@code e} that a derivative of {@code e} can flow into. */
  public static Stream<Expr> operands(Expr e) {
    if (e instanceof Expr.Unary u) {
      return Stream.of(u.operand());
    } else if (e instanceof Expr.Binary b) {
      return b.op().isArithmetic() ? Stream.of(b.left(), b.right()) : Stream.empty();
    } else if (e instanceof Expr.Call c) {
      return c.args().stream();
    } else if (e instanceof Expr.Cast c) {
      return Stream.of(c.operand());
    } else if (e instanceof Expr.Conditional c) {
      return Stream.of(c.then(), c.otherwise());
    } else if (e instanceof Expr.Invoke i) {
      return differentiableArguments(i).stream();
    }
    return Stream.empty();
  }

  /**
   * The arguments of a call a derivative flows into: those of the callee's differentiable
   * parameters, or all of them for a callee with a rule, or one Leibniz knows nothing of (whose
   * derivative is then an error, if it is needed).
   */
  public static List<Expr> differentiableArguments(Expr.Invoke invoke) {
    return differentiablePositions(invoke).stream().map(invoke.args()::get).toList();
  }

  /** The positions in {@code invoke.args()} of {@link #differentiableArguments}. */
  public static List<Integer> differentiablePositions(Expr.Invoke invoke) {
    int offset = invoke.callee().instance() ? 1 : 0;
    var positions = new ArrayList<Integer>();
    for (int i = offset; i < invoke.args().size(); i++) {
      boolean constant = invoke.callee() instanceof Callee.Differentiable d
          && d.roles().get(i - offset) == Callee.Role.CONSTANT;
      if (!constant) {
        positions.add(i);
      }
    }
    return positions;
  }

  /**
   * The variables of {@code e} as {@link #variables}, plus those passed to calls where the
   * derivative would stop: they too matter to the result.
   */
  public static Set<Expr.Var> reaching(Expr e) {
    var found = new LinkedHashSet<Expr.Var>(variables(e));
    calls(e).forEach(call -> call.args().forEach(arg -> found.addAll(variables(arg))));
    return found;
  }

  /** The calls whose values flow into {@code e}. */
  static List<Expr.Invoke> calls(Expr e) {
    var found = new ArrayList<Expr.Invoke>();
    if (e instanceof Expr.Invoke invoke) {
      found.add(invoke);
    }
    operands(e).forEach(operand -> found.addAll(calls(operand)));
    return found;
  }

  /** The {@code double} variables whose derivatives flow into {@code e}. */
  public static Set<Expr.Var> variables(Expr e) {
    var found = new LinkedHashSet<Expr.Var>();
    collect(e, found);
    return found;
  }

  private static void collect(Expr e, Set<Expr.Var> found) {
    if (e instanceof Expr.Index element && e.type().isDifferentiable()) {
      found.add(element.root());
      return;
    }
    if (e instanceof Expr.Var v && v.type().isArray()) {
      found.add(v);
      return;
    }
    boolean throughCall = e instanceof Expr.Invoke
        && (e.type().isArray() || e.type() == Type.VOID);
    if (!e.type().isFloating() && !throughCall) {
      return;
    }
    if (e instanceof Expr.Var v) {
      found.add(v);
    }
    operands(e).forEach(operand -> collect(operand, found));
  }
}
