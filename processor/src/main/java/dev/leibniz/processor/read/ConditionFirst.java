package dev.leibniz.processor.read;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * A loop whose condition needs statements first ({@code while (n-- != 0)}: keep {@code n}, then
 * decrease it): they run wherever Java evaluates the condition, before the first test of a
 * {@code while} loop and at the end of every iteration, after its update, so that a
 * {@code continue} runs them too. The locals they declare are declared before the loop, so that
 * the condition sees them, and assigned again in the iterations.
 */
final class ConditionFirst {
  private ConditionFirst() {}

  static Stmt loop(List<Stmt> first, Stmt.Loop loop) {
    if (first.isEmpty()) {
      return loop;
    }
    var declared = new ArrayList<Stmt>();
    var again = new ArrayList<Stmt>();
    for (Stmt s : first) {
      if (s instanceof Stmt.Declare d) {
        declared.add(new Stmt.Declare(d.var(), Expr.defaultOf(d.var().type()), d.source()));
        if (d.init() != null) {
          again.add(new Stmt.Assign(d.var(), d.init(), d.source()));
        }
      } else {
        again.add(s);
      }
    }
    var update = new ArrayList<>(loop.update().statements());
    update.addAll(again);
    // A while loop evaluates its condition first before it, as written; a do-while loop only
    // at the end of each iteration, so its locals are declared before the loop.
    var statements = new ArrayList<>(loop.testFirst() ? first : declared);
    statements.add(loop.with(loop.condition(), loop.body(), new Stmt.Block(update)));
    return new Stmt.Block(statements);
  }
}
