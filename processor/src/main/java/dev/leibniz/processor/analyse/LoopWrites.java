package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import java.util.ArrayList;
import java.util.List;

/**
 * What the statements of a loop write, per iteration: the statements directly in it (not in an
 * inner loop), and the element writes each iteration makes to an element of its own, whose old
 * values no later iteration needs.
 */
final class LoopWrites {
  private LoopWrites() {}

  /**
   * The element writes {@code a[i]} (or {@code a[i ± c]}) directly in a loop counting {@code i}
   * up by one, which each iteration makes to an element of its own.
   */
  static List<Stmt> distinctPerIteration(Stmt.Loop loop) {
    var distinct = new ArrayList<Stmt>();
    TripCount.counter(loop).ifPresent(counter -> directly(loop).forEach(s -> {
      if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Index element
          && TripCount.isCounterPlusConstant(element.index(), counter)) {
        distinct.add(s);
      }
    }));
    return distinct;
  }

  /** The statements of a loop's body and update that are not inside a nested loop. */
  static List<Stmt> directly(Stmt.Loop loop) {
    var found = new ArrayList<Stmt>();
    var pending = new ArrayList<Stmt>(List.of(loop.body(), loop.update()));
    while (!pending.isEmpty()) {
      Stmt s = pending.remove(pending.size() - 1);
      found.add(s);
      if (!(s instanceof Stmt.Loop)) {
        Stmts.children(s).forEach(pending::add);
      }
    }
    return found;
  }

  /** The need to read {@code array[index]}: of that element alone where a loop counts it. */
  static Need elementNeed(Expr.Var array, Expr index, Stmt.Loop loop) {
    boolean counted = loop != null && TripCount.counter(loop)
        .filter(counter -> TripCount.isCounterPlusConstant(index, counter)).isPresent();
    return counted ? Need.element(array, loop, index) : Need.value(array);
  }
}
