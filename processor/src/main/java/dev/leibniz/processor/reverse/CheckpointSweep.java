package dev.leibniz.processor.reverse;

import dev.leibniz.processor.analyse.CheckpointedLoop;
import dev.leibniz.processor.analyse.TripCount;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sweeps of a loop under a workspace's budget (binomial checkpointing). The forward sweep
 * keeps a snapshot of the loop's state at its entry, then records its iterations as without a
 * budget while the budget holds them, and runs the rest as plain code once the next would pass
 * it. The backward sweep undoes a loop it recorded whole as without a budget; otherwise it
 * follows the schedule {@code dev.leibniz.Checkpoints} gives: run iterations as plain code from a
 * snapshot, keep a snapshot, put one back, or turn, which runs one iteration recording what it
 * overwrites and then that iteration's backward part. Every turn starts from exactly the state
 * its iteration started from, so the gradient is bit for bit the one without a budget; the
 * schedule ends by putting back the loop's entry, which the backward sweep before the loop
 * reads.
 */
final class CheckpointSweep {
  private static final TypeRef CHECKPOINTS = new TypeRef("dev.leibniz", List.of("Checkpoints"));
  private static final Map<Type, String> GETTERS = Map.of(Type.DOUBLE, "doubleAt",
      Type.FLOAT, "floatAt", Type.INT, "intAt", Type.LONG, "longAt", Type.BOOLEAN, "booleanAt",
      Type.CHAR, "charAt");

  private final Names names;
  private final Expr.Var workspace;

  CheckpointSweep(Names names, Expr.Var workspace) {
    this.names = names;
    this.workspace = workspace;
  }

  /**
   * The loop's two sweeps.
   *
   * @param recorded one iteration as the sweeps without a budget record and reverse it
   * @param plain the iteration and update as plain code, which keeps nothing
   * @param records whether the forward sweep may record iterations: not where the plan replays
   *     the loop, whose iterations keep only what their own backward part reads (its first is
   *     recorded and forgotten, to learn what a turn keeps)
   */
  Part of(CheckpointedLoop state, Stmt.Loop loop, Iteration recorded, List<Stmt> plain,
      boolean records, List<Stmt> comment) {
    Expr.Var snapshots = names.fresh("_snapshots", Type.INFERRED);
    var forward = new ArrayList<>(comment);
    forward.add(0, new Stmt.Comment("under a budget: snapshots of the loop's state"));
    forward.add(new Stmt.Declare(snapshots, new Expr.Runtime(workspace, "beginCheckpoints",
        List.of(literal(state.scalars().size() + state.inputScalars().size()),
            literal(state.arrays().size() + state.inputArrays().size())), Type.INFERRED),
        Source.NONE));
    forward.addAll(saves(snapshots, state));
    forward.addAll(inputs(snapshots, state, true));
    // A trip count known at the entry lets the forward sweep see at once whether a record of
    // every iteration would fit.
    forward.add(records ? call(snapshots, "startLoop", TripCount.of(loop)
        .orElse(literal(-1))) : call(snapshots, "startLoopMeasured"));
    Stmt.Block body = block(List.of(new Stmt.If(
        new Expr.Runtime(snapshots, "recording", List.of(), Type.BOOLEAN),
        block(recorded.withUpdate()), block(plain), Source.NONE)));
    forward.add(new Stmt.Loop(loop.condition(), body, block(List.of(call(snapshots, "step"))),
        loop.testFirst(), loop.source()));
    forward.add(call(snapshots, "park"));
    var backward = new ArrayList<Stmt>();
    backward.add(new Stmt.Declare(snapshots, new Expr.Runtime(workspace, "resumeCheckpoints",
        List.of(), Type.INFERRED), Source.NONE));
    Stmt scheduled = scheduled(snapshots, state, recorded, plain);
    backward.add(records ? new Stmt.If(
        new Expr.Runtime(snapshots, "recorded", List.of(), Type.BOOLEAN),
        block(List.of(new Stmt.Repeat(names.fresh("_k", Type.INT),
            new Expr.Runtime(snapshots, "steps", List.of(), Type.INT),
            block(recorded.backward())))),
        block(List.of(scheduled)), Source.NONE) : scheduled);
    backward.add(call(snapshots, "end"));
    // Blocks of their own: the snapshots' local never crosses into a part of a long method.
    var backwardWithComment = new ArrayList<>(comment);
    backwardWithComment.add(block(backward));
    return Part.of(List.of(block(forward)), backwardWithComment);
  }

  /**
   * Whether an iteration's forward part keeps anything on the workspace (a value, or what a
   * call's forward half keeps): a loop that keeps nothing needs no snapshots.
   */
  static boolean keeps(Part body, Part update, Expr.Var workspace) {
    var forward = new ArrayList<>(body.forward());
    forward.addAll(update.forward());
    return Exprs.mentioned(forward).contains(workspace)
        || forward.stream().flatMap(Stmts::all).anyMatch(s -> s instanceof Stmt.Push);
  }

