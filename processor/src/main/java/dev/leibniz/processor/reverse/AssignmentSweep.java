package dev.leibniz.processor.reverse;

import dev.leibniz.processor.analyse.Activity;
import dev.leibniz.processor.analyse.Liveness;
import dev.leibniz.processor.analyse.SavePlan;
import dev.leibniz.processor.diag.FiniteChecks;
import dev.leibniz.processor.ir.ArrayOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Exprs;
import dev.leibniz.processor.rules.Rules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two sweeps of one assignment {@code v = e}. Forward: keep the value {@code v} loses if the
 * backward sweep reads it, then assign. Backward: hand {@code dv} to the variables of {@code e}
 * (chain rule), clear {@code dv} (the old {@code v} reaches the result only through {@code e}),
 * and put the old {@code v} back, so that earlier statements see the values they saw forward.
 * An array element is a variable of its own for all of this.
 */
final class AssignmentSweep {
  private final Frame frame;
  private final Activity activity;
  private final Names names;
  private final Storage storage;
  private final Linearizer linearizer;
  private final Pullback pullback;
  private final SavePlan plan;
  private final Liveness liveness;
  private final Expr.Var value;
  private final Set<Expr.Var> defined = new HashSet<>();

  /**
   * The method-wide names an assignment's sweeps refer to.
   *
   * @param fileName the user's file, for comments
   * @param value the variable holding the method's value
   * @param upstream the gradient of the caller's result with respect to the value
   * @param checks the finite checks the processor's options ask for
   */
  record Frame(String fileName, Expr.Var value, Expr.Var upstream, FiniteChecks checks) {}

  AssignmentSweep(Frame frame, Activity activity, Liveness liveness, SavePlan plan, Names names,
      Storage storage) {
    this.frame = frame;
    this.activity = activity;
    this.names = names;
    this.storage = storage;
    this.linearizer = new Linearizer(activity, names);
    this.pullback = new Pullback(activity, names, storage, frame.checks());
    this.plan = plan;
    this.liveness = liveness;
    this.value = frame.value();
  }

  /** Marks a parameter as holding a value on entry. */
  void defined(Expr.Var parameter) {
    defined.add(parameter);
  }

  Part declare(Stmt.Declare declaration, Where where) {
    Expr.Var v = declaration.var();
    defined.add(v);
    if (where.nested()) {
      storage.hoist(v);
      return declaration.init() == null ? Part.of(List.of(), List.of())
          : assignment(declaration, v, declaration.init(), false, where.inLoop(), where);
    }
    if (declaration.init() == null) {
      return Part.of(List.of(new Stmt.Declare(v, Expr.defaultOf(v.type()), Source.NONE)),
          List.of());
    }
    return assignment(declaration, v, declaration.init(), true, false, where);
  }

  Part assign(Stmt.Assign assignment, Where where) {
    if (assignment.target() instanceof Expr.Index element) {
      return element(assignment, element, where);
    }
    Expr.Var v = (Expr.Var) assignment.target();
    boolean overwrites = where.inLoop() || defined.contains(v);
    defined.add(v);
    return assignment(assignment, v, assignment.value(), false, overwrites, where);
  }

