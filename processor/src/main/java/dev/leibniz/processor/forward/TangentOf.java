package dev.leibniz.processor.forward;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.UnaryOp;
import dev.leibniz.processor.ir.Unexpected;
import java.util.List;

/**
 * The value and tangent of each kind of active expression, for {@link Tangents#dual}: a variable
 * or an element has its tangent variable, an operation of the rule table its partials, a call
 * its callee's pushforward; a cast passes the tangent on where it stays floating.
 */
final class TangentOf implements Expr.SourceVisitor<Tangents.Dual> {
  private final Tangents tangents;
  private final List<Stmt> out;

  TangentOf(Tangents tangents, List<Stmt> out) {
    this.tangents = tangents;
    this.out = out;
  }

  @Override
  public Tangents.Dual variable(Expr.Var v) {
    return new Tangents.Dual(v, tangents.target(v));
  }

  @Override
  public Tangents.Dual index(Expr.Index i) {
    return new Tangents.Dual(i, tangents.target(i));
  }

  @Override
  public Tangents.Dual cast(Expr.Cast c) {
    Tangents.Dual operand = tangents.dual(c.operand(), out);
    return new Tangents.Dual(new Expr.Cast(c.type(), operand.value()),
        c.type().isFloating() ? operand.tangent() : null);
  }

  @Override
  public Tangents.Dual unary(Expr.Unary u) {
    return u.op() == UnaryOp.PLUS ? tangents.dual(u.operand(), out) : tangents.operation(u, out);
  }

  @Override
  public Tangents.Dual binary(Expr.Binary b) {
    return tangents.operation(b, out);
  }

  @Override
  public Tangents.Dual call(Expr.Call c) {
    return tangents.operation(c, out);
  }

  @Override
  public Tangents.Dual invoke(Expr.Invoke invoke) {
    return tangents.call(invoke, out);
  }

  /** The reader makes a choice of active values a branch: none is left in an expression. */
  @Override
  public Tangents.Dual conditional(Expr.Conditional c) {
    throw Unexpected.lowered(c);
  }

  // Constants, whatever activity says of them.
  @Override
  public Tangents.Dual literal(Expr.Literal l) {
    return new Tangents.Dual(l, null);
  }

  @Override
  public Tangents.Dual staticField(Expr.StaticField f) {
    return new Tangents.Dual(f, null);
  }

  @Override
  public Tangents.Dual instanceField(Expr.InstanceField f) {
    return new Tangents.Dual(f, null);
  }

  @Override
  public Tangents.Dual length(Expr.Length l) {
    return new Tangents.Dual(l, null);
  }

  /** A record passed to a method whose result carries no derivative. */
  @Override
  public Tangents.Dual construct(Expr.Construct c) {
    return new Tangents.Dual(c, null);
  }

  @Override
  public Tangents.Dual newArray(Expr.NewArray n) {
    return new Tangents.Dual(n, n);
  }

  @Override
  public Tangents.Dual generated(Expr.Generated g) {
    throw Unexpected.generated(g);
  }
}
