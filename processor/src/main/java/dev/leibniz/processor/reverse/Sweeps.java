package dev.leibniz.processor.reverse;

import dev.leibniz.processor.analyse.CheckpointedLoop;
import dev.leibniz.processor.analyse.CountedLoop;
import dev.leibniz.processor.analyse.ReplayedLoop;
import dev.leibniz.processor.analyse.SavePlan;
import dev.leibniz.processor.analyse.TripCount;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stack;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Unexpected;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the two sweeps of blocks, branches and loops; assignments are left to
 * {@link AssignmentSweep}.
 *
 * <p>A branch records which way it went and the backward sweep goes back the same way. A loop
 * counts its iterations and the backward sweep runs the adjoint of its body as many times, with
 * the statements of each iteration in reverse. Outside loops the decision or count is a local;
 * inside loops it goes on the workspace's int stack; a loop the plan counts again
 * ({@link CountedLoop}) keeps no count. A branch or loop whose backward part is empty records
 * nothing. Values the plan recomputes rather than saves are computed again at the start of each
 * iteration's backward part. The plan's fused loop runs each iteration's backward part inside
 * the loop, right after its forward part, for the pullback's one-pass body.
 */
final class Sweeps {
  private final Names names;
  private final Storage storage;
  private final AssignmentSweep assignments;
  private final SavePlan plan;
  private final Sweeps plain;
  private final boolean checkpointing;
  private final ReplaySweep replays;

  /**
   * @param plain the sweeps of the method's plain code, which differentiate nothing and keep
   *     nothing: a replayed loop's forward sweep runs its iterations so; null for those sweeps
   * @param checkpointing whether the loops the plan can checkpoint are, for a workspace with a
   *     budget
   */
  Sweeps(Names names, Storage storage, AssignmentSweep assignments, SavePlan plan, Sweeps plain,
      boolean checkpointing) {
    this.names = names;
    this.storage = storage;
    this.assignments = assignments;
    this.plan = plan;
    this.plain = plain;
    this.checkpointing = checkpointing;
    this.replays = new ReplaySweep(this, names, storage, plan, plain);
  }

  Part block(List<Stmt> statements, Where where) {
    var parts = new ArrayList<Part>();
    statements.forEach(s -> parts.add(statement(s, where)));
    return Part.sequence(parts);
  }

  private Part statement(Stmt statement, Where where) {
    return statement.accept(new Stmt.SourceVisitor<>() {
      @Override
      public Part declare(Stmt.Declare s) {
        return assignments.declare(s, where);
      }

      @Override
      public Part assign(Stmt.Assign s) {
        return assignments.assign(s, where);
      }

      @Override
      public Part returns(Stmt.Return s) {
        return assignments.result(s);
      }

      @Override
      public Part block(Stmt.Block s) {
        return Sweeps.this.block(s.statements(), where);
      }

      @Override
      public Part branch(Stmt.If s) {
        return Sweeps.this.branch(s, where);
      }

      @Override
      public Part loop(Stmt.Loop s) {
        return Sweeps.this.loop(s, where);
      }

      @Override
      public Part write(Stmt.Write s) {
        return assignments.write(s, where);
      }

      @Override
      public Part breaks(Stmt.Break s) {
        throw Unexpected.lowered(s);
      }

      @Override
      public Part continues(Stmt.Continue s) {
        throw Unexpected.lowered(s);
      }

      @Override
      public Part generated(Stmt.Generated s) {
        throw Unexpected.generated(s);
      }
    });
  }

  private Part branch(Stmt.If branch, Where where) {
    Part then = block(branch.then().statements(), where.inBranch());
    Part otherwise = block(branch.otherwise().statements(), where.inBranch());
    var forward = new ArrayList<Stmt>(comment(branch.source()));
    if (then.backward().isEmpty() && otherwise.backward().isEmpty()) {
      forward.add(new Stmt.If(branch.condition(), block(then.forward()), block(otherwise.forward()),
          branch.source()));
      return Part.of(forward, List.of());
    }
    if (plan.recomputesDecision(branch)) {
      forward.add(new Stmt.If(branch.condition(), block(then.forward()),
          block(otherwise.forward()), branch.source()));
      var backward = new ArrayList<Stmt>(comment(branch.source()));
      backward.add(new Stmt.If(branch.condition(), block(then.backward()),
          block(otherwise.backward()), branch.source()));
      return Part.of(forward, backward);
    }
    Storage.Kept decision = storage.keep(branch.condition(), Type.BOOLEAN, where, "_branch");
    forward.addAll(decision.capture());
    forward.add(new Stmt.If(decision.local(), block(then.forward()), block(otherwise.forward()),
        branch.source()));
    forward.addAll(decision.push());
    var backward = new ArrayList<Stmt>(comment(branch.source()));
    backward.addAll(decision.pop());
    backward.add(new Stmt.If(decision.local(), block(then.backward()),
        block(otherwise.backward()), branch.source()));
    return Part.of(forward, backward);
  }

