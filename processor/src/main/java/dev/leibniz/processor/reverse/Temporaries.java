package dev.leibniz.processor.reverse;

import dev.leibniz.processor.analyse.Recompute;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The temporaries a nested statement's backward part reads. A statement inside a block has its
 * temporaries out of scope in the backward sweep (and a loop overwrites them each iteration), so
 * each one the terms read is either computed again there, if it is cheap arithmetic over values
 * the backward sweep has restored, or kept by the forward sweep, if it calls a function or a
 * method: no call is ever evaluated twice.
 *
 * @param kept the temporaries the forward sweep keeps, in the order it computed them
 * @param recomputed their declarations, to run again before the terms, in forward order
 */
record Temporaries(List<Storage.Kept> kept, List<Stmt> recomputed) {
  private static final Temporaries NONE = new Temporaries(List.of(), List.of());

  /** The plan for {@code linear}'s temporaries, read by {@code terms}. */
  static Temporaries of(Linearizer.Linear linear, Where where, List<Stmt> terms,
      Storage storage) {
    if (!where.nested()) {
      return NONE;
    }
    Set<Expr.Var> read = new HashSet<>(Exprs.mentioned(terms));
    Map<Expr.Var, Expr> definitions = linear.temporaries();
    var order = new ArrayList<>(definitions.keySet());
    Set<Expr.Var> cheap = new HashSet<>();
    Set<Expr.Var> costly = new HashSet<>();
    for (int i = order.size() - 1; i >= 0; i--) {
      Expr.Var temporary = order.get(i);
      if (!read.contains(temporary)) {
        continue;
      }
      if (Recompute.isCheap(definitions.get(temporary))) {
        cheap.add(temporary);
        read.addAll(Exprs.variables(definitions.get(temporary)));
      } else {
        costly.add(temporary);
      }
    }
    var kept = new ArrayList<Storage.Kept>();
    var recomputed = new ArrayList<Stmt>();
    for (Expr.Var temporary : order) {
      if (costly.contains(temporary)) {
        kept.add(storage.keepTemporary(temporary, where));
      } else if (cheap.contains(temporary)) {
        recomputed.add(new Stmt.Declare(temporary, definitions.get(temporary), Source.NONE));
      }
    }
    return new Temporaries(kept, recomputed);
  }
}
