package dev.leibniz.processor.rules;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.TypeRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Queries over expression trees that several phases share. */
public final class Exprs {
  private Exprs() {}

  /** {@code e} and every expression inside it. */
  public static Stream<Expr> nodes(Expr e) {
    return Stream.concat(Stream.of(e), children(e).flatMap(Exprs::nodes));
  }

  /**
   * The loop's counter, for messages and traces: the first {@code int} or {@code long}
   * variable its condition reads ({@code i} in {@code i < n}), if any.
   */
  public static java.util.Optional<Expr.Var> counter(dev.leibniz.processor.ir.Stmt.Loop loop) {
    return nodes(loop.condition())
        .filter(e -> e instanceof Expr.Var v && (v.type() == dev.leibniz.processor.ir.Type.INT
            || v.type() == dev.leibniz.processor.ir.Type.LONG))
        .map(e -> (Expr.Var) e)
        .findFirst();
  }

  /** The direct sub-expressions of {@code e}. */
  public static Stream<Expr> children(Expr e) {
    return e.accept(CHILDREN);
  }

  private static final Expr.Visitor<Stream<Expr>> CHILDREN = new Expr.Visitor<>() {
    @Override
    public Stream<Expr> literal(Expr.Literal e) {
      return Stream.empty();
    }

    @Override
    public Stream<Expr> variable(Expr.Var e) {
      return Stream.empty();
    }

    @Override
    public Stream<Expr> unary(Expr.Unary e) {
      return Stream.of(e.operand());
    }

    @Override
    public Stream<Expr> binary(Expr.Binary e) {
      return Stream.of(e.left(), e.right());
    }

    @Override
    public Stream<Expr> call(Expr.Call e) {
      return e.args().stream();
    }

    @Override
    public Stream<Expr> cast(Expr.Cast e) {
      return Stream.of(e.operand());
    }

    @Override
    public Stream<Expr> conditional(Expr.Conditional e) {
      return Stream.of(e.condition(), e.then(), e.otherwise());
    }

    @Override
    public Stream<Expr> staticField(Expr.StaticField e) {
      return Stream.empty();
    }

    @Override
    public Stream<Expr> instanceField(Expr.InstanceField e) {
      return Stream.of(e.target());
    }

    @Override
    public Stream<Expr> index(Expr.Index e) {
      return Stream.of(e.array(), e.index());
    }

    @Override
    public Stream<Expr> length(Expr.Length e) {
      return Stream.of(e.array());
    }

    @Override
    public Stream<Expr> newArray(Expr.NewArray e) {
      return e.dimensions().stream();
    }

    @Override
    public Stream<Expr> construct(Expr.Construct e) {
      return e.components().stream();
    }

    @Override
    public Stream<Expr> invoke(Expr.Invoke e) {
      return e.args().stream();
    }

    @Override
    public Stream<Expr> pop(Expr.Pop e) {
      return Stream.of(e.workspace());
    }

    @Override
    public Stream<Expr> borrow(Expr.Borrow e) {
      return Stream.of(e.workspace(), e.argument());
    }

    @Override
    public Stream<Expr> accessor(Expr.Accessor e) {
      return Stream.of(e.record());
    }

    @Override
    public Stream<Expr> runtime(Expr.Runtime e) {
      return Stream.concat(Stream.of(e.target()), e.args().stream());
    }
  };

  /** Whether {@code needle} occurs anywhere in {@code e}. */
  public static boolean mentions(Expr e, Expr needle) {
    return e.equals(needle) || children(e).anyMatch(child -> mentions(child, needle));
  }

  /**
   * Every variable the statements mention, read or written, in nested statements too, the
   * counters of backward loops included.
   */
  public static Set<Expr.Var> mentioned(Collection<Stmt> statements) {
    var found = new HashSet<Expr.Var>();
    statements.stream().flatMap(Stmts::all).forEach(s -> {
      Stmts.expressions(s).forEach(e -> found.addAll(variables(e)));
      if (s instanceof Stmt.Repeat r) {
        found.add(r.counter());
      }
    });
    return found;
  }

