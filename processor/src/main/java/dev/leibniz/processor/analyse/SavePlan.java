package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, per assignment, whether the forward sweep keeps the value it destroys: the
 * to-be-recorded analysis of Hascoët, Naumann and Pascual (2005). A forward dataflow carries the
 * set of variables whose current values some backward statement still to come will read; an
 * assignment that overwrites one of them keeps the old value, and one that overwrites anything
 * else keeps nothing. Integer steps {@code i = i ± c} are undone by arithmetic instead.
 *
 * <p>It also picks what to recompute rather than keep: branch conditions over values that never
 * change, and loop-local values: a {@code double} declared at
 * the top level of a loop body from cheap arithmetic over values that stay intact to the end of
 * the iteration is computed again at the start of the iteration's backward sweep, which costs a
 * few flops instead of a push and a pop.
 *
 * <p>Per loop it decides too whether the backward sweep counts the loop's iterations again
 * ({@link CountedLoop}: no trip count and no old counter kept) and which loop, if any, the
 * pullback runs in one pass ({@link FusedLoop}).
 */
public final class SavePlan {
  private final Activity activity;
  private final Liveness liveness;
  private final Set<Stmt> saved = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Stmt.Loop, List<Stmt.Declare>> recomputed = new IdentityHashMap<>();
  private final Set<Stmt> recomputedDeclarations =
      Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Stmt.If> recomputedDecisions =
      Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Stmt> distinctPerIteration =
      Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Stmt, Stmt.Loop> innermost = new IdentityHashMap<>();
  private final Map<Stmt.Loop, CountedLoop> counted;
  private final Optional<FusedLoop> fused;
  private final Map<Stmt.Loop, ReplayedLoop> replayed = new IdentityHashMap<>();
  private final Map<Stmt.Loop, Set<Expr.Var>> keptAround = new IdentityHashMap<>();
  private final Map<Stmt.Loop, CheckpointedLoop> checkpointed;

  private SavePlan(MethodIR method, Activity activity, Liveness liveness) {
    this.activity = activity;
    this.liveness = liveness;
    this.counted = CountedLoop.of(method);
    this.fused = FusedLoop.of(method, activity);
    this.checkpointed = CheckpointedLoop.of(method);
  }

  /**
   * The loop whose adjoint the pullback runs inside the loop, if there is one; its halves run
   * it in two passes as every other loop.
   */
  public Optional<FusedLoop> fused() {
    return fused;
  }

  /**
   * The plan for {@code method}, whose callees overwrite what {@code callees} says, as the
   * processor's {@code options} ask.
   */
  public static SavePlan of(MethodIR method, Activity activity, Liveness liveness,
      Overwrites callees, PlanOptions options) {
    var plan = new SavePlan(method, activity, liveness);
    Stmts.all(method.body()).forEach(s -> {
      if (s instanceof Stmt.Loop loop) {
        List<Stmt.Declare> chosen = IterationLocals.recomputable(loop);
        if (!chosen.isEmpty()) {
          plan.recomputed.put(loop, chosen);
          plan.recomputedDeclarations.addAll(chosen);
        }
        LoopWrites.directly(loop).forEach(st -> plan.innermost.put(st, loop));
        plan.distinctPerIteration.addAll(LoopWrites.distinctPerIteration(loop));
      }
    });
    plan.chooseRecomputedDecisions(method);
    plan.block(method.body().statements(), new HashSet<>(), false);
    plan.chooseReplayed(method, callees, options);
    if (!plan.replayed.isEmpty()) {
      // Again with the replayed loops, whose iterations keep only what they need themselves.
      plan.saved.clear();
      plan.block(method.body().statements(), new HashSet<>(), false);
    }
    return plan;
  }

  /**
   * The plan of the method's plain code, which keeps nothing: what a replayed loop's forward
   * sweep runs.
   */
  public static SavePlan nothingKept(MethodIR method, Activity activity, Liveness liveness) {
    return new SavePlan(method, activity, liveness);
  }

