package dev.leibniz.processor.ir;

import java.util.stream.Stream;

/** Walks statement trees. */
public final class Stmts {
  private Stmts() {}

  /** {@code statement} and every statement nested in it, in source order. */
  public static Stream<Stmt> all(Stmt statement) {
    return Stream.concat(Stream.of(statement), children(statement).flatMap(Stmts::all));
  }

  /** The statements directly nested in {@code statement}. */
  public static Stream<Stmt> children(Stmt statement) {
    if (statement instanceof Stmt.Block b) {
      return b.statements().stream();
    } else if (statement instanceof Stmt.If i) {
      return Stream.of(i.then(), i.otherwise());
    } else if (statement instanceof Stmt.Loop l) {
      return Stream.of(l.body(), l.update());
    } else if (statement instanceof Stmt.Repeat r) {
      return Stream.of(r.body());
    }
    return Stream.empty();
  }

  /**
   * The variables {@code statement} itself assigns or writes elements of: a declaration's, an
   * assignment's target, the arrays a writing call may write.
   */
  public static java.util.List<Expr.Var> writes(Stmt statement) {
    if (statement instanceof Stmt.Declare d) {
      return java.util.List.of(d.var());
    } else if (statement instanceof Stmt.Assign a) {
      return java.util.List.of(a.variable());
    } else if (statement instanceof Stmt.Write w) {
      return w.writtenVariables();
    }
    return java.util.List.of();
  }

  /** The expressions {@code statement} itself evaluates, not those of nested statements. */
  public static Stream<Expr> expressions(Stmt statement) {
    if (statement instanceof Stmt.Declare d) {
      return d.init() == null ? Stream.empty() : Stream.of(d.init());
    } else if (statement instanceof Stmt.Assign a) {
      return Stream.of(a.target(), a.value());
    } else if (statement instanceof Stmt.Accumulate a) {
      return Stream.of(a.target(), a.value());
    } else if (statement instanceof Stmt.Return r) {
      return Stream.of(r.value());
    } else if (statement instanceof Stmt.If i) {
      return Stream.of(i.condition());
    } else if (statement instanceof Stmt.Loop l) {
      return Stream.of(l.condition());
    } else if (statement instanceof Stmt.Push p) {
      return Stream.of(p.workspace(), p.value());
    } else if (statement instanceof Stmt.Repeat r) {
      return Stream.of(r.times());
    } else if (statement instanceof Stmt.Evaluate e) {
      return Stream.of(e.call());
    } else if (statement instanceof Stmt.Write w) {
      return Stream.of(w.call());
    } else if (statement instanceof Stmt.Reserve r) {
      return Stream.of(r.workspace(), r.count());
    } else if (statement instanceof Stmt.Release r) {
      return Stream.of(r.workspace(), r.array());
    }
    return Stream.empty();
  }
}
