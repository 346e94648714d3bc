package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The locals of a loop body the backward sweep computes again per iteration rather than keep:
 * a few flops instead of a push and a pop.
 */
final class IterationLocals {
  private IterationLocals() {}

  /** The declarations of the loop's body that its backward sweep computes again. */
  static List<Stmt.Declare> recomputable(Stmt.Loop loop) {
    var chosen = new ArrayList<Stmt.Declare>();
    List<Stmt> body = loop.body().statements();
    for (int k = 0; k < body.size(); k++) {
      if (body.get(k) instanceof Stmt.Declare d
          && isRecomputable(d, body.subList(k + 1, body.size()), loop)) {
        chosen.add(d);
      }
    }
    return List.copyOf(chosen);
  }

  /**
   * A {@code double} declared once per iteration from cheap arithmetic, assigned nowhere else in
   * the loop, whose operands nothing in the rest of the iteration writes: at the end of the
   * iteration its operands still hold the values it was computed from.
   */
  private static boolean isRecomputable(Stmt.Declare d, List<Stmt> rest, Stmt.Loop loop) {
    if (!d.var().type().isFloating() || d.init() == null || !Recompute.isCheap(d.init())) {
      return false;
    }
    Set<Expr.Var> operands = Exprs.variables(d.init());
    boolean assignedElsewhere = Stmts.all(loop)
        .anyMatch(s -> s != d && writes(s).contains(d.var()));
    boolean operandsWritten = rest.stream()
        .flatMap(Stmts::all)
        .anyMatch(s -> writes(s).stream().anyMatch(operands::contains));
    return !assignedElsewhere && !operandsWritten && !operands.contains(d.var());
  }

  private static Set<Expr.Var> writes(Stmt s) {
    return Set.copyOf(Stmts.writes(s));
  }
}
