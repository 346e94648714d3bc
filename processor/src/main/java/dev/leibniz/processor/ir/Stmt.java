package dev.leibniz.processor.ir;

import java.util.List;

/**
 * A statement, structured as in the source: blocks stay blocks and branches stay branches, so
 * that the generated code keeps the shape of the user's code.
 *
 * <p>{@link Accumulate} and {@link Comment} occur only in generated code.
 */
public sealed interface Stmt
    permits Stmt.Declare,
        Stmt.Assign,
        Stmt.Return,
        Stmt.Block,
        Stmt.If,
        Stmt.Accumulate,
        Stmt.Comment {

  /** {@code double v = init;} or, with a null {@code init}, {@code double v;}. */
  record Declare(Expr.Var var, Expr init, Source source) implements Stmt {}

  /** {@code target = value;} */
  record Assign(Expr.Var target, Expr value, Source source) implements Stmt {}

  /** {@code return value;} */
  record Return(Expr value, Source source) implements Stmt {}

  /** A sequence of statements with its own scope. */
  record Block(List<Stmt> statements) implements Stmt {
    public Block {
      statements = List.copyOf(statements);
    }
  }

  /** {@code if (condition) then else otherwise}; {@code otherwise} may be empty. */
  record If(Expr condition, Block then, Block otherwise, Source source) implements Stmt {}

  /** {@code target += value;}: one term of the chain rule added to an adjoint. */
  record Accumulate(Expr.Var target, Expr value) implements Stmt {}

  /** A line comment in the generated code. */
  record Comment(String text) implements Stmt {}
}
