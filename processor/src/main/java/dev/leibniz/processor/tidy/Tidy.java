package dev.leibniz.processor.tidy;

import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Rewrite;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.UnaryOp;
import dev.leibniz.processor.ir.Unexpected;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

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
    List<Stmt> previous = null;
    for (int round = 0; round < MAX_ROUNDS && !backward.equals(previous); round++) {
      previous = backward;
      backward = block(backward, v -> false);
    }
    return withBoundary(method, backward);
  }

  /**
   * A one-pass pullback with the backward block of its fused loop's iterations simplified (the
   * last block of the loop's body), as anything in it may be read again by the next iteration.
   */
  private static AdjointMethod.OnePass onePass(AdjointMethod.OnePass onePass) {
    List<Stmt> body = new ArrayList<>(onePass.loop().body().statements());
    for (int k = body.size() - 1; k >= 0; k--) {
      if (body.get(k) instanceof Stmt.Block backward) {
        List<Stmt> simplified = backward.statements();
        for (int round = 0; round < MAX_ROUNDS; round++) {
          simplified = block(simplified, null);
        }
        body.set(k, new Stmt.Block(simplified));
        break;
      }
    }
    Stmt.Loop loop = onePass.loop();
    return new AdjointMethod.OnePass(onePass.opening(), new Stmt.Loop(loop.condition(),
        new Stmt.Block(body), loop.update(), loop.testFirst(), loop.source()), onePass.closing());
  }

  /** Each round takes time linear in the code; a few reach what there is to reach. */
  private static final int MAX_ROUNDS = 6;

  /**
   * One round over a list of statements: first backwards, dropping what nothing after reads,
   * then forwards, propagating copies and merging repeated terms.
   *
   * @param readAfter whether a variable is read after the list; null inside a loop, where
   *     anything may be read again by the next iteration
   */
  private static List<Stmt> block(List<Stmt> statements, Predicate<Expr.Var> readAfter) {
    var kept = new ArrayDeque<Stmt>();
    Set<Expr.Var> suffix = new HashSet<>();
    for (int k = statements.size() - 1; k >= 0; k--) {
      Predicate<Expr.Var> after = readAfter == null ? null : v -> suffix.contains(v) || readAfter.test(v);
      Stmt s = nested(statements.get(k), after);
      if (!isZeroTerm(s) && !isDead(s, suffix, readAfter)) {
        kept.addFirst(s);
        suffix.addAll(Exprs.mentioned(List.of(s)));
      }
    }
    return new Forward(new ArrayList<>(kept)).simplified();
  }

  /** Tidies the blocks inside {@code s}, knowing what is read after it. */
  private static Stmt nested(Stmt s, Predicate<Expr.Var> readAfter) {
    return s.accept(new Stmt.Visitor<>() {
      @Override
      public Stmt branch(Stmt.If i) {
        return new Stmt.If(i.condition(),
            new Stmt.Block(Tidy.block(i.then().statements(), readAfter)),
            new Stmt.Block(Tidy.block(i.otherwise().statements(), readAfter)), i.source());
      }

      @Override
      public Stmt repeat(Stmt.Repeat r) {
        return new Stmt.Repeat(r.counter(), r.times(),
            new Stmt.Block(Tidy.block(r.body().statements(), null)));
      }

      @Override
      public Stmt block(Stmt.Block b) {
        return new Stmt.Block(Tidy.block(b.statements(), readAfter));
      }

      // A loop's body may read anything again in its next iteration.
      @Override
      public Stmt loop(Stmt.Loop l) {
        return l.with(l.condition(), new Stmt.Block(Tidy.block(l.body().statements(), null)),
            new Stmt.Block(Tidy.block(l.update().statements(), null)));
      }

      // Statements without blocks inside are tidied where they stand, not here.
      @Override
      public Stmt declare(Stmt.Declare d) {
        return d;
      }

      @Override
      public Stmt assign(Stmt.Assign a) {
        return a;
      }

      @Override
      public Stmt returns(Stmt.Return r) {
        return r;
      }

      @Override
      public Stmt breaks(Stmt.Break b) {
        throw Unexpected.lowered(b);
      }

      @Override
      public Stmt continues(Stmt.Continue c) {
        throw Unexpected.lowered(c);
      }

      @Override
      public Stmt write(Stmt.Write w) {
        return w;
      }

      @Override
      public Stmt accumulate(Stmt.Accumulate a) {
        return a;
      }

      @Override
      public Stmt evaluate(Stmt.Evaluate e) {
        return e;
      }

      @Override
      public Stmt comment(Stmt.Comment c) {
        return c;
      }

      @Override
      public Stmt push(Stmt.Push p) {
        return p;
      }

      @Override
      public Stmt release(Stmt.Release r) {
        return r;
      }

      @Override
      public Stmt reserve(Stmt.Reserve r) {
        return r;
      }
    });
  }

  /**
   * The forward part of a round, indexed so that it stays linear: where each variable is
   * mentioned and written.
   */
  private static final class Forward {
    private final List<Stmt> list;
    private final Map<Expr.Var, List<Integer>> mentions = new HashMap<>();
    private final Map<Expr.Var, TreeSet<Integer>> writes = new HashMap<>();
    private final Map<Expr.Var, Integer> lastMention = new HashMap<>();

    Forward(List<Stmt> list) {
      this.list = list;
      for (int i = 0; i < list.size(); i++) {
        int index = i;
        for (Expr.Var v : Exprs.mentioned(List.of(list.get(i)))) {
          mentions.computeIfAbsent(v, x -> new ArrayList<>()).add(index);
          lastMention.put(v, index);
        }
        written(List.of(list.get(i)))
            .forEach(v -> writes.computeIfAbsent(v, x -> new TreeSet<>()).add(index));
      }
    }

    List<Stmt> simplified() {
      for (int k = 0; k < list.size(); k++) {
        Stmt s = list.get(k);
        if (s instanceof Stmt.Declare d && isPropagable(d, k)) {
          propagate(d, k);
        } else if (s instanceof Stmt.Accumulate a && k + 1 < list.size()
            && a.equals(list.get(k + 1))) {
          list.set(k, new Stmt.Accumulate(a.target(), doubled(a.value())));
          list.set(k + 1, null);
          k++;
        }
      }
      return list.stream().filter(s -> s != null).toList();
    }

    /**
     * {@code double a = b;} where {@code a} is never written afterwards and {@code b} not
     * before the last read of {@code a}: every read of {@code a} can read {@code b}.
     */
    private boolean isPropagable(Stmt.Declare d, int k) {
      if (!(d.init() instanceof Expr.Var source) || !d.var().type().equals(source.type())) {
        return false;
      }
      boolean aWritten = !writes.getOrDefault(d.var(), EMPTY).tailSet(k, false).isEmpty();
      int lastRead = lastMention.getOrDefault(d.var(), k);
      boolean bWritten =
          !writes.getOrDefault(source, EMPTY).subSet(k, false, lastRead, true).isEmpty();
      return !aWritten && !bWritten;
    }

    private void propagate(Stmt.Declare d, int k) {
      var source = (Expr.Var) d.init();
      for (int i : mentions.getOrDefault(d.var(), List.of())) {
        if (i > k && list.get(i) != null) {
          list.set(i, Rewrite.statement(list.get(i), Map.of(d.var(), source)));
          mentions.computeIfAbsent(source, x -> new ArrayList<>()).add(i);
        }
      }
      lastMention.merge(source, lastMention.getOrDefault(d.var(), k), Math::max);
      list.set(k, null);
    }
  }

  private static final TreeSet<Integer> EMPTY = new TreeSet<>();

  private static boolean isZeroTerm(Stmt s) {
    return s instanceof Stmt.Accumulate a && a.value() instanceof Expr.Literal l
        && l.value() instanceof Number n && n.doubleValue() == 0;
  }

  /** A local nobody reads, or outside loops an assignment nobody reads, with no effect. */
  private static boolean isDead(Stmt s, Set<Expr.Var> mentionedAfter,
      Predicate<Expr.Var> readAfter) {
    if (s instanceof Stmt.Declare d && d.init() != null) {
      return Exprs.isPure(d.init()) && !mentionedAfter.contains(d.var());
    }
    if (readAfter != null && s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
      return Exprs.isPure(a.value()) && !mentionedAfter.contains(v) && !readAfter.test(v);
    }
    return false;
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

  /** Keeps only the crossing values the tidied backward sweep still reads. */
  private static AdjointMethod withBoundary(AdjointMethod method, List<Stmt> backward) {
    Set<Expr.Var> read = new HashSet<>(Exprs.mentioned(backward));
    List<Stmt.Declare> recomputed = Exprs.neededDeclarations(method.boundaryRecomputed(), read);
    var pushes = new ArrayList<Stmt>();
    var pops = new ArrayList<Stmt>();
    List<Stmt> allPops = method.boundaryPops();
    for (int i = 0; i < allPops.size(); i++) {
      Stmt pop = allPops.get(i);
      // A restored array's contents are kept whatever the tidying does.
      boolean kept = pop instanceof Stmt.Evaluate
          || read.contains(pop instanceof Stmt.Declare d ? d.var() : ((Stmt.Assign) pop).variable());
      if (kept) {
        pops.add(pop);
        pushes.add(0, method.boundaryPushes().get(allPops.size() - 1 - i));
      }
    }
    return new AdjointMethod(method.primal(), method.copies(), method.forward(), backward,
        method.value(),
        method.upstream(), method.scalarAdjoints(), method.arrayAdjoints(), method.workspace(),
        pushes, pops, recomputed,
        method.boundaryDeclared().stream().filter(read::contains).toList(),
        method.onePass().map(Tidy::onePass), method.withBudget().map(Tidy::of));
  }
}
