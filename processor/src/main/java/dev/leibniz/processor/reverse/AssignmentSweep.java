package dev.leibniz.processor.reverse;

import dev.leibniz.processor.analyse.Activity;
import dev.leibniz.processor.analyse.Liveness;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.rules.Exprs;
import dev.leibniz.processor.rules.Rules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
  private final Set<Expr.Var> needed;
  private final Liveness liveness;
  private final Expr.Var value;
  private final Set<Expr.Var> defined = new HashSet<>();

  /**
   * The method-wide names an assignment's sweeps refer to.
   *
   * @param fileName the user's file, for comments
   * @param value the variable holding the method's value
   * @param upstream the gradient of the caller's result with respect to the value
   */
  record Frame(String fileName, Expr.Var value, Expr.Var upstream) {}

  /** @param needed the variables the backward sweep reads, or null to keep every value */
  AssignmentSweep(Frame frame, Activity activity, Liveness liveness, Names names,
      Storage storage, Set<Expr.Var> needed) {
    this.frame = frame;
    this.activity = activity;
    this.names = names;
    this.storage = storage;
    this.linearizer = new Linearizer(activity, names);
    this.pullback = new Pullback(activity, names, storage);
    this.needed = needed;
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
    boolean live = liveness.isNeeded(declaration);
    if (where.nested()) {
      storage.hoist(v);
      return declaration.init() == null ? Part.of(List.of(), List.of())
          : assignment(v, declaration.init(), declaration.source(), false, where.inLoop(), live,
              where);
    }
    if (declaration.init() == null) {
      return Part.of(List.of(new Stmt.Declare(v, Storage.defaultOf(v.type()), Source.NONE)),
          List.of());
    }
    return assignment(v, declaration.init(), declaration.source(), true, false, live, where);
  }

  Part assign(Stmt.Assign assignment, Where where) {
    boolean live = liveness.isNeeded(assignment);
    if (assignment.target() instanceof Expr.Index element) {
      return element(element, assignment.value(), assignment.source(), live, where);
    }
    Expr.Var v = (Expr.Var) assignment.target();
    boolean overwrites = where.inLoop() || defined.contains(v);
    defined.add(v);
    return assignment(v, assignment.value(), assignment.source(), false, overwrites, live, where);
  }

  /** The final {@code return e}: the method's value, whose adjoint is the upstream gradient. */
  Part result(Stmt.Return statement) {
    return assignment(value, statement.value(), statement.source(), true, false, true, Where.TOP);
  }

  List<Stmt> comment(Source source) {
    return source.line() > 0
        ? List.of(new Stmt.Comment(frame.fileName() + ":" + source.line() + ": " + source.text()))
        : List.of();
  }

  /**
   * {@code v = e}. When {@code live} is false, {@code dv} is zero after the statement, so there
   * is nothing to propagate and nothing to reset; an array's adjoint is still reset, to the
   * shape of the array the statement replaced.
   */
  private Part assignment(Expr.Var v, Expr e, Source source, boolean declares,
      boolean overwrites, boolean live, Where where) {
    var forward = new ArrayList<Stmt>(comment(source));
    var backward = new ArrayList<Stmt>();
    Stmt restore = overwrites && needs(v) ? restore(v, e, where, forward) : null;
    Stmt assign = declares ? new Stmt.Declare(v, e, source) : new Stmt.Assign(v, e, source);
    boolean target = v.equals(value) || activity.isActive(v);
    if (live && target && activity.isActive(e)) {
      differentiate(v, e, assign, where, overwrites, restore, forward, backward);
    } else {
      forward.add(assign);
      addIfPresent(backward, restore);
      if (overwrites && activity.isActive(v) && (live || v.type().isArray())) {
        backward.add(reset(v));
      }
    }
    return withComment(source, forward, backward);
  }

  /** How the backward sweep gets the old {@code v} back; adds what the forward sweep keeps. */
  private Stmt restore(Expr.Var v, Expr e, Where where, List<Stmt> forward) {
    Expr inverse = inverse(v, e);
    if (inverse != null) {
      return new Stmt.Assign(v, inverse, Source.NONE);
    }
    Storage.Kept kept = storage.keep(v, v.type(), where, "_" + v.name());
    forward.addAll(kept.store());
    return new Stmt.Assign(v, kept.replay(), Source.NONE);
  }

  /**
   * For {@code i = i + c} and {@code i = i - c} on an int or long with a literal {@code c}, the
   * old value without keeping it: integer addition is exactly invertible, even on overflow.
   */
  private static Expr inverse(Expr.Var v, Expr e) {
    if ((v.type() == Type.INT || v.type() == Type.LONG) && e instanceof Expr.Binary b
        && b.left().equals(v) && b.right() instanceof Expr.Literal
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
      BinaryOp undo = b.op() == BinaryOp.ADD ? BinaryOp.SUB : BinaryOp.ADD;
      return new Expr.Binary(undo, v, b.right(), v.type());
    }
    return null;
  }

  private void differentiate(Expr.Var v, Expr e, Stmt assign, Where where, boolean overwrites,
      Stmt restore, List<Stmt> forward, List<Stmt> backward) {
    boolean result = v.equals(value);
    Expr upstream = result ? frame.upstream() : names.adjoint(v);
    Expr root = chainRule(e, assign, v, where, upstream, restore, forward, backward);
    if (root != null) {
      if (overwrites && !result) {
        backward.add(reset(v));
      }
      addIfPresent(backward, restore);
    }
  }

  /** {@code a[i] = e}, with the element's old value kept and its adjoint {@code dA[i]}. */
  private Part element(Expr.Index element, Expr e, Source source, boolean live, Where where) {
    Expr.Var array = element.root();
    var forward = new ArrayList<Stmt>(comment(source));
    var backward = new ArrayList<Stmt>();
    Stmt restore = null;
    if (needs(array)) {
      Storage.Kept kept = storage.keep(element, Type.DOUBLE, where, "_" + array.name());
      forward.addAll(kept.store());
      restore = new Stmt.Assign(element, kept.replay(), Source.NONE);
    }
    Stmt assign = new Stmt.Assign(element, e, source);
    Expr adjoint = names.adjoint(element);
    if (!live) {
      forward.add(assign);
      addIfPresent(backward, restore);
    } else if (activity.isActive(array) && activity.isActive(e)) {
      if (chainRule(e, assign, element, where, adjoint, restore, forward, backward) != null) {
        backward.add(new Stmt.Assign(adjoint, Expr.zero(), Source.NONE));
        addIfPresent(backward, restore);
      }
    } else {
      forward.add(assign);
      addIfPresent(backward, restore);
      if (activity.isActive(array)) {
        backward.add(new Stmt.Assign(adjoint, Expr.zero(), Source.NONE));
      }
    }
    return withComment(source, forward, backward);
  }

  /**
   * Forward: the temporaries and the assignment. Backward: the chain rule from {@code upstream}.
   * Returns the root the terms came from, or null when the statement was self-referencing and
   * the backward part is already complete (its target's adjoint restarted and value restored).
   */
  private Expr chainRule(Expr e, Stmt assign, Expr target, Where where, Expr upstream,
      Stmt restore, List<Stmt> forward, List<Stmt> backward) {
    Expr.Var targetVariable = target instanceof Expr.Index i ? i.root() : (Expr.Var) target;
    boolean selfReferencing = Exprs.variables(e).contains(targetVariable);
    Linearizer.Linear linear = linearizer.linearize(e);
    if (selfReferencing && usesResult(linear.root())) {
      linear = linearizer.withNamedRoot(linear);
    }
    forward.addAll(linear.declarations());
    forward.add(withValue(assign, linear.root()));
    var terms = new ArrayList<Stmt>();
    if (!selfReferencing) {
      pullback.propagate(linear.root(), upstream, target, linear, terms);
      backward.addAll(recomputed(linear, where, terms));
      backward.addAll(terms);
      return linear.root();
    }
    Expr.Var captured = names.captured();
    pullback.propagate(linear.root(), captured, null, linear, terms);
    backward.add(new Stmt.Declare(captured, upstream, Source.NONE));
    addIfPresent(backward, restore);
    backward.addAll(recomputed(linear, where, terms));
    backward.addAll(startFresh(names.adjoint(target), captured, terms));
    return null;
  }

  /**
   * The temporaries the backward {@code terms} read, computed again: a nested statement's
   * temporaries are out of scope in the backward sweep (and a loop's are overwritten), while the
   * values they were computed from have been restored.
   */
  private static List<Stmt> recomputed(Linearizer.Linear linear, Where where, List<Stmt> terms) {
    if (!where.nested()) {
      return List.of();
    }
    Set<Expr.Var> read = new HashSet<>();
    terms.stream().flatMap(Stmts::expressions).forEach(e -> read.addAll(Exprs.variables(e)));
    var temporaries = new ArrayList<>(linear.temporaries().keySet());
    for (int i = temporaries.size() - 1; i >= 0; i--) {
      if (read.contains(temporaries.get(i))) {
        read.addAll(Exprs.variables(linear.temporaries().get(temporaries.get(i))));
      }
    }
    return linear.declarations().stream()
        .filter(d -> read.contains(((Stmt.Declare) d).var()))
        .toList();
  }

  private static Stmt withValue(Stmt assign, Expr newValue) {
    if (assign instanceof Stmt.Declare d) {
      return new Stmt.Declare(d.var(), newValue, d.source());
    }
    Stmt.Assign a = (Stmt.Assign) assign;
    return new Stmt.Assign(a.target(), newValue, a.source());
  }

  /** {@code dv = 0} for a number; for an array, a zero array shaped like the restored one. */
  private Stmt reset(Expr.Var v) {
    Expr.Var adjoint = names.adjoint(v);
    Expr zero = v.type().isArray()
        ? new Expr.Call(TypeRef.COMPANION, "zerosLike", List.of(v), v.type())
        : Expr.zero();
    return new Stmt.Assign(adjoint, zero, Source.NONE);
  }

  private boolean needs(Expr.Var v) {
    return needed == null || needed.contains(v);
  }

  private Part withComment(Source source, List<Stmt> forward, List<Stmt> backward) {
    if (!backward.isEmpty()) {
      backward.addAll(0, comment(source));
    }
    return Part.of(forward, backward);
  }

  /**
   * The terms of a self-referencing assignment, whose target's adjoint must restart from zero:
   * the first term into it becomes a plain assignment (or goes, if it hands the adjoint back
   * unchanged), or a reset comes first if there is none.
   */
  private static List<Stmt> startFresh(Expr adjoint, Expr.Var captured, List<Stmt> terms) {
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
    result.add(0, new Stmt.Assign(adjoint, Expr.zero(), Source.NONE));
    return result;
  }

  private static boolean usesResult(Expr root) {
    return Rules.of(root)
        .map(rule -> {
          List<Expr> args = Exprs.children(root).toList();
          for (int i = 0; i < rule.arity(); i++) {
            if (rule.partialUsesResult(i, args)) {
              return true;
            }
          }
          return false;
        })
        .orElse(false);
  }

  private static void addIfPresent(List<Stmt> statements, Stmt statement) {
    if (statement != null) {
      statements.add(statement);
    }
  }
}
