package dev.leibniz.processor.reverse;

import dev.leibniz.processor.analyse.Activity;
import dev.leibniz.processor.analyse.Liveness;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The reverse phase: builds the forward and backward sweeps of a method (see
 * {@link AssignmentSweep} and {@link Sweeps} for how each statement is handled).
 *
 * <p>Which values are worth keeping depends on what the backward sweep reads, which is known
 * only once it is built; so the sweeps are built first keeping every overwritten value, then
 * again keeping only what the previous build read, until that no longer changes.
 */
public final class ReverseBuilder {
  private static final int MAX_PASSES = 4;

  private final MethodIR method;
  private final Activity activity;
  private final Liveness liveness;

  private ReverseBuilder(MethodIR method, Activity activity) {
    this.method = method;
    this.activity = activity;
    this.liveness = Liveness.of(method);
  }

  /** The forward and backward sweeps of {@code method}. */
  public static AdjointMethod build(MethodIR method, Activity activity) {
    var builder = new ReverseBuilder(method, activity);
    AdjointMethod adjoint = builder.pass(null);
    Set<Expr.Var> read = BackwardReads.of(adjoint.backward());
    for (int pass = 1; pass < MAX_PASSES; pass++) {
      adjoint = builder.pass(read);
      Set<Expr.Var> nowRead = BackwardReads.of(adjoint.backward());
      if (nowRead.equals(read)) {
        break;
      }
      read = nowRead;
    }
    return adjoint;
  }

  private AdjointMethod pass(Set<Expr.Var> needed) {
    var names = new Names(variableNames());
    var storage = new Storage(names);
    var frame = new AssignmentSweep.Frame(method.fileName(),
        names.fresh("value", Type.DOUBLE), names.fresh("upstream", Type.DOUBLE));
    Expr.Var scalarAdjoints = hasScalarParams()
        ? names.fresh("dScalars", Type.DOUBLE_ARRAY)
        : null;
    List<AdjointMethod.ArrayAdjoint> arrayAdjoints = arrayAdjoints(names);
    var assignments =
        new AssignmentSweep(frame, activity, liveness, names, storage, needed);
    method.allParams().forEach(p -> assignments.defined(p.var()));
    Part body = new Sweeps(names, storage, assignments)
        .block(method.body().statements(), Where.TOP);
    var forward = new ArrayList<Stmt>(storage.hoisted());
    forward.addAll(copiesOfWrittenParameters());
    forward.addAll(body.forward());
    var backward = new ArrayList<Stmt>(adjointDeclarations(names));
    backward.addAll(body.backward());
    backward.addAll(handOver(names, scalarAdjoints, arrayAdjoints));
    return new AdjointMethod(method, forward, backward, frame.value(), frame.upstream(),
        scalarAdjoints, arrayAdjoints, storage.stacks());
  }

  private boolean hasScalarParams() {
    return method.params().stream().anyMatch(p -> p.differentiable() && !p.var().type().isArray());
  }

  /**
   * The pullback's adjoint array parameters. The backward sweep adds straight into the caller's
   * array, except for a parameter the method writes into: there an element's adjoint is reset
   * when it is overwritten, so the sweep works on an array of its own and adds it in at the end.
   */
  private List<AdjointMethod.ArrayAdjoint> arrayAdjoints(Names names) {
    var adjoints = new ArrayList<AdjointMethod.ArrayAdjoint>();
    for (Param p : method.params()) {
      if (p.differentiable() && p.var().type().isArray()) {
        Expr.Var own = names.adjoint(p.var());
        Expr.Var adjoint = writesInto(p.var())
            ? names.fresh(own.name() + "Out", p.var().type())
            : own;
        adjoints.add(new AdjointMethod.ArrayAdjoint(p, adjoint));
      }
    }
    return adjoints;
  }