  private Part loop(Stmt.Loop loop, Where where) {
    Part body = block(loop.body().statements(), where.inLoopBody(loop));
    Part update = block(loop.update().statements(), where.inLoopBody(loop));
    var forward = new ArrayList<Stmt>(comment(loop.source()));
    if (body.backward().isEmpty() && update.backward().isEmpty()) {
      // No adjoint of its own, but what it overwrites that statements before it read in the
      // backward sweep is kept around it.
      List<Expr.Var> around = plan.keptAround(loop);
      forward.addAll(replays.keep(around));
      forward.add(new Stmt.Loop(loop.condition(), block(body.forward()), block(update.forward()),
          loop.testFirst(), loop.source()));
      return Part.of(forward, replays.putBack(around));
    }
    var recount = plan.counted(loop);
    var replay = plain == null ? Optional.<ReplayedLoop>empty() : plan.replayed(loop);
    var checkpoint = checkpointing ? plan.checkpointed(loop) : Optional.<CheckpointedLoop>empty();
    if (checkpoint.isPresent() && replay.filter(ReplayedLoop::forwardOrder).isEmpty()
        && (replay.isPresent() || CheckpointSweep.keeps(body, update, storage.workspace()))) {
      return checkpointed(loop, checkpoint.get(), body, update, replay.isPresent(), where);
    }
    if (replay.isPresent() && replay.get().forwardOrder()) {
      return replays.forwardOrdered(loop, replay.get(), recount.orElseThrow(), where);
    } else if (replay.isPresent()) {
      return replays.replayed(loop, replay.get(), body, where);
    }
    if (recount.isPresent()) {
      return recounted(loop, recount.get(), body, update, forward, where);
    }
    Expr.Var count = storage.hoist(names.fresh("_n", Type.INT));
    Expr.Literal zero = new Expr.Literal(Type.INT, 0);
    var counted = new ArrayList<Stmt>();
    counted.add(new Stmt.Assign(count,
        new Expr.Binary(BinaryOp.ADD, count, new Expr.Literal(Type.INT, 1), Type.INT), Source.NONE));
    counted.addAll(body.forward());
    if (where.inLoop()) {
      forward.add(new Stmt.Assign(count, zero, Source.NONE));
    }
    TripCount.of(loop).ifPresent(trips -> forward.addAll(reservations(counted, trips)));
    forward.add(new Stmt.Loop(loop.condition(), block(counted), block(update.forward()),
        loop.testFirst(), loop.source()));
    var backward = new ArrayList<Stmt>(comment(loop.source()));
    if (where.stacked()) {
      forward.add(Stack.push(storage.workspace(), count));
      backward.add(new Stmt.Assign(count, Stack.pop(storage.workspace(), Type.INT), Source.NONE));
    }
    backward.add(new Stmt.Repeat(names.fresh("_k", Type.INT), count,
        block(reversedIteration(loop, body, update))));
    return Part.of(forward, backward);
  }

  /**
   * A loop checkpointed under a budget ({@link CheckpointSweep}): its iterations as plain code
   * and as recorded, with their backward parts.
   */
  private Part checkpointed(Stmt.Loop loop, CheckpointedLoop state, Part body, Part update,
      boolean replayed, Where where) {
    var plainIteration = new ArrayList<>(plain.block(loop.body().statements(),
        where.inLoopBody(loop)).forward());
    plainIteration.addAll(plain.block(loop.update().statements(), where.inLoopBody(loop)).forward());
    // A turn's parts are those the loop's backward iterations run without a budget, so that
    // they are tidied alike: a replayed iteration's own, or the update's and the body's.
    var recorded = new ArrayList<>(body.forward());
    recorded.addAll(update.forward());
    var iteration = replayed
        ? new CheckpointSweep.Iteration(body.forward(), body.backward(), update.forward())
        : new CheckpointSweep.Iteration(recorded, reversedIteration(loop, body, update),
            List.of());
    return new CheckpointSweep(names, storage.workspace())
        .of(state, loop, iteration, plainIteration, !replayed, comment(loop.source()));
  }

