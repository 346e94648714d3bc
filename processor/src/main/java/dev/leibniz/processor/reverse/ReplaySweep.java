package dev.leibniz.processor.reverse;

import dev.leibniz.processor.analyse.CountedLoop;
import dev.leibniz.processor.analyse.ReplayedLoop;
import dev.leibniz.processor.analyse.SavePlan;
import dev.leibniz.processor.ir.ArrayOp;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stack;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The sweeps of loops the plan computes again from snapshots ({@link ReplayedLoop}): one
 * snapshot per iteration with each backward iteration run again before its adjoint, or one
 * snapshot at the entry with the adjoint run in forward order.
 */
final class ReplaySweep {
  private final Sweeps sweeps;
  private final Names names;
  private final Storage storage;
  private final SavePlan plan;
  private final Sweeps plain;

  ReplaySweep(Sweeps sweeps, Names names, Storage storage, SavePlan plan, Sweeps plain) {
    this.sweeps = sweeps;
    this.names = names;
    this.storage = storage;
    this.plan = plan;
    this.plain = plain;
  }

  /**
   * A loop the plan replays. The forward sweep keeps the state each iteration starts from and
   * runs the iteration as plain code; each backward iteration puts that state back, then runs
   * the iteration's forward part, which keeps what it overwrites, and its backward part, which
   * reads it back, each a block of its own. What the backward sweep after the loop reads of the
   * state the loop changes is kept once around it.
   */
  Part replayed(Stmt.Loop loop, ReplayedLoop replay, Part body, Where where) {
    Part iteration = plain.block(loop.body().statements(), where.inLoopBody(loop));
    Part plainUpdate = plain.block(loop.update().statements(), where.inLoopBody(loop));
    var forward = new ArrayList<Stmt>(sweeps.comment(loop.source()));
    replay.reason().forEach(line -> forward.add(new Stmt.Comment(line)));
    List<Expr.Var> around = plan.keptAround(loop);
    around.forEach(array -> forward.add(snapshot(array)));
    var counted = new ArrayList<Stmt>();
    replay.snapshot().forEach(v -> counted.add(snapshot(v)));
    counted.addAll(iteration.forward());
    var recount = plan.counted(loop);
    Expr times;
    var backward = new ArrayList<Stmt>(sweeps.comment(loop.source()));
    var again = new ArrayList<Stmt>();
    if (recount.isPresent()) {
      times = recount.get().trips();
      // The counter goes back one step per iteration, whatever the saved form's update undoes.
      Expr.Var counter = recount.get().counter();
      backward.add(new Stmt.Assign(counter, recount.get().bound(), Source.NONE));
      again.add(new Stmt.Assign(counter, new Expr.Binary(BinaryOp.SUB, counter,
          new Expr.Literal(Type.INT, 1), Type.INT), Source.NONE));
    } else {
      Expr.Var count = storage.hoist(names.fresh("_n", Type.INT));
      times = count;
      counted.add(0, new Stmt.Assign(count, new Expr.Binary(BinaryOp.ADD, count,
          new Expr.Literal(Type.INT, 1), Type.INT), Source.NONE));
      forward.add(new Stmt.Assign(count, new Expr.Literal(Type.INT, 0), Source.NONE));
      if (where.stacked()) {
        backward.add(new Stmt.Assign(count, Stack.pop(storage.workspace(), Type.INT),
            Source.NONE));
      }
    }
    forward.add(new Stmt.Loop(loop.condition(), block(counted),
        block(plainUpdate.forward()),
        loop.testFirst(), loop.source()));
    if (recount.isEmpty() && where.stacked()) {
      forward.add(Stack.push(storage.workspace(), (Expr.Var) times));
    }
    for (int k = replay.snapshot().size() - 1; k >= 0; k--) {
      again.add(restore(replay.snapshot().get(k)));
    }
    again.add(block(body.forward()));
    again.add(block(body.backward()));
    backward.add(new Stmt.Repeat(names.fresh("_k", Type.INT), times, block(again)));
    for (int k = around.size() - 1; k >= 0; k--) {
      backward.add(restore(around.get(k)));
    }
    return Part.of(forward, backward);
  }

  /**
   * A loop the plan replays with its adjoint in forward order. The forward sweep keeps the state
   * the loop starts from once and runs it as plain code; the backward sweep puts that state
   * back and runs the iterations again from the first, each its forward part, which keeps what
   * it overwrites, then its backward part, which reads it back, then its update. The counter
   * ends at the start, as the backward sweep of a loop counted down leaves it.
   */
  Part forwardOrdered(Stmt.Loop loop, ReplayedLoop replay, CountedLoop recount,
      Where where) {
    Part body = sweeps.block(loop.body().statements(), where.inIterationRunAlone(loop));
    Part update = sweeps.block(loop.update().statements(), where.inIterationRunAlone(loop));
    Part iteration = plain.block(loop.body().statements(), where.inLoopBody(loop));
    Part plainUpdate = plain.block(loop.update().statements(), where.inLoopBody(loop));
    var forward = new ArrayList<Stmt>(sweeps.comment(loop.source()));
    replay.reason().forEach(line -> forward.add(new Stmt.Comment(line)));
    List<Expr.Var> around = plan.keptAround(loop);
    around.forEach(v -> forward.add(snapshot(v)));
    replay.snapshot().forEach(v -> forward.add(snapshot(v)));
    forward.add(new Stmt.Loop(loop.condition(), block(iteration.forward()),
        block(plainUpdate.forward()), loop.testFirst(), loop.source()));
    var backward = new ArrayList<Stmt>(sweeps.comment(loop.source()));
    for (int k = replay.snapshot().size() - 1; k >= 0; k--) {
      backward.add(restore(replay.snapshot().get(k)));
    }
    backward.add(new Stmt.Assign(recount.counter(), recount.start(), Source.NONE));
    var again = new ArrayList<>(sweeps.runAlone(loop, body));
    again.add(block(update.forward()));
    backward.add(new Stmt.Repeat(names.fresh("_k", Type.INT), recount.trips(), block(again)));
    backward.add(new Stmt.Assign(recount.counter(), recount.start(), Source.NONE));
    for (int k = around.size() - 1; k >= 0; k--) {
      backward.add(restore(around.get(k)));
    }
    return Part.of(forward, backward);
  }

  /** Keeps the values of {@code variables}, in order, on the workspace. */
  List<Stmt> keep(List<Expr.Var> variables) {
    return variables.stream().map(this::snapshot).toList();
  }

  /** Puts back what {@link #keep} kept, in reverse order. */
  List<Stmt> putBack(List<Expr.Var> variables) {
    var statements = new ArrayList<Stmt>();
    for (int k = variables.size() - 1; k >= 0; k--) {
      statements.add(restore(variables.get(k)));
    }
    return statements;
  }

  /** Keeps a variable's value, or an array's contents, on the workspace. */
  private Stmt snapshot(Expr.Var v) {
    return v.type().isArray()
        ? new Stmt.Evaluate(ArrayOp.SNAPSHOT.call(List.of(v, storage.workspace()), Type.VOID))
        : Stack.push(storage.workspace(), v);
  }

  /** Puts back what {@link #snapshot} kept. */
  private Stmt restore(Expr.Var v) {
    return v.type().isArray()
        ? new Stmt.Evaluate(ArrayOp.RESTORE_SNAPSHOT.call(List.of(v, storage.workspace()),
            Type.VOID))
        : new Stmt.Assign(v, Stack.pop(storage.workspace(), v.type()), Source.NONE);
  }

  private static Stmt.Block block(List<Stmt> statements) {
    return new Stmt.Block(statements);
  }
}