  /** The loops computed again from snapshots, outermost first, none inside another. */
  private void chooseReplayed(MethodIR method, Overwrites callees, PlanOptions options) {
    var firstWrites = new FirstWrites(counted, ArrayLengths.of(method), callees);
    Set<Stmt> inside = Collections.newSetFromMap(new IdentityHashMap<>());
    Stmts.all(method.body()).forEach(s -> {
      if (s instanceof Stmt.Loop loop && !inside.contains(loop)) {
        ReplayedLoop.of(loop, activity, saved::contains, firstWrites, counted,
            options.replayWherePossible())
            .or(() -> isFused(loop) ? Optional.empty()
                : ReplayedLoop.inForwardOrder(loop, activity, saved::contains, counted,
                    options.replayWherePossible()))
            .ifPresent(r -> {
          replayed.put(loop, r);
          Stmts.all(loop).forEach(inside::add);
        });
      }
    });
  }

  /** Whether the pullback runs this loop's adjoint inside it already, in one pass. */
  private boolean isFused(Stmt.Loop loop) {
    return fused.filter(f -> f.loop() == loop).isPresent();
  }

  /**
   * How the loop keeps snapshots of its state under a workspace's budget, if it can: loops
   * inside no other loop.
   */
  public Optional<CheckpointedLoop> checkpointed(Stmt.Loop loop) {
    return Optional.ofNullable(checkpointed.get(loop));
  }

  /** How the backward sweep computes this loop's iterations again, if it does. */
  public Optional<ReplayedLoop> replayed(Stmt.Loop loop) {
    return Optional.ofNullable(replayed.get(loop));
  }

  /**
   * What a backward statement before a replayed loop reads of the state the loop changes (the
   * variables of its snapshot, the arrays it rebuilds): kept once, before the loop, and put
   * back after its backward iterations.
   */
  public List<Expr.Var> keptAround(Stmt.Loop loop) {
    return List.copyOf(keptAround.getOrDefault(loop, Set.of()));
  }

  /**
   * Whether the backward sweep evaluates this branch's condition again instead of reading a
   * saved decision: a cheap condition over variables that never change once set (parameters
   * the method never assigns, locals of the outermost block assigned only where declared).
   */
  public boolean recomputesDecision(Stmt.If branch) {
    return recomputedDecisions.contains(branch);
  }

  private void chooseRecomputedDecisions(MethodIR method) {
    Set<Expr.Var> assigned = new HashSet<>();
    Stmts.all(method.body()).forEach(s -> {
      if (!(s instanceof Stmt.Declare)) {
        assigned.addAll(Stmts.writes(s));
      }
    });
    Set<Expr.Var> constant = new HashSet<>();
    method.allParams().forEach(p -> constant.add(p.var()));
    method.body().statements().stream()
        .filter(s -> s instanceof Stmt.Declare)
        .forEach(s -> constant.add(((Stmt.Declare) s).var()));
    constant.removeAll(assigned);
    Stmts.all(method.body()).forEach(s -> {
      if (s instanceof Stmt.If branch && Recompute.isCheap(branch.condition())
          && constant.containsAll(Exprs.variables(branch.condition()))) {
        recomputedDecisions.add(branch);
      }
    });
  }

  /**
   * How the backward sweep counts this loop's iterations again, if it does; else it reads the
   * count the forward sweep kept.
   */
  public Optional<CountedLoop> counted(Stmt.Loop loop) {
    return Optional.ofNullable(counted.get(loop));
  }

  /** Whether the backward sweep reads the value this assignment overwrites. */
  public boolean saves(Stmt assignment) {
    return saved.contains(assignment);
  }

  /** The declarations of a loop body that the backward sweep computes again per iteration. */
  public List<Stmt.Declare> recomputed(Stmt.Loop loop) {
    return recomputed.getOrDefault(loop, List.of());
  }

  /**
   * For {@code i = i + c} or {@code i = i - c} on an int or long with a literal {@code c}, the
   * old value of {@code i} computed from the new one: integer addition is exactly invertible,
   * even on overflow. Null for any other assignment.
   */
  public static Expr inverse(Expr.Var v, Expr e) {
    if ((v.type() == Type.INT || v.type() == Type.LONG) && e instanceof Expr.Binary b
        && b.left().equals(v) && b.right() instanceof Expr.Literal
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
      BinaryOp undo = b.op() == BinaryOp.ADD ? BinaryOp.SUB : BinaryOp.ADD;
      return new Expr.Binary(undo, v, b.right(), v.type());
    }
    return null;
  }

  /** @param nested whether the statements are inside a branch or a loop */
  private Set<Need> block(List<Stmt> statements, Set<Need> in, boolean nested) {
    Set<Need> state = in;
    for (Stmt s : statements) {
      state = statement(s, state, nested);
    }
    return state;
  }