  /**
   * A loop whose adjoint runs inside it (the plan's fused loop): each iteration runs its
   * forward part, then its backward part, which pops what the forward part pushed and puts
   * back the values it overwrote; the values the iteration ended with are kept across the
   * backward part and set again before the update. Each part is a block of its own, so that
   * the backward part's locals may have the names the forward part's have.
   */
  Stmt.Loop fused(Stmt.Loop loop, Where where) {
    Part body = block(loop.body().statements(), where.inLoopBody(loop));
    Part update = block(loop.update().statements(), where.inLoopBody(loop));
    return new Stmt.Loop(loop.condition(), block(runAlone(loop, body)), block(update.forward()),
        loop.testFirst(), loop.source());
  }

  /**
   * One iteration's forward part, then its backward part, with the values of the loop's
   * variables the backward part puts back kept across it and set again after it: the next
   * iteration starts where this one's forward part ended.
   */
  List<Stmt> runAlone(Stmt.Loop loop, Part body) {
    Set<Expr.Var> loopWrites = new LinkedHashSet<>();
    Stmts.all(loop)
        .forEach(s -> loopWrites.addAll(Stmts.writes(s)));
    Set<Expr.Var> putBack = new LinkedHashSet<>();
    body.backward().stream().flatMap(Stmts::all)
        .filter(s -> !(s instanceof Stmt.Declare))
        .forEach(s -> Stmts.writes(s).stream()
            .filter(loopWrites::contains).forEach(putBack::add));
    var iteration = new ArrayList<Stmt>();
    iteration.add(block(body.forward()));
    var kept = new ArrayList<Expr.Var>();
    for (Expr.Var v : putBack) {
      Expr.Var end = names.fresh("_" + v.name() + "End", v.type());
      kept.add(end);
      iteration.add(new Stmt.Declare(end, v, Source.NONE));
    }
    iteration.add(block(body.backward()));
    int k = 0;
    for (Expr.Var v : putBack) {
      iteration.add(new Stmt.Assign(v, kept.get(k++), Source.NONE));
    }
    return iteration;
  }

  /**
   * A loop whose backward sweep counts its iterations again: it runs {@code bound - start}
   * times from the counter at the bound, where the forward sweep left it.
   */
  private Part recounted(Stmt.Loop loop, CountedLoop counted,
      Part body, Part update, List<Stmt> forward, Where where) {
    TripCount.of(loop).ifPresent(trips -> forward.addAll(reservations(body.forward(), trips)));
    forward.add(new Stmt.Loop(loop.condition(), block(body.forward()), block(update.forward()),
        loop.testFirst(), loop.source()));
    var backward = new ArrayList<Stmt>(comment(loop.source()));
    backward.add(new Stmt.Assign(counted.counter(), counted.bound(), Source.NONE));
    var repeat = new Stmt.Repeat(names.fresh("_k", Type.INT), counted.trips(),
        block(reversedIteration(loop, body, update)));
    // Skipping pays where it may happen many times: in a loop.
    backward.addAll(where.inLoop()
        ? ZeroAdjoints.guarded(repeat, counted.counter(), names::isAdjoint) : List.of(repeat));
    return Part.of(forward, backward);
  }

  /** One iteration's backward part: the update's, the values recomputed, then the body's. */
  private List<Stmt> reversedIteration(Stmt.Loop loop, Part body, Part update) {
    var reversed = new ArrayList<Stmt>(update.backward());
    for (Stmt.Declare d : plan.recomputed(loop)) {
      reversed.add(new Stmt.Assign(d.var(), d.init(), Source.NONE));
    }
    reversed.addAll(body.backward());
    return reversed;
  }

  /**
   * Room on the stacks for what every iteration pushes (the pushes in branches are left to
   * grow the stacks if they must), made once before a loop whose trip count is known.
   */
  private List<Stmt> reservations(List<Stmt> body, Expr trips) {
    Map<Stack, Integer> perIteration = new EnumMap<>(Stack.class);
    body.stream().filter(s -> s instanceof Stmt.Push)
        .forEach(s -> perIteration.merge(((Stmt.Push) s).stack(), 1, Integer::sum));
    var reservations = new ArrayList<Stmt>();
    perIteration.forEach((stack, pushes) -> stack.reserve().ifPresent(method -> {
      Expr count = pushes == 1 ? trips
          : new Expr.Binary(BinaryOp.MUL, new Expr.Literal(Type.INT, pushes), trips, Type.INT);
      reservations.add(new Stmt.Reserve(storage.workspace(), stack, count));
    }));
    return reservations;
  }

  private static Stmt.Block block(List<Stmt> statements) {
    return new Stmt.Block(statements);
  }

  List<Stmt> comment(Source source) {
    return assignments.comment(source);
  }
}
