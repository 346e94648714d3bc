package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
 * <p>The cost model counts, per iteration, the arrays' worth of values saving keeps (each
 * element write the plan saves inside an inner loop and each call that writes arrays is one)
 * against the arrays in the snapshot; the loop is replayed when saving keeps at least twice as
 * much. Recomputing costs one more run of the iteration's plain code; what it saves is memory
 * in proportion to the trip count, and the time to write and read it back.
 *
 * @param loop the loop
 * @param snapshot what every iteration keeps at its start
 * @param rebuilt the arrays every iteration writes whole before reading
 * @param savedArrays what saving would keep per iteration, in arrays
 */
public record ReplayedLoop(Stmt.Loop loop, List<Expr.Var> snapshot, List<Expr.Var> rebuilt,
    int savedArrays) {
  public ReplayedLoop {
    snapshot = List.copyOf(snapshot);
    rebuilt = List.copyOf(rebuilt);
  }

  /** The arrays in the snapshot: what the forward sweep keeps per iteration, in arrays. */
  public long snapshotArrays() {
    return snapshot.stream().filter(v -> v.type().isArray()).count();
  }

  /** The cost model's reasoning, in two lines for the generated code's comment. */
  public List<String> reason() {
    String kept = snapshot.stream().filter(v -> v.type().isArray()).map(Expr.Var::name)
        .collect(Collectors.joining(", "));
    long scalars = snapshot.size() - snapshotArrays();
    String counted = scalars + (scalars == 1 ? " scalar" : " scalars");
    String keeps = kept.isEmpty() ? counted : scalars == 0 ? kept : kept + " and " + counted;
    return List.of("replayed: each iteration keeps " + keeps + " and runs again before its",
        "adjoint; saving would keep the elements of " + savedArrays + " arrays per iteration");
  }

  /**
   * The plan for {@code loop}, if replaying it is possible and cheaper.
   *
   * @param saves whether the plan keeps what a statement overwrites, when the loop is saved
   */
  static Optional<ReplayedLoop> of(Stmt.Loop loop, Activity activity, Predicate<Stmt> saves,
      FirstWrites firstWrites, Optional<CountedLoop> counted) {
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
    counted.ifPresent(c -> written.remove(c.counter()));
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
    var replayed = new ReplayedLoop(loop, snapshot, rebuilt, saved);
    return saved >= 2 * Math.max(1, replayed.snapshotArrays())
        ? Optional.of(replayed) : Optional.empty();
  }

  private static final Set<Type> STACKED =
      Set.of(Type.DOUBLE, Type.FLOAT, Type.INT, Type.LONG, Type.BOOLEAN);

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
      arrays += (int) Stmts.all(((Stmt.Loop) inner).body()).filter(saves).count();
    }
    for (Stmt s : Stmts.all(loop.body()).filter(s -> s instanceof Stmt.Write).toList()) {
      var w = (Stmt.Write) s;
      arrays += (activity.isActive(w.call()) ? 1 : 0)
          + (saves.test(w) ? w.writtenArguments().size() : 0);
    }
    return arrays;
  }
}
