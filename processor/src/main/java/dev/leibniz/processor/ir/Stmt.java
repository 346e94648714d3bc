package dev.leibniz.processor.ir;

import java.util.List;

/**
 * A statement, structured as in the source: blocks stay blocks and branches stay branches, so
 * that the generated code keeps the shape of the user's code.
 *
 * <p>The statements only generated code holds (pushes, comments, backward loops, …) form a
 * hierarchy of their own, {@link Generated}. A pass says what it does with every kind through a
 * visitor: a {@link SourceVisitor} for a pass over the user's statements, which meets generated
 * ones only as a whole, a {@link Visitor} for a pass over generated code. A new kind of
 * statement then fails to compile until every pass says what it does with it.
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
        Stmt.Write,
        Stmt.Generated {

  /** Calls the method of {@code visitor} for this kind of statement. */
  <R> R accept(SourceVisitor<R> visitor);

  /** A pass over statements as the user writes them. */
  interface SourceVisitor<R> {
    R declare(Declare s);

    R assign(Assign s);

    R returns(Return s);

    R block(Block s);

    R branch(If s);

    R loop(Loop s);

    R breaks(Break s);

    R continues(Continue s);

    R write(Write s);

    /** A statement of generated code; a pass over the user's code says why it cannot meet one. */
    R generated(Generated s);
  }

  /** A pass over generated code: every kind of statement, the generated ones one by one. */
  interface Visitor<R> extends SourceVisitor<R> {
    R accumulate(Accumulate s);

    R evaluate(Evaluate s);

    R comment(Comment s);

    R push(Push s);

    R repeat(Repeat s);

    R release(Release s);

    R reserve(Reserve s);

    @Override
    default R generated(Generated s) {
      return s.accept(this);
    }
  }

  /** The statements that only generated code holds. */
  sealed interface Generated extends Stmt
      permits Accumulate, Evaluate, Comment, Push, Repeat, Release, Reserve {
    /** Calls the method of {@code visitor} for this kind of generated statement. */
    <R> R accept(Visitor<R> visitor);

    @Override
    default <R> R accept(SourceVisitor<R> visitor) {
      return visitor.generated(this);
    }
  }

  /** {@code double v = init;} or, with a null {@code init}, {@code double v;}. */
  record Declare(Expr.Var var, Expr init, Source source) implements Stmt {
    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.declare(this);
    }
  }

  /** {@code target = value;} where the target is a variable or an array element. */
  record Assign(Expr target, Expr value, Source source) implements Stmt {
    /** The variable the assignment changes: the target, or the array it indexes. */
    public Expr.Var variable() {
      return target instanceof Expr.Index index ? index.root() : (Expr.Var) target;
    }

    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.assign(this);
    }
  }

  /** {@code return value;} */
  record Return(Expr value, Source source) implements Stmt {
    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.returns(this);
    }
  }

  /** A sequence of statements with its own scope. */
  record Block(List<Stmt> statements) implements Stmt {
    public Block {
      statements = List.copyOf(statements);
    }

    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.block(this);
    }
  }

  /** {@code if (condition) then else otherwise}; {@code otherwise} may be empty. */
  record If(Expr condition, Block then, Block otherwise, Source source) implements Stmt {
    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.branch(this);
    }
  }

  /**
   * A loop: {@code while (condition) { body update }}, or with {@code testFirst} false,
   * {@code do { body update } while (condition)}. A {@code for} loop's initializer is read as
   * the statements before it.
   *
   * @param label the name that {@code break label} and {@code continue label} use, or null
   */
  record Loop(Expr condition, Block body, Block update, boolean testFirst, Source source,
      String label) implements Stmt {
    /** A loop without a label. */
    public Loop(Expr condition, Block body, Block update, boolean testFirst, Source source) {
      this(condition, body, update, testFirst, source, null);
    }

    /** The same loop with other parts, its label kept. */
    public Loop with(Expr condition, Block body, Block update) {
      return new Loop(condition, body, update, testFirst, source, label);
    }

    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.loop(this);
    }
  }

  /** {@code break label;}, or with a null label {@code break;} out of the innermost loop. */
  record Break(String label, Source source) implements Stmt {
    public Break(Source source) {
      this(null, source);
    }

    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.breaks(this);
    }
  }

  /** {@code continue label;}, or with a null label the innermost loop's next iteration. */
  record Continue(String label, Source source) implements Stmt {
    public Continue(Source source) {
      this(null, source);
    }

    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.continues(this);
    }
  }

  /**
   * A call made for what it does, not for its value: {@code addInto(dW, own);}, or a
   * pushforward of a method of the user's that writes into its arrays.
   */
  record Evaluate(Expr call) implements Generated {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.evaluate(this);
    }
  }

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

    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.write(this);
    }
  }

  /** {@code target += value;}: one term of the chain rule added to an adjoint. */
  record Accumulate(Expr target, Expr value) implements Generated {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.accumulate(this);
    }
  }

  /** {@code workspace.pushDouble(value)}: saves a value for the backward sweep. */
  record Push(Expr.Var workspace, Stack stack, Expr value) implements Generated {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.push(this);
    }
  }

  /** {@code workspace.reserveDoubles(count)}: room for {@code count} more values at once. */
  record Reserve(Expr.Var workspace, Stack stack, Expr count) implements Generated {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.reserve(this);
    }
  }

  /** {@code workspace.release(array)}: gives back an array from {@link Expr.Borrow}. */
  record Release(Expr.Var workspace, Expr array) implements Generated {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.release(this);
    }
  }

  /** {@code for (int counter = 0; counter < times; counter++) body}: a loop run backwards. */
  record Repeat(Expr.Var counter, Expr times, Block body) implements Generated {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.repeat(this);
    }
  }

  /** A line comment in the generated code. */
  record Comment(String text) implements Generated {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.comment(this);
    }
  }
}
