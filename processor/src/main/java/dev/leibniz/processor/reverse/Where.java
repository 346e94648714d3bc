package dev.leibniz.processor.reverse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a statement sits: inside a loop (it may run more than once, so adjoints it sets are
 * reset and counts start again), whether the values it overwrites go on stacks (inside a loop
 * whose backward sweep runs after all its iterations) or wait in locals, and inside any block
 * (its temporaries are not in scope in the backward sweep and are computed again there), and
 * the counters of the loops around it.
 */
record Where(boolean inLoop, boolean stacked, boolean nested, List<Expr.Var> counters) {
  static final Where TOP = new Where(false, false, false, List.of());

  Where {
    counters = List.copyOf(counters);
  }

  Where inBranch() {
    return new Where(inLoop, stacked, true, counters);
  }

  Where inLoopBody(Stmt.Loop loop) {
    return new Where(true, true, true, with(loop));
  }

  /** The enclosing loops' counters, outermost first, that messages name an iteration by. */
  private List<Expr.Var> with(Stmt.Loop loop) {
    var all = new ArrayList<>(counters);
    Exprs.counter(loop).ifPresent(all::add);
    return all;
  }

  /**
   * The body of a loop each iteration of which runs its backward part right after its forward
   * part: what it overwrites waits in locals, as outside loops.
   */
  Where inIterationRunAlone(Stmt.Loop loop) {
    return new Where(true, false, true, with(loop));
  }
}