  private Set<Need> statement(Stmt s, Set<Need> in, boolean nested) {
    if (s instanceof Stmt.Declare d) {
      return d.init() == null ? in : assignment(s, d.var(), d.init(), in, nested);
    } else if (s instanceof Stmt.Assign a) {
      return assignment(s, a.target(), a.value(), in, nested);
    } else if (s instanceof Stmt.Return r) {
      var out = new HashSet<>(in);
      AdjointReads.ofResult(r.value(), activity).forEach(v -> out.add(Need.value(v)));
      return out;
    } else if (s instanceof Stmt.Block b) {
      return block(b.statements(), in, nested);
    } else if (s instanceof Stmt.If i) {
      var out = new HashSet<>(block(i.then().statements(), in, true));
      out.addAll(block(i.otherwise().statements(), in, true));
      if (recomputesDecision(i)) {
        Exprs.variables(i.condition()).forEach(v -> out.add(Need.value(v)));
      }
      return out;
    } else if (s instanceof Stmt.Loop l) {
      return loop(l, in);
    } else if (s instanceof Stmt.Write w) {
      return write(w, in);
    }
    return in;
  }

  /**
   * A call writing into arrays: it destroys their contents, which it keeps (a copy of each)
   * where a backward statement still to come reads them. Its backward part runs the callee's
   * backward half, which reads every other argument as the call left it, and of the arrays it
   * wrote only which they are: what it needs of their contents it keeps itself, since its
   * caller may change them afterwards. Where the written arrays are a guess (a jar's callee),
   * any of them may be one it only reads: their contents are kept as the call left them.
   */
  private Set<Need> write(Stmt.Write w, Set<Need> in) {
    var out = new HashSet<>(in);
    boolean differentiated = liveness.isNeeded(w) && activity.isActive(w.call());
    // The call's own backward part reads its other arguments as they were before the call,
    // and needs the old contents of an array it writes that they read.
    boolean needed = differentiated && argumentsReadWritten(w)
        || w.writtenVariables().stream().anyMatch(v -> out.stream()
            .anyMatch(n -> n.variable().equals(v) && n.kind() != Need.Kind.SHAPE));
    if (needed) {
      saved.add(w);
      out.removeIf(n -> w.writtenVariables().contains(n.variable())
          && n.kind() != Need.Kind.SHAPE);
    }
    if (differentiated) {
      List<Expr> written = w.writtenArguments();
      for (Expr arg : w.call().args()) {
        if (!written.contains(arg) || w.guessed()) {
          Exprs.variables(arg).forEach(v -> out.add(Need.value(v)));
        } else if (arg instanceof Expr.Index row) {
          out.add(Need.shape(row.root()));
          var indices = new HashSet<Expr.Var>();
          AdjointReads.indices(row, indices);
          indices.forEach(v -> out.add(Need.value(v)));
        } else {
          out.add(Need.shape((Expr.Var) arg));
        }
      }
    } else if (needed) {
      // Putting the contents back reads which arrays they were.
      w.writtenArguments().forEach(a -> Exprs.variables(a).forEach(v -> out.add(Need.value(v))));
    }
    return out;
  }

  /** The state at the loop's exit, which is the state at its head: a fixed point. */
  private Set<Need> loop(Stmt.Loop loop, Set<Need> in) {
    ReplayedLoop replay = replayed.get(loop);
    if (replay == null) {
      return savedLoop(loop, in);
    }
    // Each backward iteration starts from the state its snapshot puts back and runs its own
    // forward part right before its backward part: it needs only what it keeps itself, and
    // leaves the state as the iteration left it. What the statements before the loop read of
    // that state is kept once, around the loop.
    var state = new ArrayList<>(replay.snapshot());
    state.addAll(replay.rebuilt());
    // What the loop overwrites beyond the state it replays from (a variable only its own dead
    // statements write) is read before it too, and kept around it alike.
    Set<Expr.Var> declaredInside = new HashSet<>();
    Stmts.all(loop).filter(st -> st instanceof Stmt.Declare)
        .forEach(st -> declaredInside.add(((Stmt.Declare) st).var()));
    Stmts.all(loop).filter(st -> !(st instanceof Stmt.Declare)).flatMap(st -> Stmts.writes(st)
        .stream()).filter(v -> !declaredInside.contains(v) && !state.contains(v)).distinct()
        .forEach(state::add);
    for (Expr.Var v : state) {
      if (in.stream().anyMatch(n -> n.variable().equals(v) && n.kind() != Need.Kind.SHAPE)) {
        keptAround.computeIfAbsent(loop, l -> new java.util.LinkedHashSet<>()).add(v);
      }
    }
    block(loop.body().statements(), new HashSet<>(), true);
    // What the statements before needed the loop gives back; it reads what its iterations
    // read, but for the state its snapshots put back and a counter it sets itself.
    var after = new HashSet<>(in);
    Set<Expr.Var> ownState = new HashSet<>(replay.snapshot());
    Stmts.all(loop).filter(s -> s instanceof Stmt.Declare)
        .forEach(s -> ownState.add(((Stmt.Declare) s).var()));
    CountedLoop recount = counted.get(loop);
    if (recount != null) {
      ownState.add(recount.counter());
      after.addAll(recount.boundNeeds());
    }
    Stmts.all(loop).flatMap(Stmts::expressions).flatMap(e -> Exprs.variables(e).stream())
        .filter(v -> !ownState.contains(v)).forEach(v -> after.add(Need.value(v)));
    return after;
  }

