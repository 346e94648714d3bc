package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Computes {@link Activity} as two fixed points over the method's assignments: forward, which
 * variables vary with a differentiable input; backward, which variables are useful to the
 * result. The analysis ignores statement order (it treats every assignment as reachable from
 * every other), which can only make more variables active, never fewer: extra adjoint code, never
 * a missing derivative.
 */
public final class ActivityAnalysis {
  private ActivityAnalysis() {}

  /** The active variables of {@code method}. */
  public static Activity of(MethodIR method) {
    var assignments = new ArrayList<Assignment>();
    var results = new ArrayList<Expr>();
    collect(method.body(), assignments, results);
    // A method that writes into its arrays has them as its results.
    method.writtenArrays().forEach(p -> results.add(p.var()));
    Set<Expr.Var> varied = varied(method, assignments);
    Set<Expr.Var> useful = useful(assignments, results);
    Set<Expr.Var> active = new HashSet<>(varied);
    active.retainAll(useful);
    return new Activity(active, varied, useful);
  }

  private static Set<Expr.Var> varied(MethodIR method, List<Assignment> assignments) {
    var varied = new HashSet<Expr.Var>();
    method.params().stream().filter(Param::differentiable).map(Param::var).forEach(varied::add);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Assignment a : assignments) {
        boolean dependsOnVaried =
            DifferentiablePaths.variables(a.value()).stream().anyMatch(varied::contains);
        if (a.target().type().isDifferentiable() && dependsOnVaried) {
          changed |= varied.add(a.target());
        }
      }
    }
    return varied;
  }

  /**
   * The variables whose values reach the result through a differentiable path, or would but
   * for a call that drops the derivative (which {@link CallCheck} then reports).
   */
  private static Set<Expr.Var> useful(List<Assignment> assignments, List<Expr> results) {
    var useful = new HashSet<Expr.Var>();
    results.forEach(result -> useful.addAll(DifferentiablePaths.reaching(result)));
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Assignment a : assignments) {
        if (useful.contains(a.target())) {
          changed |= useful.addAll(DifferentiablePaths.reaching(a.value()));
        }
      }
    }
    return useful;
  }

  private static void collect(Stmt body, List<Assignment> assignments, List<Expr> results) {
    Stmts.all(body).forEach(stmt -> {
      if (stmt instanceof Stmt.Declare d && d.init() != null) {
        assignments.add(new Assignment(d.var(), d.init()));
      } else if (stmt instanceof Stmt.Assign a) {
        assignments.add(new Assignment(a.variable(), a.value()));
      } else if (stmt instanceof Stmt.Return r) {
        results.add(r.value());
      } else if (stmt instanceof Stmt.Write w) {
        // What the call writes depends on all its arguments, the written arrays' contents too.
        w.writtenVariables().forEach(v -> assignments.add(new Assignment(v, w.call())));
      }
    });
  }

  private record Assignment(Expr.Var target, Expr value) {}
}
