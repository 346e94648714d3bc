package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A loop whose backward sweep computes each iteration again instead of reading back what the
 * iteration overwrote, as a hand-written adjoint of a time-stepper does: the forward sweep keeps
 * only the state an iteration starts from (the {@code snapshot}: the scalars the loop assigns
 * and the arrays whose elements it writes, but for the counter of a loop counted again), and
 * runs the iteration as plain code; each
 * backward iteration puts that state back, runs the iteration's forward part (keeping, for
 * this iteration alone, what it overwrites) and then its backward part. Arrays an iteration
 * writes whole before it reads them, itself or in each iteration of an inner loop
 * ({@code rebuilt}: the stages of a Runge–Kutta step, scratch
 * rows) are in no snapshot. What the statements before the loop read of the state it changes is
 * kept once, around it.
 *
 * <p>The cost model counts per iteration, in passes over an array: the values saving keeps
 * (each write of a floating-point value or element the plan saves inside an inner loop and
 * each call that writes arrays is one), the arrays in the snapshot, and the work of running the iteration again (each
 * statement of an inner loop and each call of a differentiable method is one, and a function
 * such as {@code Math.exp} four more). The loop is replayed when saving keeps at least twice what
 * the snapshot keeps and running the iteration again costs no more than saving does:
 * recomputing trades the time of one more run of the iteration's plain code for memory in
 * proportion to the trip count, which a loop of costly functions (an LSTM cell) or of much
 * arithmetic per value kept (a Gaussian mixture's quadratic forms) does not repay, nor a loop
 * whose inner loops each run a literal number of times (the two populations of a
 * Lotka–Volterra step), which keeps a few values per iteration.
 *
 * <p>A counted loop whose iterations meet in the adjoint only through accumulators
 * ({@code r -= x[j] * power}, whose adjoint no iteration changes) has backward iterations that
 * may run in any order: its adjoint runs <em>forwards</em>, from one snapshot of the state at the
 * loop's entry, each iteration's forward part right before its backward part, so that values
 * the loop carries without a derivative ({@code power *= t}) are computed again by their own
 * recurrence instead of being kept per iteration, as a hand-written adjoint does. It is chosen
 * where saving would keep a value per iteration and running the iteration again calls neither a
 * method nor a costly function.
 *
 * @param loop the loop
 * @param snapshot what every iteration keeps at its start
 * @param rebuilt the arrays every iteration writes whole before reading
 * @param savedArrays what saving would keep per iteration, in arrays
 * @param recomputeCost what running an iteration again costs, in passes over an array
 * @param forwardOrder whether the adjoint runs its iterations forwards from one snapshot taken
 *     at the loop's entry, rather than backwards from one taken per iteration
 */
public record ReplayedLoop(Stmt.Loop loop, List<Expr.Var> snapshot, List<Expr.Var> rebuilt,
    int savedArrays, int recomputeCost, boolean forwardOrder) {
  public ReplayedLoop {
    snapshot = List.copyOf(snapshot);
    rebuilt = List.copyOf(rebuilt);
  }

  /** The arrays in the snapshot: what the forward sweep keeps per iteration, in arrays. */
  public long snapshotArrays() {
    return snapshot.stream().filter(v -> v.type().isArray()).count();
  }

  /** The cost model's reasoning, in lines for the generated code's comment. */
  public List<String> reason() {
    if (forwardOrder) {
      String state = snapshot.stream().map(Expr.Var::name).collect(Collectors.joining(", "));
      return List.of("adjoint in forward order: iterations meet only through accumulators;",
          "keeps " + state + " once and runs each iteration again before its adjoint,",
          "where saving would keep " + savedArrays + (savedArrays == 1 ? " value" : " values")
              + " per iteration");
    }
    String kept = snapshot.stream().filter(v -> v.type().isArray()).map(Expr.Var::name)
        .collect(Collectors.joining(", "));
    long scalars = snapshot.size() - snapshotArrays();
    String counted = scalars + (scalars == 1 ? " scalar" : " scalars");
    String keeps = kept.isEmpty() ? counted : scalars == 0 ? kept : kept + " and " + counted;
    return List.of("replayed: each iteration keeps " + keeps + " and runs again before its",
        "adjoint; saving would keep the elements of " + savedArrays + " arrays per iteration,",
        "running it again costs " + recomputeCost + " passes over an array");
  }

  /**
   * The plan for {@code loop}, if replaying it is possible and cheaper.
   *
   * @param saves whether the plan keeps what a statement overwrites, when the loop is saved
   * @param whereverPossible whether to replay it whatever the cost model says, if saving it
   *     keeps anything
   */
  static Optional<ReplayedLoop> of(Stmt.Loop loop, Activity activity, Predicate<Stmt> saves,
      FirstWrites firstWrites, Map<Stmt.Loop, CountedLoop> counted, boolean whereverPossible) {
    if (small(loop, counted) && !whereverPossible) {
      return Optional.empty();
    }
    if (Stmts.all(loop).anyMatch(s -> s instanceof Stmt.Return)
        || Stmts.all(loop.update()).flatMap(s -> Stmts.writes(s).stream())
            .anyMatch(v -> v.type().isFloating() || v.type().isArray())) {
      return Optional.empty();
    }
    Set<Expr.Var> declared = new LinkedHashSet<>();
    Stmts.all(loop).forEach(s -> {
      if (s instanceof Stmt.Declare d) {
        declared.add(d.var());
      }
    });
    Set<Expr.Var> written = new LinkedHashSet<>();
    Stmts.all(loop).forEach(s -> written.addAll(Stmts.writes(s)));
    written.removeAll(declared);
    // A counted loop's counter is counted down again.
    Optional.ofNullable(counted.get(loop)).ifPresent(c -> written.remove(c.counter()));
    var snapshot = new ArrayList<Expr.Var>();
    var rebuilt = new ArrayList<Expr.Var>();
    for (Expr.Var v : written) {
      if (v.type().isArray() && !keepable(v, loop)) {
        return Optional.empty();
      } else if (v.type().isArray()
          && firstWrites.writtenBeforeRead(loop.body().statements(), v)) {
        rebuilt.add(v);
      } else if (v.type().isArray() || STACKED.contains(v.type())) {
        snapshot.add(v);
      } else {
        return Optional.empty();
      }
    }
    int saved = savedArrays(loop, activity, saves);
    var replayed =
        new ReplayedLoop(loop, snapshot, rebuilt, saved, recomputeCost(loop), false);
    boolean cheaper = saved >= 2 * Math.max(1, replayed.snapshotArrays())
        && replayed.recomputeCost() <= saved;
    return cheaper || whereverPossible && saved > 0 ? Optional.of(replayed) : Optional.empty();
  }

  /**
   * The plan running {@code loop}'s adjoint forwards, if its backward iterations are
   * independent and it pays: the loop is counted again, writes no array, carries derivatives only
   * in accumulators and locals of its body, and saving would keep values that running an
   * iteration again, without calls or costly functions, computes more cheaply.
   */
  static Optional<ReplayedLoop> inForwardOrder(Stmt.Loop loop, Activity activity,
      Predicate<Stmt> saves, Map<Stmt.Loop, CountedLoop> counted, boolean whereverPossible) {
    CountedLoop recount = counted.get(loop);
    if (recount == null || !FusedLoop.iterationsIndependent(loop, activity)) {
      return Optional.empty();
    }
    int saved = (int) Stmts.all(loop).filter(saves).filter(ReplayedLoop::writesNumbers).count();
    boolean cheap = Stmts.all(loop).flatMap(Stmts::expressions).flatMap(Exprs::nodes)
        .noneMatch(e -> e instanceof Expr.Invoke || e instanceof Expr.Call c
            && c.owner().equals(TypeRef.MATH) && !CHEAP_FUNCTIONS.contains(c.name()));
    if (saved == 0 || !cheap && !whereverPossible) {
      return Optional.empty();
    }
    Set<Expr.Var> declared = new LinkedHashSet<>();
    Set<Expr.Var> state = new LinkedHashSet<>();
    Stmts.all(loop).forEach(s -> {
      if (s instanceof Stmt.Declare d) {
        declared.add(d.var());
      }
      state.addAll(Stmts.writes(s));
    });
    state.removeAll(declared);
    state.remove(recount.counter());
    if (!state.stream().allMatch(v -> STACKED.contains(v.type()))) {
      return Optional.empty();
    }
    return Optional.of(new ReplayedLoop(loop, List.copyOf(state), List.of(), saved,
        recomputeCost(loop), true));
  }

  /** An assignment of a floating-point value: an int's step is undone by arithmetic. */
  private static boolean writesNumbers(Stmt s) {
    return Stmts.writes(s).stream().anyMatch(v -> {
      Type leaf = v.type();
      while (leaf.isArray()) {
        leaf = leaf.element();
      }
      return leaf.isFloating();
    });
  }

  /** The work of running an iteration again, in passes over an array. */
  private static int recomputeCost(Stmt.Loop loop) {
    int cost = 0;
    for (Stmt inner : Stmts.all(loop.body()).filter(s -> s instanceof Stmt.Loop).toList()) {
      for (Stmt s : Stmts.all(((Stmt.Loop) inner).body()).toList()) {
        if (s instanceof Stmt.Assign || s instanceof Stmt.Declare) {
          cost += 1 + 4 * (int) Stmts.expressions(s).flatMap(Exprs::nodes)
              .filter(e -> e instanceof Expr.Call c && c.owner().equals(TypeRef.MATH)
                  && !CHEAP_FUNCTIONS.contains(c.name()))
              .count();
        }
      }
    }
    cost += (int) Stmts.all(loop.body()).flatMap(Stmts::expressions).flatMap(Exprs::nodes)
        .filter(e -> e instanceof Expr.Invoke).count();
    return cost;
  }

  private static final Set<String> CHEAP_FUNCTIONS = Set.of("abs", "min", "max", "signum");

  /**
   * Whether each of the loop's inner loops runs a number of times written as a literal
   * ({@code for (int i = 0; i < 2; i++)}): an iteration keeps a few values, fewer than
   * running it again costs.
   */
  private static boolean small(Stmt.Loop loop, Map<Stmt.Loop, CountedLoop> counted) {
    List<Stmt> inner = Stmts.all(loop.body()).filter(s -> s instanceof Stmt.Loop).toList();
    return !inner.isEmpty() && inner.stream().allMatch(l -> counted.containsKey(l)
        && counted.get(l).bound() instanceof Expr.Literal);
  }

  private static final Set<Type> STACKED =
      Set.of(Type.DOUBLE, Type.FLOAT, Type.INT, Type.LONG, Type.BOOLEAN, Type.CHAR);

  /** A vector whose elements alone the loop writes: its contents fit the double stack. */
  private static boolean keepable(Expr.Var array, Stmt.Loop loop) {
    return array.type().equals(Type.DOUBLE_ARRAY) && Stmts.all(loop)
        .noneMatch(s -> s instanceof Stmt.Assign a && a.target().equals(array));
  }

  /**
   * The arrays' worth of values saving keeps per iteration: each saved statement in an inner
   * loop, each differentiated call writing arrays and each array whose contents it keeps.
   */
  private static int savedArrays(Stmt.Loop loop, Activity activity, Predicate<Stmt> saves) {
    int arrays = 0;
    for (Stmt inner : Stmts.all(loop.body()).filter(s -> s instanceof Stmt.Loop).toList()) {
      arrays += (int) Stmts.all(((Stmt.Loop) inner).body()).filter(saves)
          .filter(ReplayedLoop::writesNumbers).count();
    }
    for (Stmt s : Stmts.all(loop.body()).filter(s -> s instanceof Stmt.Write).toList()) {
      var w = (Stmt.Write) s;
      arrays += (activity.isActive(w.call()) ? 1 : 0)
          + (saves.test(w) ? w.writtenArguments().size() : 0);
    }
    return arrays;
  }
}
