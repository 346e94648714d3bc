package dev.leibniz.processor.lower;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import java.util.HashSet;
import java.util.Set;

/** Fresh names for the variables lowering adds, unused by the method. */
final class Flags {
  private final Set<String> taken = new HashSet<>();

  Flags(MethodIR method) {
    method.allParams().forEach(p -> taken.add(p.var().name()));
    Stmts.all(method.body())
        .filter(s -> s instanceof Stmt.Declare)
        .forEach(s -> taken.add(((Stmt.Declare) s).var().name()));
  }

  Expr.Var fresh(String base, Type type) {
    String name = base;
    for (int suffix = 1; !taken.add(name); suffix++) {
      name = base + suffix;
    }
    return new Expr.Var(name, type);
  }
}
