package dev.leibniz.processor.reverse;

import dev.leibniz.processor.rules.Algebra;
import dev.leibniz.processor.analyse.Activity;
import dev.leibniz.processor.analyse.DifferentiablePaths;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.ArrayOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The chain rule through a call of a method the user wrote or a library's function.
 *
 * <p>A {@code @Differentiable} callee: the backward half in its companion, given the arguments,
 * the upstream gradient and the workspace its forward half saved into, adds the adjoints of
 * array arguments straight into the caller's adjoint arrays and leaves those of {@code double}
 * arguments in a scratch array, from which they are handed on. A callee with a {@code @DerivativeOf} rule: the rule gives the partial
 * derivatives, returned for one parameter, written into a scratch array for several.
 */
final class CallPullback {
  private CallPullback() {}

  /** Writes the call's backward statements; returns the terms for its scalar arguments. */
  static List<Pullback.Term> terms(Expr.Invoke invoke, Expr upstream, Linearizer.Linear linear,
      Activity activity, Names names, Storage storage, List<Stmt> out) {
    var terms = new ArrayList<Pullback.Term>();
    if (invoke.callee() instanceof Callee.WithRule rule) {
      withRule(invoke, rule, upstream, linear, activity, storage, out, terms);
      return terms;
    }
    var callee = (Callee.Differentiable) invoke.callee();
    List<Integer> positions = DifferentiablePaths.differentiablePositions(invoke);
    var scalars = new ArrayList<Integer>();
    var arguments = new ArrayList<Expr>(invoke.args());
    if (invoke.type() != Type.VOID) {
      // A method writing into its arrays has no upstream: their adjoints carry it, in place.
      arguments.add(upstream);
    }
    var arrayAdjoints = new ArrayList<Expr>();
    var released = new ArrayList<Stmt>();
    for (int position : positions) {
      Expr arg = invoke.args().get(position);
      if (arg.type().isArray()) {
        arrayAdjoints.add(activity.isActive(arg)
            ? names.adjoint(arg)
            : discarded(arg, storage, out, released));
      } else {
        scalars.add(position);
      }
    }
    Expr.Var scratch = scalars.isEmpty() ? null : storage.scratch(scalars.size());
    for (int k = 0; k < scalars.size(); k++) {
      out.add(new Stmt.Assign(slot(scratch, k), Expr.zero(), Source.NONE));
    }
    if (scratch != null) {
      arguments.add(scratch);
    }
    arguments.addAll(arrayAdjoints);
    arguments.add(storage.workspace());
    out.add(new Stmt.Evaluate(new Expr.Call(callee.owner().companion(), callee.backward(),
        arguments, Type.DOUBLE)));
    out.addAll(released);
    for (int k = 0; k < scalars.size(); k++) {
      Expr arg = invoke.args().get(scalars.get(k));
      if (linear.isActive(arg, activity)) {
        terms.add(new Pullback.Term(arg, slot(scratch, k)));
      }
    }
    return terms;
  }

  private static void withRule(Expr.Invoke invoke, Callee.WithRule rule, Expr upstream,
      Linearizer.Linear linear, Activity activity, Storage storage, List<Stmt> out,
      List<Pullback.Term> terms) {
    List<Expr> args = invoke.args();
    if (rule.arity() == 1) {
      Expr local = new Expr.Call(rule.ruleOwner(), rule.rule(), args, Type.DOUBLE);
      if (linear.isActive(args.get(0), activity)) {
        terms.add(new Pullback.Term(args.get(0), Algebra.product(local, upstream)));
      }
      return;
    }
    Expr.Var scratch = storage.scratch(rule.arity());
    var arguments = new ArrayList<Expr>(args);
    arguments.add(scratch);
    out.add(new Stmt.Evaluate(new Expr.Call(rule.ruleOwner(), rule.rule(), arguments, Type.DOUBLE)));
    for (int i = 0; i < args.size(); i++) {
      if (linear.isActive(args.get(i), activity)) {
        terms.add(new Pullback.Term(args.get(i), Algebra.product(slot(scratch, i), upstream)));
      }
    }
  }

  /**
   * The forward sweep's form of {@code definition}: a call of a {@code @Differentiable} method
   * whose backward half the backward sweep runs becomes a call of its forward half, which
   * computes the same value and saves, on the workspace, what the backward half reads.
   */
  static Expr forwardHalf(Expr definition, Set<Expr> propagated, Expr.Var workspace) {
    if (definition instanceof Expr.Invoke invoke
        && invoke.callee() instanceof Callee.Differentiable callee
        && propagated.contains(definition)) {
      var arguments = new ArrayList<Expr>(invoke.args());
      arguments.add(workspace);
      return new Expr.Call(callee.owner().companion(), callee.forward(), arguments, invoke.type());
    }
    return definition;
  }

  private static Expr slot(Expr.Var scratch, int k) {
    return new Expr.Index(scratch, new Expr.Literal(Type.INT, k), Type.DOUBLE);
  }

  /**
   * Somewhere for the callee to put the adjoint of an array argument that carries no
   * derivative: for a vector, an array borrowed from the workspace for the call, whose contents
   * nobody reads; for a matrix, whose rows must fit, a new one.
   */
  private static Expr discarded(Expr array, Storage storage, List<Stmt> out,
      List<Stmt> released) {
    if (!Type.DOUBLE_ARRAY.equals(array.type())) {
      return ArrayOp.ZEROS_LIKE.of(array);
    }
    return storage.discard(new Expr.Length(array), out, released);
  }
}
