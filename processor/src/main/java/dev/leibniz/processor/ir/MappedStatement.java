package dev.leibniz.processor.ir;

import java.util.function.UnaryOperator;

/**
 * A statement rebuilt with a function applied bottom-up to every expression it reads, in nested
 * statements too: {@link Rewrite#mapped}. An assignment's target keeps its variable; only the
 * indices of an element it writes are rewritten, since they are read.
 */
class MappedStatement implements Stmt.Visitor<Stmt> {
  private final UnaryOperator<Expr> f;

  MappedStatement(UnaryOperator<Expr> f) {
    this.f = f;
  }

  private Expr read(Expr e) {
    return Rewrite.map(e, f);
  }

  private Expr target(Expr target) {
    if (target instanceof Expr.Index i) {
      return new Expr.Index(target(i.array()), read(i.index()), i.type());
    }
    return target;
  }

  @Override
  public Stmt declare(Stmt.Declare s) {
    return new Stmt.Declare(s.var(), s.init() == null ? null : read(s.init()), s.source());
  }

  @Override
  public Stmt assign(Stmt.Assign s) {
    return new Stmt.Assign(target(s.target()), read(s.value()), s.source());
  }

  @Override
  public Stmt returns(Stmt.Return s) {
    return new Stmt.Return(read(s.value()), s.source());
  }

  @Override
  public Stmt.Block block(Stmt.Block s) {
    return new Stmt.Block(s.statements().stream().map(x -> x.accept(this)).toList());
  }

  @Override
  public Stmt branch(Stmt.If s) {
    return new Stmt.If(read(s.condition()), block(s.then()), block(s.otherwise()), s.source());
  }

  @Override
  public Stmt loop(Stmt.Loop s) {
    return s.with(read(s.condition()), block(s.body()), block(s.update()));
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
    return new Stmt.Evaluate(read(s.call()));
  }

  @Override
  public Stmt write(Stmt.Write s) {
    // The arrays a call writes are its arguments: rewritten as any other.
    return new Stmt.Write((Expr.Invoke) read(s.call()), s.written(), s.source(), s.guessed());
  }

  @Override
  public Stmt accumulate(Stmt.Accumulate s) {
    return new Stmt.Accumulate(target(s.target()), read(s.value()));
  }

  @Override
  public Stmt comment(Stmt.Comment s) {
    return s;
  }

  @Override
  public Stmt push(Stmt.Push s) {
    return new Stmt.Push(s.workspace(), s.stack(), read(s.value()));
  }

  @Override
  public Stmt repeat(Stmt.Repeat s) {
    return new Stmt.Repeat(s.counter(), read(s.times()), block(s.body()));
  }

  @Override
  public Stmt release(Stmt.Release s) {
    return new Stmt.Release(s.workspace(), read(s.array()));
  }

  @Override
  public Stmt reserve(Stmt.Reserve s) {
    return new Stmt.Reserve(s.workspace(), s.stack(), read(s.count()));
  }
}