  /**
   * A call writing into arrays. Forward: keep copies of the arrays' contents if the plan says
   * so, then run the callee's forward half, which writes them in place. Backward: the contents
   * put back first where the other arguments read them ({@code f(c[1], c)}: their adjoints
   * read them as they were before the call); then its backward half, which takes the arrays'
   * adjoints as they are after the call and leaves them as they are before it, reads no written
   * array's contents (what it needs of them it kept itself) but puts back only what it kept;
   * then the contents put back.
   */
  Part write(Stmt.Write w, Where where) {
    var sides = new Sides();
    var copies = new ArrayList<Expr.Var>();
    if (plan.saves(w)) {
      for (Expr written : w.writtenArguments()) {
        String hint = "_" + (written instanceof Expr.Var v ? v.name() : "row");
        // A vector's copy comes from the workspace's pool and goes back once restored.
        Expr copy = Type.DOUBLE_ARRAY.equals(written.type())
            ? new Expr.Borrow(storage.workspace(), written, Expr.Borrow.Kind.COPY)
            : ArrayOp.COPY_OF.of(written);
        copies.add(sides.keep(storage.keep(copy, written.type(), where, hint)));
      }
    }
    boolean differentiated = liveness.isNeeded(w) && activity.isActive(w.call());
    List<Stmt> putBack = putBack(w, copies);
    if (SavePlan.argumentsReadWritten(w) || !differentiated) {
      sides.backward.addAll(putBack);
    }
    if (differentiated) {
      Linearizer.Linear linear = linearizer.linearize(w.call());
      var terms = new ArrayList<Stmt>();
      Set<Expr> propagated = pullback.propagate(linear.root(), null, null, linear, terms);
      linear.temporaries().forEach((t, definition) -> sides.forward.add(new Stmt.Declare(t,
          CallPullback.forwardHalf(definition, propagated, storage.workspace()), Source.NONE)));
      sides.forward.add(new Stmt.Evaluate(
          CallPullback.forwardHalf(linear.root(), propagated, storage.workspace())));
      Temporaries temporaries = Temporaries.of(linear, where, terms, storage);
      temporaries.kept().forEach(sides::keep);
      sides.backward.addAll(temporaries.recomputed());
      sides.backward.addAll(terms);
    } else {
      sides.forward.add(new Stmt.Evaluate(w.call()));
    }
    if (differentiated) {
      // The callee's backward half puts back what it kept of the arrays it writes, which need
      // not be all they held: the contents are put back after it.
      sides.backward.addAll(putBack);
    }
    for (int k = 0; k < copies.size(); k++) {
      if (Type.DOUBLE_ARRAY.equals(w.writtenArguments().get(k).type())) {
        sides.backward.add(new Stmt.Release(storage.workspace(), copies.get(k)));
      }
    }
    return sides.done(w.source());
  }

  /** The written arrays' contents put back from the copies kept before the call. */
  private static List<Stmt> putBack(Stmt.Write w, List<Expr.Var> copies) {
    var statements = new ArrayList<Stmt>();
    for (int k = 0; k < copies.size(); k++) {
      statements.add(new Stmt.Evaluate(ArrayOp.COPY_INTO.call(
          List.of(w.writtenArguments().get(k), copies.get(k)), Type.VOID)));
    }
    return statements;
  }

  /** The final {@code return e}: the method's value, whose adjoint is the upstream gradient. */
  Part result(Stmt.Return statement) {
    if (statement.value().type().isArray()) {
      return arrayResult(statement, (Expr.Var) statement.value());
    }
    return assignment(statement, value, statement.value(), true, false, Where.TOP);
  }

  /**
   * {@code return r} of a local array: the caller receives {@code r} itself, and the upstream
   * gradient, an array shaped like it, is the first thing added into {@code dR}.
   */
  private Part arrayResult(Stmt.Return statement, Expr.Var result) {
    var forward = new ArrayList<Stmt>(comment(statement.source()));
    forward.add(new Stmt.Declare(value, result, statement.source()));
    var backward = new ArrayList<Stmt>();
    if (activity.isActive(result)) {
      backward.addAll(comment(statement.source()));
      backward.add(new Stmt.Evaluate(ArrayOp.ADD_INTO.call(
          List.of(names.adjoint(result), frame.upstream()), Type.VOID)));
    }
    return Part.of(forward, backward);
  }

  List<Stmt> comment(Source source) {
    return source.line() > 0
        ? List.of(new Stmt.Comment(frame.fileName() + ":" + source.line() + ": " + source.text()))
        : List.of();
  }

  /**
   * The sweeps of one statement under construction. What it keeps is captured where its
   * forward part says, pushed at the end of that part and popped at the start of its backward
   * part, so that the calls inside the statement find their own values on top of the stacks.
   */
  private final class Sides {
    final List<Stmt> forward = new ArrayList<>();
    final List<Stmt> backward = new ArrayList<>();
    final List<Storage.Kept> kept = new ArrayList<>();

    Expr.Var keep(Storage.Kept k) {
      kept.add(k);
      forward.addAll(k.capture());
      return k.local();
    }

    Part done(Source source) {
      var forwardPart = new ArrayList<Stmt>(comment(source));
      forwardPart.addAll(forward);
      kept.forEach(k -> forwardPart.addAll(k.push()));
      var backwardPart = new ArrayList<Stmt>();
      for (int i = kept.size() - 1; i >= 0; i--) {
        backwardPart.addAll(kept.get(i).pop());
      }
      backwardPart.addAll(backward);
      if (!backwardPart.isEmpty()) {
        backwardPart.addAll(0, comment(source));
      }
      return Part.of(forwardPart, backwardPart);
    }
  }

