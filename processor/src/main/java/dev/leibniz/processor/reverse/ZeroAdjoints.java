package dev.leibniz.processor.reverse;

import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.UnaryOp;
import dev.leibniz.processor.rules.Exprs;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Skips a backward loop whose adjoints are all zero when it starts: the loop over a centroid's
 * coordinates when that centroid is not the nearest, the loop over a ReLU unit's inputs when the
 * unit is off. A backward sweep is linear in the adjoints, so if every adjoint the loop reads is
 * zero, every term it adds is zero and every adjoint it sets stays zero; running it would only
 * turn a zero into a NaN where a local partial is infinite, which skipping leaves out, as
 * {@code analyse.Liveness} does for dead values.
 *
 * <p>Shown on the loop's statements: with the adjoints it reads from outside assumed zero, a
 * fixed point finds the variables that stay zero (adjoints, and the temporaries copied from
 * them); every term added to an adjoint must be zero by the expression's form (a product with a
 * zero factor, a sum of zeros), and nothing else may have an effect that outlives the loop: no
 * pops, pushes or calls of the user's, no array element written but adjoints added to, and every
 * other value it sets either declared in it or set before it is read in each iteration (a
 * difference computed again). An index the loop steps back (a packed triangle's) keeps it from
 * being skipped, as it must end where the loop would leave it.
 */
final class ZeroAdjoints {
  /** Most adjoints a guard tests, so that it stays one readable line. */
  private static final int MAX_TESTED = 4;

  private final Predicate<Expr.Var> isAdjoint;
  private final Expr.Var counter;
  private final Set<Expr.Var> zero = new LinkedHashSet<>();

  private ZeroAdjoints(Predicate<Expr.Var> isAdjoint, Expr.Var counter) {
    this.isAdjoint = isAdjoint;
    this.counter = counter;
  }

  /**
   * {@code loop}, run only where one of the adjoints it reads from outside is not zero; the loop
   * itself when that cannot be shown to be all it does. The backward loop of a counted loop
   * steps {@code counter} down from the bound; skipped, it leaves it at the bound, which is
   * read by nothing after: what reads the counter's value from before the loop has it put back
   * by the statement that set it.
   */
  static List<Stmt> guarded(Stmt.Repeat loop, Expr.Var counter, Predicate<Expr.Var> isAdjoint) {
    var analysis = new ZeroAdjoints(isAdjoint, counter);
    return analysis.tested(loop).map(tested -> List.<Stmt>of(
        new Stmt.Comment("adds nothing while " + names(tested) + " zero"),
        new Stmt.If(anyNonZero(tested), new Stmt.Block(List.of(loop)),
            new Stmt.Block(List.of()), Source.NONE)))
        .orElse(List.<Stmt>of(loop));
  }

  /** The adjoints from outside whose being zero makes the loop do nothing, if it is so. */
  private Optional<List<Expr.Var>> tested(Stmt.Repeat loop) {
    List<Stmt> statements = Stmts.all(loop.body()).toList();
    if (!statements.stream().allMatch(ZeroAdjoints::isPlain)) {
      return Optional.empty();
    }
    Set<Expr.Var> declared = new LinkedHashSet<>();
    statements.forEach(s -> {
      inOrder(Stmts.expressions(s)).filter(v -> v.type().isFloating())
          .filter(isAdjoint).forEach(zero::add);
      assigned(s).filter(v -> v.type().isFloating()).forEach(zero::add);
      if (s instanceof Stmt.Declare d) {
        declared.add(d.var());
      }
    });
    while (zero.removeIf(v -> statements.stream().anyMatch(s -> setsNonZero(s, v)))) {
      // each removal may make another value non-zero; the set only shrinks
    }
    List<Expr.Var> tested = readBefore(statements).filter(v -> !declared.contains(v)).toList();
    boolean effectsStay = statements.stream().allMatch(this::addsOnlyZero)
        && statements.stream().flatMap(ZeroAdjoints::assigned).distinct()
            .filter(v -> !zero.contains(v) && !declared.contains(v))
            .allMatch(v -> !isAdjoint.test(v)
                && (v.equals(counter) || Exprs.setBeforeRead(loop.body().statements(), v)));
    return effectsStay && !tested.isEmpty() && tested.size() <= MAX_TESTED
        ? Optional.of(tested) : Optional.empty();
  }

  /**
   * The zero values the statements read, in order. An adjoint the loop only adds zeros to may be
   * anything when it starts.
   */
  private Stream<Expr.Var> readBefore(List<Stmt> statements) {
    return statements.stream().flatMap(s -> inOrder(Stmts.expressions(s)
            .filter(e -> !(s instanceof Stmt.Accumulate a && a.target() == e))))
        .filter(zero::contains).distinct();
  }

  /**
   * The variables {@code s} sets or adds to as a whole, arrays included (an array's elements are
   * checked by {@link #addsOnlyZero}).
   */
  private static Stream<Expr.Var> assigned(Stmt s) {
    Expr target = s instanceof Stmt.Declare d ? d.var()
        : s instanceof Stmt.Assign a ? a.target()
        : s instanceof Stmt.Accumulate a ? a.target() : null;
    return target instanceof Expr.Var v ? Stream.of(v) : Stream.empty();
  }

  /** The variables of {@code expressions} in the order they are written, so that guards are. */
  private static Stream<Expr.Var> inOrder(Stream<Expr> expressions) {
    return expressions.flatMap(Exprs::nodes)
        .filter(e -> e instanceof Expr.Var).map(e -> (Expr.Var) e);
  }

  /** Statements whose only effects are on locals and adjoints; no workspace, no user's calls. */
  private static boolean isPlain(Stmt s) {
    boolean kind = s instanceof Stmt.Block || s instanceof Stmt.If || s instanceof Stmt.Repeat
        || s instanceof Stmt.Comment || s instanceof Stmt.Declare || s instanceof Stmt.Assign
        || s instanceof Stmt.Accumulate;
    return kind && Stmts.expressions(s).allMatch(Exprs::isPure);
  }

  /** Whether {@code s} may give {@code v} a value that is not zero. */
  private boolean setsNonZero(Stmt s, Expr.Var v) {
    if (s instanceof Stmt.Declare d && d.var().equals(v)) {
      return d.init() != null && !isZero(d.init());
    } else if (s instanceof Stmt.Assign a && a.target().equals(v)) {
      return !isZero(a.value());
    } else if (s instanceof Stmt.Accumulate a && a.target().equals(v)) {
      return !isZero(a.value());
    }
    return false;
  }

  /** Whether every array element {@code s} writes is an adjoint with zero added. */
  private boolean addsOnlyZero(Stmt s) {
    if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Index) {
      return false;
    }
    return !(s instanceof Stmt.Accumulate a && a.target() instanceof Expr.Index)
        || isZero(a.value());
  }

  /** Zero by its form, given the variables known to be zero. */
  private boolean isZero(Expr e) {
    if (e instanceof Expr.Literal l) {
      return l.value() instanceof Number n && n.doubleValue() == 0;
    } else if (e instanceof Expr.Var v) {
      return zero.contains(v);
    } else if (e instanceof Expr.Unary u) {
      return u.op() == UnaryOp.NEG && isZero(u.operand());
    } else if (e instanceof Expr.Cast c) {
      return isZero(c.operand());
    } else if (e instanceof Expr.Conditional c) {
      return isZero(c.then()) && isZero(c.otherwise());
    } else if (e instanceof Expr.Binary b) {
      return switch (b.op()) {
        case MUL -> isZero(b.left()) || isZero(b.right());
        case DIV -> isZero(b.left());
        case ADD, SUB -> isZero(b.left()) && isZero(b.right());
        default -> false;
      };
    }
    return false;
  }

  private static Expr anyNonZero(List<Expr.Var> tested) {
    Expr condition = null;
    for (Expr.Var v : tested) {
      Object zero = v.type() == Type.FLOAT ? (Object) 0.0f : (Object) 0.0;
      Expr test = new Expr.Binary(BinaryOp.NE, v, new Expr.Literal(v.type(), zero), Type.BOOLEAN);
      condition = condition == null ? test
          : new Expr.Binary(BinaryOp.OR, condition, test, Type.BOOLEAN);
    }
    return condition;
  }

  private static String names(List<Expr.Var> tested) {
    String joined = tested.stream().map(Expr.Var::name).collect(Collectors.joining(", "));
    return tested.size() == 1 ? joined + " is" : joined + " are";
  }
}
