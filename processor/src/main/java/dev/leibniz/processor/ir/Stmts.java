package dev.leibniz.processor.ir;

import java.util.List;
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
    return statement.accept(CHILDREN);
  }

  /**
   * The variables {@code statement} itself assigns or writes elements of: a declaration's, an
   * assignment's target, the arrays a writing call may write. An adjoint's accumulation is not
   * a write of the user's program and is not among them.
   */
  public static List<Expr.Var> writes(Stmt statement) {
    return statement.accept(WRITES);
  }

  /** A block's statements, or the statement itself: what a reader places among others. */
  public static List<Stmt> unpacked(Stmt statement) {
    return statement instanceof Stmt.Block block ? block.statements() : List.of(statement);
  }

  /** The expressions {@code statement} itself evaluates, not those of nested statements. */
  public static Stream<Expr> expressions(Stmt statement) {
    return statement.accept(EXPRESSIONS);
  }

  private static final Stmt.SourceVisitor<List<Expr.Var>> WRITES = new Stmt.SourceVisitor<>() {
    @Override
    public List<Expr.Var> declare(Stmt.Declare s) {
      return List.of(s.var());
    }

    @Override
    public List<Expr.Var> assign(Stmt.Assign s) {
      return List.of(s.variable());
    }

    @Override
    public List<Expr.Var> returns(Stmt.Return s) {
      return List.of();
    }

    @Override
    public List<Expr.Var> block(Stmt.Block s) {
      return List.of();
    }

    @Override
    public List<Expr.Var> branch(Stmt.If s) {
      return List.of();
    }

    @Override
    public List<Expr.Var> loop(Stmt.Loop s) {
      return List.of();
    }

    @Override
    public List<Expr.Var> breaks(Stmt.Break s) {
      return List.of();
    }

    @Override
    public List<Expr.Var> continues(Stmt.Continue s) {
      return List.of();
    }

    @Override
    public List<Expr.Var> write(Stmt.Write s) {
      return s.writtenVariables();
    }

    /** Accumulations into adjoints and the workspace's stacks are not writes of the program. */
    @Override
    public List<Expr.Var> generated(Stmt.Generated s) {
      return List.of();
    }
  };

  private static final Stmt.Visitor<Stream<Stmt>> CHILDREN = new Stmt.Visitor<>() {
    @Override
    public Stream<Stmt> declare(Stmt.Declare s) {
      return Stream.empty();
    }

    @Override
    public Stream<Stmt> assign(Stmt.Assign s) {
      return Stream.empty();
    }

    @Override
    public Stream<Stmt> returns(Stmt.Return s) {
      return Stream.empty();
    }

    @Override
    public Stream<Stmt> block(Stmt.Block s) {
      return s.statements().stream();
    }

    @Override
    public Stream<Stmt> branch(Stmt.If s) {
      return Stream.of(s.then(), s.otherwise());
    }

    @Override
    public Stream<Stmt> loop(Stmt.Loop s) {
      return Stream.of(s.body(), s.update());
    }

    @Override
    public Stream<Stmt> breaks(Stmt.Break s) {
      return Stream.empty();
    }

    @Override
    public Stream<Stmt> continues(Stmt.Continue s) {
      return Stream.empty();
    }

    @Override
    public Stream<Stmt> evaluate(Stmt.Evaluate s) {
      return Stream.empty();
    }

    @Override
    public Stream<Stmt> write(Stmt.Write s) {
      return Stream.empty();
    }

    @Override
    public Stream<Stmt> accumulate(Stmt.Accumulate s) {
      return Stream.empty();
    }

    @Override
    public Stream<Stmt> comment(Stmt.Comment s) {
      return Stream.empty();
    }

    @Override
    public Stream<Stmt> push(Stmt.Push s) {
      return Stream.empty();
    }

    @Override
    public Stream<Stmt> repeat(Stmt.Repeat s) {
      return Stream.of(s.body());
    }

    @Override
    public Stream<Stmt> release(Stmt.Release s) {
      return Stream.empty();
    }

    @Override
    public Stream<Stmt> reserve(Stmt.Reserve s) {
      return Stream.empty();
    }
  };

  private static final Stmt.Visitor<Stream<Expr>> EXPRESSIONS = new Stmt.Visitor<>() {
    @Override
    public Stream<Expr> declare(Stmt.Declare s) {
      return s.init() == null ? Stream.empty() : Stream.of(s.init());
    }

    @Override
    public Stream<Expr> assign(Stmt.Assign s) {
      return Stream.of(s.target(), s.value());
    }

    @Override
    public Stream<Expr> returns(Stmt.Return s) {
      return Stream.of(s.value());
    }

    @Override
    public Stream<Expr> block(Stmt.Block s) {
      return Stream.empty();
    }

    @Override
    public Stream<Expr> branch(Stmt.If s) {
      return Stream.of(s.condition());
    }

    @Override
    public Stream<Expr> loop(Stmt.Loop s) {
      return Stream.of(s.condition());
    }

    @Override
    public Stream<Expr> breaks(Stmt.Break s) {
      return Stream.empty();
    }

    @Override
    public Stream<Expr> continues(Stmt.Continue s) {
      return Stream.empty();
    }

    @Override
    public Stream<Expr> evaluate(Stmt.Evaluate s) {
      return Stream.of(s.call());
    }

    @Override
    public Stream<Expr> write(Stmt.Write s) {
      return Stream.of(s.call());
    }

    @Override
    public Stream<Expr> accumulate(Stmt.Accumulate s) {
      return Stream.of(s.target(), s.value());
    }

    @Override
    public Stream<Expr> comment(Stmt.Comment s) {
      return Stream.empty();
    }

    @Override
    public Stream<Expr> push(Stmt.Push s) {
      return Stream.of(s.workspace(), s.value());
    }

    @Override
    public Stream<Expr> repeat(Stmt.Repeat s) {
      return Stream.of(s.times());
    }

    @Override
    public Stream<Expr> release(Stmt.Release s) {
      return Stream.of(s.workspace(), s.array());
    }

    @Override
    public Stream<Expr> reserve(Stmt.Reserve s) {
      return Stream.of(s.workspace(), s.count());
    }
  };
}
