package dev.leibniz.processor.ir;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Rebuilds expressions and statements with some variables replaced, for the passes that
 * simplify generated code. Variables are replaced where they are read and where they index an
 * array; a variable that is itself assigned to is never replaced.
 */
public final class Rewrite {
  private Rewrite() {}

  /** {@code e} with every variable of {@code replacements} replaced. */
  public static Expr expression(Expr e, Map<Expr.Var, Expr> replacements) {
    return map(e, x -> x instanceof Expr.Var v ? replacements.getOrDefault(v, v) : x);
  }

  /** {@code s} with every variable of {@code replacements} replaced, in nested statements too. */
  public static Stmt statement(Stmt s, Map<Expr.Var, Expr> replacements) {
    return mapped(s, x -> x instanceof Expr.Var v ? replacements.getOrDefault(v, v) : x);
  }

  /**
   * {@code s} with {@code f} applied bottom-up to every node of the expressions it reads, in
   * nested statements too; assignment targets keep their variables.
   */
  public static Stmt mapped(Stmt s, UnaryOperator<Expr> f) {
    UnaryOperator<Expr> r = e -> map(e, f);
    if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(d.var(), d.init() == null ? null : r.apply(d.init()), d.source());
    } else if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(target(a.target(), r), r.apply(a.value()), a.source());
    } else if (s instanceof Stmt.Accumulate a) {
      return new Stmt.Accumulate(target(a.target(), r), r.apply(a.value()));
    } else if (s instanceof Stmt.Return ret) {
      return new Stmt.Return(r.apply(ret.value()), ret.source());
    } else if (s instanceof Stmt.Block b) {
      return block(b, f);
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(r.apply(i.condition()), block(i.then(), f),
          block(i.otherwise(), f), i.source());
    } else if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(r.apply(l.condition()), block(l.body(), f),
          block(l.update(), f), l.testFirst(), l.source());
    } else if (s instanceof Stmt.Repeat rep) {
      return new Stmt.Repeat(rep.counter(), r.apply(rep.times()), block(rep.body(), f));
    } else if (s instanceof Stmt.Evaluate e) {
      return new Stmt.Evaluate(r.apply(e.call()));
    } else if (s instanceof Stmt.Write w) {
      // The arrays a call writes are its arguments: replaced as any other.
      return new Stmt.Write((Expr.Invoke) r.apply(w.call()), w.written(), w.source(),
          w.guessed());
    } else if (s instanceof Stmt.Push p) {
      return new Stmt.Push(p.workspace(), p.stack(), r.apply(p.value()));
    } else if (s instanceof Stmt.Reserve reserve) {
      return new Stmt.Reserve(reserve.workspace(), reserve.stack(), r.apply(reserve.count()));
    } else if (s instanceof Stmt.Release release) {
      return new Stmt.Release(release.workspace(), r.apply(release.array()));
    }
    return s;
  }

  /**
   * {@code s} with every variable of {@code replacements} replaced wherever it occurs, as the
   * target of assignments too: {@code double v = e} and {@code v = e} become {@code slot = e}.
   * The replacements must be assignable: variables or elements.
   */
  public static Stmt everywhere(Stmt s, Map<Expr.Var, Expr> replacements) {
    return targets(statement(s, replacements), replacements);
  }

  private static Stmt targets(Stmt s, Map<Expr.Var, Expr> replacements) {
    UnaryOperator<Expr> root = e -> replaceRoot(e, replacements);
    if (s instanceof Stmt.Declare d && replacements.containsKey(d.var())) {
      Expr init = d.init() == null ? Expr.defaultOf(d.var().type()) : d.init();
      return new Stmt.Assign(replacements.get(d.var()), init, d.source());
    } else if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(root.apply(a.target()), a.value(), a.source());
    } else if (s instanceof Stmt.Accumulate a) {
      return new Stmt.Accumulate(root.apply(a.target()), a.value());
    } else if (s instanceof Stmt.Block b) {
      return targetsOf(b, replacements);
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(i.condition(), targetsOf(i.then(), replacements),
          targetsOf(i.otherwise(), replacements), i.source());
    } else if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(l.condition(), targetsOf(l.body(), replacements),
          targetsOf(l.update(), replacements), l.testFirst(), l.source());
    } else if (s instanceof Stmt.Repeat rep) {
      return new Stmt.Repeat(rep.counter(), rep.times(), targetsOf(rep.body(), replacements));
    }
    return s;
  }

  private static Stmt.Block targetsOf(Stmt.Block b, Map<Expr.Var, Expr> replacements) {
    return new Stmt.Block(b.statements().stream().map(s -> targets(s, replacements)).toList());
  }

  private static Expr replaceRoot(Expr target, Map<Expr.Var, Expr> replacements) {
    if (target instanceof Expr.Index i) {
      return new Expr.Index(replaceRoot(i.array(), replacements), i.index(), i.type());
    }
    return replacements.getOrDefault((Expr.Var) target, target);
  }

  private static Stmt.Block block(Stmt.Block b, UnaryOperator<Expr> f) {
    return new Stmt.Block(b.statements().stream().map(s -> mapped(s, f)).toList());
  }

  /** A target keeps its variable; only the indices of an element are rewritten. */
  private static Expr target(Expr target, UnaryOperator<Expr> r) {
    if (target instanceof Expr.Index i) {
      return new Expr.Index(target(i.array(), r), r.apply(i.index()), i.type());
    }
    return target;
  }

  /** Applies {@code f} bottom-up to every node of {@code e}. */
  public static Expr map(Expr e, UnaryOperator<Expr> f) {
    Expr rebuilt;
    if (e instanceof Expr.Unary u) {
      rebuilt = new Expr.Unary(u.op(), map(u.operand(), f), u.type());
    } else if (e instanceof Expr.Binary b) {
      rebuilt = new Expr.Binary(b.op(), map(b.left(), f), map(b.right(), f), b.type());
    } else if (e instanceof Expr.Call c) {
      rebuilt = new Expr.Call(c.owner(), c.name(), all(c.args(), f), c.type());
    } else if (e instanceof Expr.Cast c) {
      rebuilt = new Expr.Cast(c.type(), map(c.operand(), f));
    } else if (e instanceof Expr.Conditional c) {
      rebuilt = new Expr.Conditional(map(c.condition(), f), map(c.then(), f),
          map(c.otherwise(), f), c.type());
    } else if (e instanceof Expr.InstanceField field) {
      rebuilt = new Expr.InstanceField(map(field.target(), f), field.name(), field.type());
    } else if (e instanceof Expr.Index i) {
      rebuilt = new Expr.Index(map(i.array(), f), map(i.index(), f), i.type());
    } else if (e instanceof Expr.Length l) {
      rebuilt = new Expr.Length(map(l.array(), f));
    } else if (e instanceof Expr.NewArray n) {
      rebuilt = new Expr.NewArray(n.type(), all(n.dimensions(), f));
    } else if (e instanceof Expr.Invoke i) {
      rebuilt = new Expr.Invoke(i.callee(), all(i.args(), f), i.type(), i.site());
    } else if (e instanceof Expr.Borrow b) {
      rebuilt = new Expr.Borrow(b.workspace(), map(b.argument(), f), b.kind());
    } else {
      rebuilt = e;
    }
    return f.apply(rebuilt);
  }

  private static List<Expr> all(List<Expr> es, UnaryOperator<Expr> f) {
    return es.stream().map(e -> map(e, f)).toList();
  }
}
