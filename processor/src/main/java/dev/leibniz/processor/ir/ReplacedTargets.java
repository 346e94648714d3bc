package dev.leibniz.processor.ir;

import java.util.Map;

/**
 * A statement rebuilt with some variables replaced where they are written: {@code double v = e}
 * and {@code v = e} become {@code slot = e}, and {@code v[i] = e} becomes {@code slot[i] = e}.
 * The second half of {@link Rewrite#everywhere}, after the reads are replaced.
 */
final class ReplacedTargets implements Stmt.Visitor<Stmt> {
  private final Map<Expr.Var, Expr> replacements;

  ReplacedTargets(Map<Expr.Var, Expr> replacements) {
    this.replacements = replacements;
  }

  private Expr root(Expr target) {
    if (target instanceof Expr.Index i) {
      return new Expr.Index(root(i.array()), i.index(), i.type());
    }
    return replacements.getOrDefault((Expr.Var) target, target);
  }

  @Override
  public Stmt declare(Stmt.Declare s) {
    if (!replacements.containsKey(s.var())) {
      return s;
    }
    Expr init = s.init() == null ? Expr.defaultOf(s.var().type()) : s.init();
    return new Stmt.Assign(replacements.get(s.var()), init, s.source());
  }

  @Override
  public Stmt assign(Stmt.Assign s) {
    return new Stmt.Assign(root(s.target()), s.value(), s.source());
  }

  @Override
  public Stmt returns(Stmt.Return s) {
    return s;
  }

  @Override
  public Stmt.Block block(Stmt.Block s) {
    return new Stmt.Block(s.statements().stream().map(x -> x.accept(this)).toList());
  }

  @Override
  public Stmt branch(Stmt.If s) {
    return new Stmt.If(s.condition(), block(s.then()), block(s.otherwise()), s.source());
  }

  @Override
  public Stmt loop(Stmt.Loop s) {
    return s.with(s.condition(), block(s.body()), block(s.update()));
  }

  @Override
  public Stmt breaks(Stmt.Break s) {
    return s;
  }

  @Override
  public Stmt continues(Stmt.Continue s) {
    return s;
  }

  @Override
  public Stmt evaluate(Stmt.Evaluate s) {
    return s;
  }

  /** The arrays a call writes are its arguments, already replaced as reads. */
  @Override
  public Stmt write(Stmt.Write s) {
    return s;
  }

  @Override
  public Stmt accumulate(Stmt.Accumulate s) {
    return new Stmt.Accumulate(root(s.target()), s.value());
  }

  @Override
  public Stmt comment(Stmt.Comment s) {
    return s;
  }

  @Override
  public Stmt push(Stmt.Push s) {
    return s;
  }

  @Override
  public Stmt repeat(Stmt.Repeat s) {
    return new Stmt.Repeat(s.counter(), s.times(), block(s.body()));
  }

  @Override
  public Stmt release(Stmt.Release s) {
    return s;
  }

  @Override
  public Stmt reserve(Stmt.Reserve s) {
    return s;
  }
}