  /**
   * {@code v = e}. When the statement is not live, {@code dv} is zero after it, so there is
   * nothing to propagate and nothing to reset; an array's adjoint is still reset, to the shape of
   * the array the statement replaced.
   */
  private Part assignment(Stmt statement, Expr.Var v, Expr e, boolean declares,
      boolean overwrites, Where where) {
    boolean live = liveness.isNeeded(statement);
    var sides = new Sides();
    Stmt restore = overwrites && plan.saves(statement) ? restore(v, e, where, sides) : null;
    Source source = source(statement);
    Stmt assign = declares ? new Stmt.Declare(v, e, source) : new Stmt.Assign(v, e, source);
    boolean target = v.equals(value) || activity.isActive(v);
    if (live && target && activity.isActive(e)) {
      boolean result = v.equals(value);
      Expr upstream = result ? frame.upstream() : names.adjoint(v);
      if (chainRule(e, assign, v, where, upstream, restore, sides) && overwrites && !result) {
        sides.backward.add(reset(v));
      }
      if (!selfReferencing(e, v)) {
        addIfPresent(sides.backward, restore);
      }
    } else {
      sides.forward.add(assign);
      frame.checks().at(source, where.counters(), Map.of());
      sides.forward.addAll(frame.checks().value(v, e));
      addIfPresent(sides.backward, restore);
      if (overwrites && activity.isActive(v) && (live || v.type().isArray())) {
        sides.backward.add(reset(v));
      }
    }
    return sides.done(source);
  }

  /** How the backward sweep gets the old {@code v} back; what the forward sweep keeps for it. */
  private Stmt restore(Expr.Var v, Expr e, Where where, Sides sides) {
    Expr inverse = SavePlan.inverse(v, e);
    if (inverse != null) {
      return new Stmt.Assign(v, inverse, Source.NONE);
    }
    Expr.Var old = sides.keep(storage.keep(v, v.type(), where, "_" + v.name()));
    return new Stmt.Assign(v, old, Source.NONE);
  }

  /** {@code a[i] = e}, with the element's old value kept and its adjoint {@code dA[i]}. */
  private Part element(Stmt.Assign statement, Expr.Index element, Where where) {
    Expr.Var array = element.root();
    Expr e = statement.value();
    var sides = new Sides();
    Stmt restore = null;
    if (plan.saves(statement)) {
      Expr.Var old = sides.keep(storage.keep(element, Type.DOUBLE, where, "_" + array.name()));
      restore = new Stmt.Assign(element, old, Source.NONE);
    }
    Stmt assign = new Stmt.Assign(element, e, statement.source());
    Expr adjoint = names.adjoint(element);
    boolean live = liveness.isNeeded(statement);
    if (live && activity.isActive(array) && activity.isActive(e)) {
      if (chainRule(e, assign, element, where, adjoint, restore, sides)) {
        sides.backward.add(new Stmt.Assign(adjoint, Expr.zero(), Source.NONE));
      }
      if (!selfReferencing(e, array)) {
        addIfPresent(sides.backward, restore);
      }
    } else {
      sides.forward.add(assign);
      frame.checks().at(statement.source(), where.counters(), Map.of());
      sides.forward.addAll(frame.checks().value(element, e));
      addIfPresent(sides.backward, restore);
      if (live && activity.isActive(array)) {
        sides.backward.add(new Stmt.Assign(adjoint, Expr.zero(), Source.NONE));
      }
    }
    return sides.done(statement.source());
  }

