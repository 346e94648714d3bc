package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Exprs;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A loop whose iterations the backward sweep counts again instead of reading a saved count:
 * {@code for (i = s; i < n; i++)} with a literal start set just before it, a bound the body
 * does not change, and the counter written only by the update. Its backward sweep runs
 * {@code n - s} times from {@code i = n}, so the forward sweep neither counts the iterations nor
 * keeps the counter's value from before the start; what the bound reads is kept as any value a
 * backward statement reads (on a nested loop's bound, {@code x.length} needs only the array).
 *
 * @param counter the loop's counter
 * @param start the literal the counter starts at
 * @param bound what the counter stays below
 */
public record CountedLoop(Expr.Var counter, Expr.Literal start, Expr bound) {

  /** How many times the loop runs: {@code bound - start}, none when negative. */
  public Expr trips() {
    return Integer.valueOf(0).equals(start.value()) ? bound
        : new Expr.Binary(BinaryOp.SUB, bound, start, Type.INT);
  }

  /** Every such loop of {@code method}, by identity. */
  static Map<Stmt.Loop, CountedLoop> of(MethodIR method) {
    Map<Stmt.Loop, CountedLoop> counted = new IdentityHashMap<>();
    Stmts.all(method.body()).forEach(s -> {
      if (s instanceof Stmt.Block block) {
        List<Stmt> statements = block.statements();
        for (int k = 1; k < statements.size(); k++) {
          if (statements.get(k) instanceof Stmt.Loop loop) {
            of(statements.get(k - 1), loop).ifPresent(c -> counted.put(loop, c));
          }
        }
      }
    });
    return counted;
  }

  private static Optional<CountedLoop> of(Stmt before, Stmt.Loop loop) {
    if (TripCount.of(loop).isEmpty() || !(loop.condition() instanceof Expr.Binary test)
        || !(test.left() instanceof Expr.Var counter)) {
      return Optional.empty();
    }
    Expr init = before instanceof Stmt.Declare d && d.var().equals(counter) ? d.init()
        : before instanceof Stmt.Assign a && a.target().equals(counter) ? a.value() : null;
    if (!(init instanceof Expr.Literal start) || start.type() != Type.INT) {
      return Optional.empty();
    }
    return Optional.of(new CountedLoop(counter, start, test.right()));
  }

  /** What evaluating the bound again reads: arrays whose length it takes, values of the rest. */
  Set<Need> boundNeeds() {
    var needs = new HashSet<Need>();
    collect(bound, needs);
    return needs;
  }

  private static void collect(Expr e, Set<Need> needs) {
    if (e instanceof Expr.Length length && length.array() instanceof Expr.Var array) {
      needs.add(Need.shape(array));
    } else if (e instanceof Expr.Var v) {
      needs.add(Need.value(v));
    } else {
      Exprs.children(e).forEach(child -> collect(child, needs));
    }
  }
}
