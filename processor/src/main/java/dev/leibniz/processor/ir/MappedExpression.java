package dev.leibniz.processor.ir;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One node rebuilt from its children with a function applied to each, bottom-up:
 * {@link Rewrite#map} applies the function to the rebuilt node itself.
 */
final class MappedExpression implements Expr.Visitor<Expr> {
  private final UnaryOperator<Expr> f;

  MappedExpression(UnaryOperator<Expr> f) {
    this.f = f;
  }

  private Expr map(Expr e) {
    return Rewrite.map(e, f);
  }

  private List<Expr> all(List<Expr> es) {
    return es.stream().map(this::map).toList();
  }

  @Override
  public Expr literal(Expr.Literal e) {
    return e;
  }

  @Override
  public Expr variable(Expr.Var e) {
    return e;
  }

  @Override
  public Expr unary(Expr.Unary e) {
    return new Expr.Unary(e.op(), map(e.operand()), e.type());
  }

  @Override
  public Expr binary(Expr.Binary e) {
    return new Expr.Binary(e.op(), map(e.left()), map(e.right()), e.type());
  }

  @Override
  public Expr call(Expr.Call e) {
    return new Expr.Call(e.owner(), e.name(), all(e.args()), e.type());
  }

  @Override
  public Expr cast(Expr.Cast e) {
    return new Expr.Cast(e.type(), map(e.operand()));
  }

  @Override
  public Expr conditional(Expr.Conditional e) {
    return new Expr.Conditional(map(e.condition()), map(e.then()), map(e.otherwise()),
        e.type());
  }

  @Override
  public Expr staticField(Expr.StaticField e) {
    return e;
  }

  @Override
  public Expr instanceField(Expr.InstanceField e) {
    return new Expr.InstanceField(map(e.target()), e.name(), e.type());
  }

  @Override
  public Expr index(Expr.Index e) {
    return new Expr.Index(map(e.array()), map(e.index()), e.type());
  }

  @Override
  public Expr length(Expr.Length e) {
    return new Expr.Length(map(e.array()));
  }

  @Override
  public Expr newArray(Expr.NewArray e) {
    return new Expr.NewArray(e.type(), all(e.dimensions()));
  }

  @Override
  public Expr construct(Expr.Construct e) {
    return new Expr.Construct(e.type(), all(e.components()));
  }

  @Override
  public Expr invoke(Expr.Invoke e) {
    return new Expr.Invoke(e.callee(), all(e.args()), e.type(), e.site());
  }

  /** The workspace a value is popped from is not an operand. */
  @Override
  public Expr pop(Expr.Pop e) {
    return e;
  }

  @Override
  public Expr borrow(Expr.Borrow e) {
    return new Expr.Borrow(e.workspace(), map(e.argument()), e.kind());
  }

  /** A generated result record's variable is not rewritten: it names what a call returned. */
  @Override
  public Expr accessor(Expr.Accessor e) {
    return e;
  }

  /** The workspace or snapshots a runtime call is made on is not an operand. */
  @Override
  public Expr runtime(Expr.Runtime e) {
    return new Expr.Runtime(e.target(), e.method(), all(e.args()), e.type());
  }
}