  /**
   * Forward: the temporaries and the assignment, calls through their forward halves. Backward:
   * the chain rule from {@code upstream}. Returns whether the target's adjoint still has to be
   * reset: false for a self-referencing statement, whose backward part restarts it itself (and
   * has restored the old value before its terms, which read it).
   */
  private boolean chainRule(Expr e, Stmt assign, Expr target, Where where, Expr upstream,
      Stmt restore, Sides sides) {
    Expr.Var targetVariable = target instanceof Expr.Index i ? i.root() : (Expr.Var) target;
    boolean selfReferencing = selfReferencing(e, targetVariable);
    Linearizer.Linear linear = linearizer.linearize(e);
    if (selfReferencing && Rules.usesResult(linear.root())) {
      linear = linearizer.withNamedRoot(linear);
    }
    frame.checks().at(source(assign), where.counters(), linear.temporaries());
    var terms = new ArrayList<Stmt>();
    Expr.Var captured = selfReferencing ? names.captured(target.type()) : null;
    Set<Expr> propagated = selfReferencing
        ? pullback.propagate(linear.root(), captured, null, linear, terms)
        : pullback.propagate(linear.root(), upstream, target, linear, terms);
    Expr.Var workspace = storage.workspace();
    linear.temporaries().forEach((t, definition) -> {
      sides.forward.add(new Stmt.Declare(t,
          CallPullback.forwardHalf(definition, propagated, workspace), Source.NONE));
      sides.forward.addAll(frame.checks().value(t, definition));
    });
    sides.forward.add(withValue(assign,
        CallPullback.forwardHalf(linear.root(), propagated, workspace)));
    sides.forward.addAll(frame.checks().value(target, linear.root()));
    Temporaries temporaries = Temporaries.of(linear, where, terms, storage);
    temporaries.kept().forEach(sides::keep);
    if (!selfReferencing) {
      sides.backward.addAll(temporaries.recomputed());
      sides.backward.addAll(terms);
      return true;
    }
    sides.backward.add(new Stmt.Declare(captured, upstream, Source.NONE));
    addIfPresent(sides.backward, restore);
    sides.backward.addAll(temporaries.recomputed());
    // For a whole array, the restart is an array of zeros shaped like the restored one.
    Stmt restart = target.type().isArray()
        ? resetToNew(targetVariable)
        : new Stmt.Assign(names.adjoint(target), Expr.zero(), Source.NONE);
    sides.backward.addAll(startFresh(names.adjoint(target), captured, terms, restart));
    return false;
  }

  private static boolean selfReferencing(Expr e, Expr.Var target) {
    return Exprs.variables(e).contains(target);
  }

  private static Source source(Stmt statement) {
    if (statement instanceof Stmt.Declare d) {
      return d.source();
    } else if (statement instanceof Stmt.Assign a) {
      return a.source();
    }
    return ((Stmt.Return) statement).source();
  }

  private static Stmt withValue(Stmt assign, Expr newValue) {
    if (assign instanceof Stmt.Declare d) {
      return new Stmt.Declare(d.var(), newValue, d.source());
    }
    Stmt.Assign a = (Stmt.Assign) assign;
    return new Stmt.Assign(a.target(), newValue, a.source());
  }

  /**
   * {@code dv = 0} for a number; for an array, a zero array shaped like the restored one: the
   * used-up adjoint itself, zeroed, where its shape fits.
   */
  private Stmt reset(Expr.Var v) {
    Expr.Var adjoint = names.adjoint(v);
    Expr zero = switch (v.type().rank()) {
      case 1 -> ArrayOp.ZEROED.call(List.of(adjoint, v), v.type());
      case 2 -> ArrayOp.ZEROS_LIKE.of(v);
      default -> Expr.zero();
    };
    return new Stmt.Assign(adjoint, zero, Source.NONE);
  }

  /** A new zero array shaped like {@code v}: its old adjoint is still held elsewhere. */
  private Stmt resetToNew(Expr.Var v) {
    return new Stmt.Assign(names.adjoint(v), ArrayOp.ZEROS_LIKE.of(v), Source.NONE);
  }

  /**
   * The terms of a self-referencing assignment, whose target's adjoint must restart from zero:
   * the first term into it becomes a plain assignment (or goes, if it hands the adjoint back
   * unchanged), or a reset comes first if there is none.
   */
  private static List<Stmt> startFresh(Expr adjoint, Expr.Var captured, List<Stmt> terms,
      Stmt restart) {
    var result = new ArrayList<Stmt>(terms);
    for (int i = 0; i < result.size(); i++) {
      if (result.get(i) instanceof Stmt.Accumulate a && a.target().equals(adjoint)) {
        if (a.value().equals(captured)) {
          // dv = captured, and captured was read from dv, which nothing has changed since.
          result.remove(i);
        } else {
          result.set(i, new Stmt.Assign(adjoint, a.value(), Source.NONE));
        }
        return result;
      }
    }
    result.add(0, restart);
    return result;
  }

  private static void addIfPresent(List<Stmt> statements, Stmt statement) {
    if (statement != null) {
      statements.add(statement);
    }
  }
}