  /** {@code dScalars[k] += dX} for each scalar parameter; the sums of arrays worked apart. */
  private List<Stmt> handOver(Names names, Expr.Var scalarAdjoints,
      List<AdjointMethod.ArrayAdjoint> arrayAdjoints) {
    var statements = new ArrayList<Stmt>();
    int k = 0;
    for (Param p : method.params()) {
      if (p.differentiable() && !p.var().type().isArray()) {
        if (activity.isActive(p.var())) {
          var slot = new Expr.Index(scalarAdjoints, new Expr.Literal(Type.INT, k), Type.DOUBLE);
          statements.add(new Stmt.Accumulate(slot, names.adjoint(p.var())));
        }
        k++;
      }
    }
    for (AdjointMethod.ArrayAdjoint a : arrayAdjoints) {
      Expr.Var own = names.adjoint(a.param().var());
      if (!a.adjoint().equals(own) && activity.isActive(a.param().var())) {
        statements.add(new Stmt.Evaluate(new Expr.Call(TypeRef.COMPANION, "addInto",
            List.of(a.adjoint(), own), a.param().var().type())));
      }
    }
    return statements;
  }

  /**
   * {@code w = copyOf(w)} for each parameter array the method writes into, so that the gradient
   * method never changes its inputs.
   */
  private List<Stmt> copiesOfWrittenParameters() {
    var copies = new ArrayList<Stmt>();
    for (Param p : method.params()) {
      if (p.var().type().isArray() && writesInto(p.var())) {
        Expr copy = new Expr.Call(TypeRef.COMPANION, "copyOf", List.of(p.var()), p.var().type());
        copies.add(new Stmt.Assign(p.var(), copy, Source.NONE));
      }
    }
    return copies;
  }

  /** Whether the body assigns to the array or to one of its elements. */
  private boolean writesInto(Expr.Var array) {
    return Stmts.all(method.body())
        .anyMatch(s -> s instanceof Stmt.Assign a && a.variable().equals(array));
  }

  /**
   * Zero adjoints for the active variables, except array parameters whose adjoints are the
   * caller's arrays.
   */
  private List<Stmt> adjointDeclarations(Names names) {
    var declarations = new ArrayList<Stmt>();
    for (Expr.Var v : variablesInOrder()) {
      boolean callersArray = v.type().isArray() && isParameter(v) && !writesInto(v);
      if (activity.isActive(v) && !callersArray) {
        Expr zero = v.type().isArray()
            ? new Expr.Call(TypeRef.COMPANION, "zerosLike", List.of(v), v.type())
            : Expr.zero();
        declarations.add(new Stmt.Declare(names.adjoint(v), zero, Source.NONE));
      }
    }
    return declarations;
  }

  private boolean isParameter(Expr.Var v) {
    return method.params().stream().anyMatch(p -> p.var().equals(v));
  }

  private Set<String> variableNames() {
    var names = new HashSet<String>();
    variablesInOrder().forEach(v -> names.add(v.name()));
    return names;
  }

  /** Every variable of the method: parameters, then locals in order of declaration. */
  private List<Expr.Var> variablesInOrder() {
    var found = new LinkedHashSet<Expr.Var>();
    method.allParams().forEach(p -> found.add(p.var()));
    Stmts.all(method.body())
        .filter(s -> s instanceof Stmt.Declare)
        .forEach(s -> found.add(((Stmt.Declare) s).var()));
    return List.copyOf(found);
  }

  /** The primal variables a backward sweep reads. */
  static final class BackwardReads {
    private BackwardReads() {}

    static Set<Expr.Var> of(List<Stmt> backward) {
      var read = new HashSet<Expr.Var>();
      backward.stream().flatMap(Stmts::all).forEach(s -> {
        if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var) {
          read.addAll(Exprs.variables(a.value()));
        } else {
          Stmts.expressions(s).forEach(e -> read.addAll(Exprs.variables(e)));
        }
      });
      return read;
    }
  }
}
