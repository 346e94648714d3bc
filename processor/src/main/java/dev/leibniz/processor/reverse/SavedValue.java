package dev.leibniz.processor.reverse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.rules.Exprs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A value an assignment overwrites, kept by the forward sweep ({@link #save()}) and put back by
 * the backward sweep ({@link #restore()}) so that earlier statements' derivatives see it.
 */
record SavedValue(Expr.Var variable, Expr.Var copy) {

  static SavedValue of(Expr.Var variable, Names names) {
    return new SavedValue(variable, names.saved(variable));
  }

  Stmt save() {
    return new Stmt.Declare(copy, variable, Source.NONE);
  }

  Stmt restore() {
    return new Stmt.Assign(variable, copy, Source.NONE);
  }

  /**
   * Removes the saves of variables the backward sweep never reads: restoring a value nobody
   * looks at is wasted work.
   */
  static void prune(List<SavedValue> saves, List<Stmt> forward, List<Stmt> backward) {
    Set<Expr.Var> read = new HashSet<>();
    backward.forEach(stmt -> collectReads(stmt, read));
    for (SavedValue saved : saves) {
      if (!read.contains(saved.variable())) {
        forward.remove(saved.save());
        backward.remove(saved.restore());
      }
    }
  }

  private static void collectReads(Stmt stmt, Set<Expr.Var> read) {
    if (stmt instanceof Stmt.Declare d && d.init() != null) {
      read.addAll(Exprs.variables(d.init()));
    } else if (stmt instanceof Stmt.Assign a) {
      read.addAll(Exprs.variables(a.value()));
    } else if (stmt instanceof Stmt.Accumulate a) {
      read.addAll(Exprs.variables(a.value()));
    } else if (stmt instanceof Stmt.Return r) {
      read.addAll(Exprs.variables(r.value()));
    } else if (stmt instanceof Stmt.Block b) {
      b.statements().forEach(s -> collectReads(s, read));
    } else if (stmt instanceof Stmt.If i) {
      read.addAll(Exprs.variables(i.condition()));
      collectReads(i.then(), read);
      collectReads(i.otherwise(), read);
    }
  }
}