  /**
   * Whether evaluating {@code e} has no effect: no call other than of {@code Math} and the
   * companion's array helpers, nothing popped or borrowed from the workspace.
   */
  public static boolean isPure(Expr e) {
    if (e instanceof Expr.Pop || e instanceof Expr.Borrow || e instanceof Expr.Invoke) {
      return false;
    }
    if (e instanceof Expr.Call c && !c.owner().equals(TypeRef.MATH)
        && !c.owner().equals(TypeRef.STRICT_MATH) && !c.owner().equals(TypeRef.ADJOINT_ARRAYS)) {
      return false;
    }
    return children(e).allMatch(Exprs::isPure);
  }

  /**
   * Whether each run of {@code statements} sets {@code v} before anything reads it: before any
   * statement mentions it, a top-level statement assigns it from a value that does not read it;
   * loops and branches on the way may set it first themselves, as long as they do not read it.
   */
  public static boolean setBeforeRead(List<Stmt> statements, Expr.Var v) {
    return Boolean.TRUE.equals(firstUse(statements, v));
  }

  /** Whether a run of {@code statements} may read {@code v} before it sets it. */
  public static boolean mayReadBeforeSetting(List<Stmt> statements, Expr.Var v) {
    return Boolean.FALSE.equals(firstUse(statements, v));
  }

  /** True where {@code v} is surely set first, false where it may be read first, else null. */
  private static Boolean firstUse(List<Stmt> statements, Expr.Var v) {
    for (Stmt s : statements) {
      Expr value = s instanceof Stmt.Assign a && a.target().equals(v) ? a.value()
          : s instanceof Stmt.Declare d && d.var().equals(v) ? d.init() : null;
      if (value != null) {
        return !variables(value).contains(v);
      }
      if (!mentioned(List.of(s)).contains(v)) {
        continue;
      }
      boolean own = Stmts.expressions(s).anyMatch(e -> variables(e).contains(v))
          || s instanceof Stmt.Repeat r && r.counter().equals(v);
      if (own || !(s instanceof Stmt.Repeat || s instanceof Stmt.If || s instanceof Stmt.Block)) {
        return false;
      }
      List<Boolean> parts = s instanceof Stmt.Block b
          ? java.util.Collections.singletonList(firstUse(b.statements(), v))
          : Stmts.children(s).map(c -> firstUse(((Stmt.Block) c).statements(), v)).toList();
      if (parts.contains(Boolean.FALSE)) {
        return false;
      }
      boolean always = s instanceof Stmt.Block || s instanceof Stmt.If;
      if (always && parts.stream().allMatch(Boolean.TRUE::equals)) {
        return true;
      }
    }
    return null;
  }

  /**
   * Of {@code declarations}, in order, those that declare a variable in {@code read} and those
   * the kept ones are computed from; {@code read} gains what the kept ones read.
   */
  public static List<Stmt.Declare> neededDeclarations(
      List<Stmt.Declare> declarations, Set<Expr.Var> read) {
    var kept = new ArrayList<Stmt.Declare>();
    for (int i = declarations.size() - 1; i >= 0; i--) {
      Stmt.Declare d = declarations.get(i);
      if (read.contains(d.var())) {
        kept.add(0, d);
        read.addAll(variables(d.init()));
      }
    }
    return kept;
  }

  /**
   * Whether {@code e} is computed from literals, static fields and {@code Math} alone: the same
   * value wherever and whenever it is evaluated.
   */
  public static boolean isClosedForm(Expr e) {
    boolean node = e instanceof Expr.Literal || e instanceof Expr.StaticField
        || e instanceof Expr.Unary || e instanceof Expr.Binary || e instanceof Expr.Call
        || e instanceof Expr.Cast || e instanceof Expr.Conditional;
    return node && children(e).allMatch(Exprs::isClosedForm);
  }

  /** The variables {@code e} reads, in order of first appearance. */
  public static Set<Expr.Var> variables(Expr e) {
    var found = new LinkedHashSet<Expr.Var>();
    collect(e, found);
    return found;
  }

  private static void collect(Expr e, Set<Expr.Var> found) {
    if (e instanceof Expr.Var v) {
      found.add(v);
    }
    children(e).forEach(child -> collect(child, found));
  }
}
