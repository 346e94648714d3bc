package dev.leibniz.processor.reverse;

import dev.leibniz.processor.analyse.Activity;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Exprs;
import dev.leibniz.processor.rules.Rules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The reverse phase: builds the forward and backward sweeps of a method.
 *
 * <p>The forward sweep is the method itself, split into named intermediate values, keeping each
 * value that an assignment overwrites in a local of its own. The backward sweep visits the
 * statements in reverse; for an assignment {@code v = e} it hands {@code dv} to the variables of
 * {@code e} (chain rule), clears {@code dv} (the old {@code v} did not contribute to the new one
 * except through {@code e}), and restores the old {@code v}, so that every earlier statement sees
 * the values it saw in the forward sweep. Saves that the backward sweep never reads are dropped.
 */
public final class ReverseBuilder {
  private final MethodIR method;
  private final Activity activity;
  private final Names names;
  private final Linearizer linearizer;
  private final Pullback pullback;
  private final Set<Expr.Var> defined = new HashSet<>();
  private final List<Stmt> forward = new ArrayList<>();
  private final List<List<Stmt>> backwardParts = new ArrayList<>();
  private final List<SavedValue> saves = new ArrayList<>();
  private final Expr.Var value;

  private ReverseBuilder(MethodIR method, Activity activity) {
    this.method = method;
    this.activity = activity;
    this.names = new Names(Variables.names(method));
    this.linearizer = new Linearizer(activity, names);
    this.pullback = new Pullback(activity, names);
    this.value = names.fresh("value", Type.DOUBLE);
  }

  /** The forward and backward sweeps of {@code method}. */
  public static AdjointMethod build(MethodIR method, Activity activity) {
    return new ReverseBuilder(method, activity).build();
  }

  private AdjointMethod build() {
    method.allParams().forEach(p -> defined.add(p.var()));
    method.body().statements().forEach(this::statement);
    var backward = new ArrayList<Stmt>();
    for (Expr.Var v : Variables.inOrder(method)) {
      if (activity.isActive(v)) {
        backward.add(new Stmt.Declare(names.adjoint(v), Expr.zero(), Source.NONE));
      }
    }
    var parts = new ArrayList<>(backwardParts);
    Collections.reverse(parts);
    parts.forEach(backward::addAll);
    SavedValue.prune(saves, forward, backward);
    return new AdjointMethod(method, forward, backward, value, gradients());
  }

  private List<AdjointMethod.Gradient> gradients() {
    var gradients = new ArrayList<AdjointMethod.Gradient>();
    for (Param p : method.params()) {
      if (p.differentiable()) {
        Expr g = activity.isActive(p.var()) ? names.adjoint(p.var()) : Expr.zero();
        gradients.add(new AdjointMethod.Gradient(p, g));
      }
    }
    return gradients;
  }

  private void statement(Stmt stmt) {
    if (stmt instanceof Stmt.Declare d) {
      if (d.init() == null) {
        forward.add(d);
      } else {
        assignment(d.var(), d.init(), d.source(), true);
      }
    } else if (stmt instanceof Stmt.Assign a) {
      assignment(a.target(), a.value(), a.source(), false);
    } else if (stmt instanceof Stmt.Return r) {
      assignment(value, r.value(), r.source(), true);
    } else if (stmt instanceof Stmt.Block b) {
      b.statements().forEach(this::statement);
    } else {
      throw new IllegalStateException("unexpected statement " + stmt);
    }
  }

  /** {@code target = e}; {@code declares} when the statement is the target's declaration. */
  private void assignment(Expr.Var target, Expr e, Source source, boolean declares) {
    boolean overwrites = defined.contains(target);
    defined.add(target);
    String where = method.fileName() + ":" + source.line() + ": " + source.text();
    forward.add(new Stmt.Comment(where));
    var backward = new ArrayList<Stmt>();
    backward.add(new Stmt.Comment(where));
    SavedValue saved = overwrites ? SavedValue.of(target, names) : null;
    if (saved != null) {
      forward.add(saved.save());
      saves.add(saved);
    }
    boolean isResult = target.equals(value);
    if ((isResult || activity.isActive(target)) && activity.isActive(e)) {
      differentiate(target, e, declares, overwrites, saved, backward);
    } else {
      forward.add(declares ? new Stmt.Declare(target, e, source) : new Stmt.Assign(target, e, source));
      if (overwrites && activity.isActive(target)) {
        backward.add(new Stmt.Assign(names.adjoint(target), Expr.zero(), Source.NONE));
      }
      if (saved != null) {
        backward.add(saved.restore());
      }
    }
    backwardParts.add(backward);
  }

  private void differentiate(
      Expr.Var target, Expr e, boolean declares, boolean overwrites, SavedValue saved,
      List<Stmt> backward) {
    boolean selfReferencing = Exprs.variables(e).contains(target);
    Linearizer.Linear linear = linearizer.linearize(e);
    if (selfReferencing && usesResult(linear.root())) {
      linear = linearizer.withNamedRoot(linear);
    }
    forward.addAll(linear.declarations());
    forward.add(
        declares
            ? new Stmt.Declare(target, linear.root(), Source.NONE)
            : new Stmt.Assign(target, linear.root(), Source.NONE));
    boolean isResult = target.equals(value);
    Expr upstream = isResult ? Expr.one() : names.adjoint(target);
    if (selfReferencing) {
      Expr.Var captured = names.captured();
      backward.add(new Stmt.Declare(captured, upstream, Source.NONE));
      if (saved != null) {
        backward.add(saved.restore());
      }
      var terms = new ArrayList<Stmt>();
      pullback.propagate(linear.root(), captured, null, linear, terms);
      backward.addAll(startFresh(names.adjoint(target), terms));
      return;
    }
    pullback.propagate(linear.root(), upstream, target, linear, backward);
    if (overwrites && !isResult) {
      backward.add(new Stmt.Assign(names.adjoint(target), Expr.zero(), Source.NONE));
    }
    if (saved != null) {
      backward.add(saved.restore());
    }
  }

  /**
   * The terms of a self-referencing assignment, whose target's adjoint must restart from zero:
   * the first term into it becomes a plain assignment, or a reset comes first if there is none.
   */
  private static List<Stmt> startFresh(Expr.Var adjoint, List<Stmt> terms) {
    var result = new ArrayList<Stmt>(terms);
    for (int i = 0; i < result.size(); i++) {
      if (result.get(i) instanceof Stmt.Accumulate a && a.target().equals(adjoint)) {
        result.set(i, new Stmt.Assign(adjoint, a.value(), Source.NONE));
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

  /** Every variable of a method, for naming and for declaring adjoints in a stable order. */
  static final class Variables {
    private Variables() {}

    static Set<String> names(MethodIR method) {
      var names = new HashSet<String>();
      inOrder(method).forEach(v -> names.add(v.name()));
      return names;
    }

    static List<Expr.Var> inOrder(MethodIR method) {
      var found = new LinkedHashSet<Expr.Var>();
      method.allParams().forEach(p -> found.add(p.var()));
      collect(method.body(), found);
      return List.copyOf(found);
    }

    private static void collect(Stmt stmt, Set<Expr.Var> found) {
      if (stmt instanceof Stmt.Declare d) {
        found.add(d.var());
      } else if (stmt instanceof Stmt.Block b) {
        b.statements().forEach(s -> collect(s, found));
      } else if (stmt instanceof Stmt.If i) {
        collect(i.then(), found);
        collect(i.otherwise(), found);
      }
    }
  }
}