  /**
   * One iteration as a turn runs it: its forward part, and its backward part; and the update's
   * forward part, which the forward sweep runs after it.
   */
  record Iteration(List<Stmt> forward, List<Stmt> backward, List<Stmt> update) {
    List<Stmt> withUpdate() {
      var all = new ArrayList<>(forward);
      all.addAll(update);
      return all;
    }
  }

  /** The backward sweep following the schedule, action by action. */
  private Stmt scheduled(Expr.Var snapshots, CheckpointedLoop state, Iteration recorded,
      List<Stmt> plain) {
    Expr.Var action = names.fresh("_action", Type.INT);
    Expr next = new Expr.Runtime(snapshots, "next", List.of(), Type.INT);
    var turn = new ArrayList<Stmt>();
    turn.add(block(recorded.forward()));
    turn.add(call(snapshots, "turned"));
    turn.add(block(recorded.backward()));
    Stmt chosen = new Stmt.If(is(action, "RESTORE"), block(restores(snapshots, state)),
        block(turn), Source.NONE);
    chosen = new Stmt.If(is(action, "SAVE"), block(saves(snapshots, state)),
        block(List.of(chosen)), Source.NONE);
    chosen = new Stmt.If(is(action, "ADVANCE"), block(List.of(new Stmt.Repeat(
        names.fresh("_a", Type.INT), new Expr.Runtime(snapshots, "advance", List.of(), Type.INT),
        block(plain)))), block(List.of(chosen)), Source.NONE);
    var statements = new ArrayList<Stmt>();
    if (!state.inputScalars().isEmpty() || !state.inputArrays().isEmpty()) {
      // What the loop reads and a later statement changed, as it was at the loop's entry.
      statements.add(call(snapshots, "atEntry"));
      statements.addAll(inputs(snapshots, state, false));
    }
    statements.add(new Stmt.Declare(action, next, Source.NONE));
    statements.add(new Stmt.Loop(new Expr.Binary(BinaryOp.NE, action, constant("DONE"),
        Type.BOOLEAN), block(List.of(chosen)),
        block(List.of(new Stmt.Assign(action, next, Source.NONE))), true, Source.NONE));
    return block(statements);
  }

  private List<Stmt> saves(Expr.Var snapshots, CheckpointedLoop state) {
    var saves = new ArrayList<Stmt>();
    for (int k = 0; k < state.scalars().size(); k++) {
      saves.add(call(snapshots, "save", literal(k), state.scalars().get(k)));
    }
    for (int k = 0; k < state.arrays().size(); k++) {
      saves.add(call(snapshots, "save", literal(k), state.arrays().get(k)));
    }
    return saves;
  }

  /**
   * The saves of the loop's inputs into the entry's snapshot, after its state, or their
   * restores.
   */
  private List<Stmt> inputs(Expr.Var snapshots, CheckpointedLoop state, boolean save) {
    var statements = new ArrayList<Stmt>();
    int scalars = state.scalars().size();
    for (int k = 0; k < state.inputScalars().size(); k++) {
      Expr.Var v = state.inputScalars().get(k);
      statements.add(save ? call(snapshots, "save", literal(scalars + k), v)
          : new Stmt.Assign(v, new Expr.Runtime(snapshots, GETTERS.get(v.type()),
              List.of(literal(scalars + k)), v.type()), Source.NONE));
    }
    int arrays = state.arrays().size();
    for (int k = 0; k < state.inputArrays().size(); k++) {
      statements.add(call(snapshots, save ? "save" : "restore", literal(arrays + k),
          state.inputArrays().get(k)));
    }
    return statements;
  }

  private List<Stmt> restores(Expr.Var snapshots, CheckpointedLoop state) {
    var restores = new ArrayList<Stmt>();
    for (int k = 0; k < state.scalars().size(); k++) {
      Expr.Var v = state.scalars().get(k);
      restores.add(new Stmt.Assign(v, new Expr.Runtime(snapshots, GETTERS.get(v.type()),
          List.of(literal(k)), v.type()), Source.NONE));
    }
    for (int k = 0; k < state.arrays().size(); k++) {
      restores.add(call(snapshots, "restore", literal(k), state.arrays().get(k)));
    }
    return restores;
  }

  private static Expr is(Expr.Var action, String constant) {
    return new Expr.Binary(BinaryOp.EQ, action, constant(constant), Type.BOOLEAN);
  }

  private static Expr constant(String name) {
    return new Expr.StaticField(CHECKPOINTS, name, Type.INT);
  }

  private static Stmt call(Expr.Var target, String method, Expr... args) {
    return new Stmt.Evaluate(Expr.Runtime.of(target, method, args));
  }

  private static Expr.Literal literal(int value) {
    return new Expr.Literal(Type.INT, value);
  }

  private static Stmt.Block block(List<Stmt> statements) {
    return new Stmt.Block(statements);
  }
}