  private Set<Need> savedLoop(Stmt.Loop loop, Set<Need> in) {
    Set<Need> head = new HashSet<>(in);
    while (true) {
      var bodyEnd = new HashSet<>(block(loop.body().statements(), head, true));
      // The backward sweep computes these again where the body ends, reading their operands.
      recomputed(loop).forEach(d -> Exprs.variables(d.init()).forEach(v -> bodyEnd.add(Need.value(v))));
      Set<Need> end = block(loop.update().statements(), bodyEnd, true);
      var next = new HashSet<>(head);
      end.forEach(n -> next.add(n.acrossIteration(loop)));
      if (next.equals(head)) {
        var after = new HashSet<Need>();
        head.forEach(n -> after.add(n.afterLoop(loop)));
        CountedLoop recount = counted.get(loop);
        if (recount != null) {
          // The backward sweep sets the counter to the bound itself, from what the bound reads.
          after.remove(Need.value(recount.counter()));
          after.addAll(recount.boundNeeds());
        }
        return after;
      }
      head = next;
    }
  }

  private Set<Need> assignment(Stmt s, Expr target, Expr value, Set<Need> in, boolean nested) {
    boolean element = target instanceof Expr.Index;
    Expr.Var variable = element ? ((Expr.Index) target).root() : (Expr.Var) target;
    AdjointReads reads =
        AdjointReads.of(target, value, activity, differentiated(s, variable, value), nested);
    var out = new HashSet<>(in);
    reads.before().forEach(v -> out.add(Need.value(v)));
    Stmt.Loop loop = innermost.get(s);
    reads.elements().forEach(e -> out.add(LoopWrites.elementNeed(e.array(), e.index(), loop)));
    boolean fresh = distinctPerIteration.contains(s);
    boolean needed = out.stream().anyMatch(n -> n.destroyedBy(target, loop, fresh));
    if (needed && !recomputedDeclarations.contains(s)) {
      saved.add(s);
    }
    if (!element) {
      out.removeIf(n -> n.variable().equals(variable));
    }
    reads.after().forEach(v -> out.add(element && v.equals(variable)
        ? LoopWrites.elementNeed(v, ((Expr.Index) target).index(), loop) : Need.value(v)));
    if (saved.contains(s) && inverse(variable, value) != null) {
      // Undoing i++ reads the new i.
      out.add(Need.value(variable));
    }
    if (variable.type().isArray() && !element) {
      // Resetting the array's adjoint reads the new array's shape, which writing its elements
      // leaves alone.
      out.add(Need.shape(variable));
    }
    return out;
  }

  /**
   * Whether a call's arguments other than the arrays it writes read one of those arrays
   * ({@code f(x * c[1], c)}): the adjoints of those arguments read its contents from before the
   * call.
   */
  public static boolean argumentsReadWritten(Stmt.Write w) {
    return w.call().args().stream().filter(arg -> !w.writtenArguments().contains(arg))
        .anyMatch(arg -> Exprs.variables(arg).stream().anyMatch(w.writtenVariables()::contains));
  }

  /** As the reverse phase decides it: a needed assignment of an active value to an active target. */
  private boolean differentiated(Stmt s, Expr.Var variable, Expr value) {
    return liveness.isNeeded(s) && activity.isActive(variable) && activity.isActive(value);
  }

}
