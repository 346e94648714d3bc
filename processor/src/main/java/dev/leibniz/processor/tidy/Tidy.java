package dev.leibniz.processor.tidy;

import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Rewrite;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.ir.UnaryOp;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tidy phase: simplifies a backward sweep without changing what it computes, so that the
 * generated code is shorter and reads like what a person would write. Copies are propagated
 * ({@code _g0 = dS; d_t4 = _g0} disappears), a term added twice in a row is added once, doubled
 * ({@code dX += x * d; dX += x * d} is {@code dX += 2.0 * x * d}: doubling is exact), terms that
 * add zero go, and so do locals nobody reads and, outside loops, assignments nobody reads
 * afterwards. The values crossing from the forward half that the backward sweep no longer reads
 * are no longer saved.
 */
public final class Tidy {
  private Tidy() {}

  /** {@code method} with its backward sweep simplified. */
  public static AdjointMethod of(AdjointMethod method) {
    List<Stmt> backward = method.backward();
    for (List<Stmt> previous = null; !backward.equals(previous); ) {
      previous = backward;
      backward = block(backward, Set.of());
    }
    return withBoundary(method, backward);
  }

  /**
   * One round over a list of statements.
   *
   * @param readAfter the variables read after the list, or null inside a loop, where anything
   *     may be read again by the next iteration
   */
  private static List<Stmt> block(List<Stmt> statements, Set<Expr.Var> readAfter) {
    var list = new ArrayList<>(statements);
    int k = 0;
    while (k < list.size()) {
      List<Stmt> rest = list.subList(k + 1, list.size());
      Stmt s = nested(list.get(k), rest, readAfter);
      if (isZeroTerm(s) || isDead(s, rest, readAfter)) {
        list.remove(k);
      } else if (s instanceof Stmt.Declare d && isPropagable(d, rest)) {
        rest.replaceAll(r -> Rewrite.statement(r, Map.of(d.var(), d.init())));
        list.remove(k);
      } else if (!rest.isEmpty() && s instanceof Stmt.Accumulate a && a.equals(rest.get(0))) {
        list.set(k, new Stmt.Accumulate(a.target(), doubled(a.value())));
        list.remove(k + 1);
      } else {
        list.set(k++, s);
      }
    }
    return list;
  }

  /** Tidies the blocks inside {@code s}, knowing what the statements after it read. */
  private static Stmt nested(Stmt s, List<Stmt> rest, Set<Expr.Var> readAfter) {
    Set<Expr.Var> after = readAfter == null ? null : union(readAfter, mentioned(rest));
    if (s instanceof Stmt.If i) {
      return new Stmt.If(i.condition(), new Stmt.Block(block(i.then().statements(), after)),
          new Stmt.Block(block(i.otherwise().statements(), after)), i.source());
    } else if (s instanceof Stmt.Repeat r) {
      return new Stmt.Repeat(r.counter(), r.times(),
          new Stmt.Block(block(r.body().statements(), null)));
    } else if (s instanceof Stmt.Block b) {
      return new Stmt.Block(block(b.statements(), after));
    }
    return s;
  }

  /**
   * {@code double a = b;} where neither {@code a} nor {@code b} is written afterwards, up to the
   * last read of {@code a}: every read of {@code a} can read {@code b}.
   */
  private static boolean isPropagable(Stmt.Declare d, List<Stmt> rest) {
    if (!(d.init() instanceof Expr.Var source) || d.var().type() != source.type()) {
      return false;
    }
    int lastRead = -1;
    for (int i = 0; i < rest.size(); i++) {
      if (mentioned(List.of(rest.get(i))).contains(d.var())) {
        lastRead = i;
      }
    }
    List<Stmt> span = rest.subList(0, lastRead + 1);
    return !written(rest).contains(d.var()) && !written(span).contains(source);
  }

  private static boolean isZeroTerm(Stmt s) {
    return s instanceof Stmt.Accumulate a && a.value() instanceof Expr.Literal l
        && l.value() instanceof Number n && n.doubleValue() == 0;
  }

