package dev.leibniz.processor.ir;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Rebuilds expressions and statements with some variables replaced, for the passes that
 * simplify generated code. Variables are replaced where they are read and where they index an
 * array; a variable that is itself assigned to is never replaced.
 */
public final class Rewrite {
  private Rewrite() {}

  /** {@code e} with every variable of {@code replacements} replaced. */
  public static Expr expression(Expr e, Map<Expr.Var, Expr> replacements) {
    return map(e, x -> x instanceof Expr.Var v ? replacements.getOrDefault(v, v) : x);
  }

  /** {@code s} with every variable of {@code replacements} replaced, in nested statements too. */
  public static Stmt statement(Stmt s, Map<Expr.Var, Expr> replacements) {
    return mapped(s, x -> x instanceof Expr.Var v ? replacements.getOrDefault(v, v) : x);
  }

  /**
   * {@code s} with {@code f} applied bottom-up to every node of the expressions it reads, in
   * nested statements too; assignment targets keep their variables.
   */
  public static Stmt mapped(Stmt s, UnaryOperator<Expr> f) {
    return s.accept(new MappedStatement(f));
  }

  /**
   * {@code s} with every variable of {@code replacements} replaced wherever it occurs, as the
   * target of assignments too: {@code double v = e} and {@code v = e} become {@code slot = e}.
   * The replacements must be assignable: variables or elements.
   */
  public static Stmt everywhere(Stmt s, Map<Expr.Var, Expr> replacements) {
    return targets(statement(s, replacements), replacements);
  }

  private static Stmt targets(Stmt s, Map<Expr.Var, Expr> replacements) {
    return s.accept(new ReplacedTargets(replacements));
  }

  /**
   * {@code s} with the variable {@code from} replaced by {@code to} where it is declared and
   * assigned, each value assigned to it passed through {@code value}: a local whose type is
   * known only once every assignment to it is read.
   */
  public static Stmt retyped(Stmt s, Expr.Var from, Expr.Var to, UnaryOperator<Expr> value) {
    return s.accept(new MappedStatement(UnaryOperator.identity()) {
      @Override
      public Stmt declare(Stmt.Declare d) {
        return d.var().equals(from) ? new Stmt.Declare(to, d.init(), d.source()) : super.declare(d);
      }

      @Override
      public Stmt assign(Stmt.Assign a) {
        return a.target().equals(from)
            ? new Stmt.Assign(to, value.apply(a.value()), a.source())
            : super.assign(a);
      }
    });
  }

  /** Applies {@code f} bottom-up to every node of {@code e}. */
  public static Expr map(Expr e, UnaryOperator<Expr> f) {
    return f.apply(e.accept(new MappedExpression(f)));
  }
}
