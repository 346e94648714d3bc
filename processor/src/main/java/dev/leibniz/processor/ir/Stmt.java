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
        Stmt.Loop,
        Stmt.Break,
        Stmt.Continue,
        Stmt.Accumulate,
        Stmt.Comment,
        Stmt.Push,
        Stmt.Repeat,
        Stmt.Evaluate,
        Stmt.Release,
        Stmt.Reserve,
        Stmt.Write {

  /** {@code double v = init;} or, with a null {@code init}, {@code double v;}. */
  record Declare(Expr.Var var, Expr init, Source source) implements Stmt {}

  /** {@code target = value;} where the target is a variable or an array element. */
  record Assign(Expr target, Expr value, Source source) implements Stmt {
    /** The variable the assignment changes: the target, or the array it indexes. */
    public Expr.Var variable() {
      return target instanceof Expr.Index index ? index.root() : (Expr.Var) target;
    }
  }

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

  /**
   * A loop: {@code while (condition) { body update }}, or with {@code testFirst} false,
   * {@code do { body update } while (condition)}. A {@code for} loop's initializer is read as
   * the statements before it.
   */
  record Loop(Expr condition, Block body, Block update, boolean testFirst, Source source)
      implements Stmt {}

  /** {@code break;} out of the innermost loop. */
  record Break(Source source) implements Stmt {}

  /** {@code continue;} with the innermost loop's next iteration. */
  record Continue(Source source) implements Stmt {}

  /** {@code target += value;}: one term of the chain rule added to an adjoint. */
  record Accumulate(Expr target, Expr value) implements Stmt {}

  /**
   * A call made for what it does, not for its value: {@code addInto(dW, own);}, or a method of
   * the user's that writes into its arrays.
   */
  record Evaluate(Expr call) implements Stmt {}

  /**
   * A call of a {@code void} differentiable method that writes into some of its array arguments:
   * {@code rate(t, y, k1);} writes {@code k1}.
   *
   * @param written the positions in {@code call.args()} of the arguments it may write into:
   *     array variables, or rows of matrix variables
   * @param guessed whether {@code written} is every array argument because the callee's source
   *     is not at hand (a jar's): its backward half may then read the contents of any of them
   *     as the call left them, since it kept only those of the arrays it really writes
   */
  record Write(Expr.Invoke call, List<Integer> written, Source source, boolean guessed)
      implements Stmt {
    public Write {
      written = List.copyOf(written);
    }

    /** A call of a method whose source says what it writes. */
    public Write(Expr.Invoke call, List<Integer> written, Source source) {
      this(call, written, source, false);
    }

    /** The arguments the call may write into. */
    public List<Expr> writtenArguments() {
      return written.stream().map(call.args()::get).toList();
    }

    /** The variables whose arrays the call may write into. */
    public List<Expr.Var> writtenVariables() {
      return writtenArguments().stream()
          .map(e -> e instanceof Expr.Index i ? i.root() : (Expr.Var) e)
          .toList();
    }
  }

  /** {@code workspace.pushDouble(value)}: saves a value for the backward sweep. */
  record Push(Expr.Var workspace, Stack stack, Expr value) implements Stmt {}

  /** {@code workspace.reserveDoubles(count)}: room for {@code count} more values at once. */
  record Reserve(Expr.Var workspace, Stack stack, Expr count) implements Stmt {}

  /** {@code workspace.release(array)}: gives back an array from {@link Expr.Borrow}. */
  record Release(Expr.Var workspace, Expr array) implements Stmt {}

  /** {@code for (int counter = 0; counter < times; counter++) body}: a loop run backwards. */
  record Repeat(Expr.Var counter, Expr times, Block body) implements Stmt {}

  /** A line comment in the generated code. */
  record Comment(String text) implements Stmt {}
}