  /** A local nobody reads, or outside loops an assignment nobody reads, with no effect. */
  private static boolean isDead(Stmt s, List<Stmt> rest, Set<Expr.Var> readAfter) {
    if (s instanceof Stmt.Declare d && d.init() != null) {
      return isPure(d.init()) && !mentioned(rest).contains(d.var());
    }
    if (readAfter != null && s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
      return isPure(a.value()) && !mentioned(rest).contains(v) && !readAfter.contains(v);
    }
    return false;
  }

  /** No call other than of {@code Math} and the companion's own helpers, nothing popped. */
  private static boolean isPure(Expr e) {
    if (e instanceof Expr.Pop || e instanceof Expr.Borrow || e instanceof Expr.Invoke) {
      return false;
    }
    if (e instanceof Expr.Call c && !c.owner().equals(TypeRef.MATH)
        && !c.owner().equals(TypeRef.STRICT_MATH) && !c.owner().equals(TypeRef.ADJOINT_ARRAYS)) {
      return false;
    }
    return Exprs.children(e).allMatch(Tidy::isPure);
  }

  /** {@code 2 e}, with the two on the leftmost factor so that it prints without parentheses. */
  private static Expr doubled(Expr e) {
    if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
      return new Expr.Unary(UnaryOp.NEG, doubled(u.operand()), u.type());
    }
    if (e instanceof Expr.Binary b && b.op() == BinaryOp.MUL) {
      return new Expr.Binary(BinaryOp.MUL, doubled(b.left()), b.right(), b.type());
    }
    if (e instanceof Expr.Literal l && l.type() == Type.DOUBLE) {
      return Expr.literal(2 * ((Number) l.value()).doubleValue());
    }
    return Expr.literal(2).times(e);
  }

  /** Every variable the statements mention, read or written, nested statements included. */
  static Set<Expr.Var> mentioned(List<Stmt> statements) {
    var found = new HashSet<Expr.Var>();
    statements.stream().flatMap(Stmts::all).forEach(s -> {
      Stmts.expressions(s).forEach(e -> found.addAll(Exprs.variables(e)));
      if (s instanceof Stmt.Repeat r) {
        found.add(r.counter());
      }
    });
    return found;
  }

  /** The variables the statements assign or add to, as a whole or an element. */
  private static Set<Expr.Var> written(List<Stmt> statements) {
    var found = new HashSet<Expr.Var>();
    statements.stream().flatMap(Stmts::all).forEach(s -> {
      if (s instanceof Stmt.Assign a) {
        found.add(a.variable());
      } else if (s instanceof Stmt.Accumulate a) {
        found.add(a.target() instanceof Expr.Index i ? i.root() : (Expr.Var) a.target());
      } else if (s instanceof Stmt.Declare d) {
        found.add(d.var());
      }
    });
    return found;
  }

  private static Set<Expr.Var> union(Set<Expr.Var> a, Set<Expr.Var> b) {
    var all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  /** Keeps only the crossing values the tidied backward sweep still reads. */
  private static AdjointMethod withBoundary(AdjointMethod method, List<Stmt> backward) {
    Set<Expr.Var> read = mentioned(backward);
    var pushes = new ArrayList<Stmt>();
    var pops = new ArrayList<Stmt>();
    List<Stmt> allPops = method.boundaryPops();
    for (int i = 0; i < allPops.size(); i++) {
      Stmt pop = allPops.get(i);
      Expr.Var v = pop instanceof Stmt.Declare d ? d.var() : ((Stmt.Assign) pop).variable();
      if (read.contains(v)) {
        pops.add(pop);
        pushes.add(0, method.boundaryPushes().get(allPops.size() - 1 - i));
      }
    }
    return new AdjointMethod(method.primal(), method.forward(), backward, method.value(),
        method.upstream(), method.scalarAdjoints(), method.arrayAdjoints(), method.workspace(),
        pushes, pops);
  }
}
