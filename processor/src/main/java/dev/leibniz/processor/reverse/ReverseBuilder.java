package dev.leibniz.processor.reverse;

import dev.leibniz.processor.analyse.Activity;
import dev.leibniz.processor.analyse.FusedLoop;
import dev.leibniz.processor.analyse.Liveness;
import dev.leibniz.processor.analyse.Overwrites;
import dev.leibniz.processor.analyse.PlanOptions;
import dev.leibniz.processor.analyse.SavePlan;
import dev.leibniz.processor.diag.FiniteChecks;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.ArrayOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.SourceText;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reverse phase: builds the forward and backward sweeps of a method (see
 * {@link AssignmentSweep} and {@link Sweeps} for how each statement is handled), following the
 * analysis's {@link SavePlan} for what to keep, and the values that cross from its forward half
 * to its backward half when the two run as separate methods.
 */
public final class ReverseBuilder {
  private final MethodIR method;
  private final Activity activity;
  private final Liveness liveness;
  private final SavePlan plan;
  private final boolean checkpoints;
  private final boolean checkFinite;

  private ReverseBuilder(MethodIR method, Activity activity, Overwrites callees,
      PlanOptions options) {
    this.method = method;
    this.activity = activity;
    this.liveness = Liveness.of(method);
    this.plan = SavePlan.of(method, activity, liveness, callees, options);
    this.checkpoints = options.checkpoints();
    this.checkFinite = options.checkFinite();
  }

  /**
   * The forward and backward sweeps of {@code method}, whose callees overwrite what
   * {@code callees} says, planned as the processor's {@code options} ask.
   */
  public static AdjointMethod build(MethodIR method, Activity activity, Overwrites callees,
      PlanOptions options) {
    return new ReverseBuilder(method, activity, callees, options).build();
  }

  /** What both ways of building the sweeps start from: fresh names, frame and storage. */
  private record Setup(Names names, AssignmentSweep.Frame frame, Expr.Var scalarAdjoints,
      List<AdjointMethod.ArrayAdjoint> arrayAdjoints, Storage storage, Sweeps sweeps) {}

  private Setup setup() {
    return setup(false);
  }

  /** @param checkpointing whether loops are checkpointed, for a workspace with a budget */
  private Setup setup(boolean checkpointing) {
    var names = new Names(variableNames());
    Type result = method.returnType();
    var frame = new AssignmentSweep.Frame(method.fileName(), names.fresh("value", result),
        result == Type.VOID ? null : names.fresh("upstream", result),
        new FiniteChecks(checkFinite, method.fileName(),
            SourceText.sourceNames(method)));
    Expr.Var scalarAdjoints = hasScalarParams()
        ? names.fresh("dScalars", Type.DOUBLE_ARRAY)
        : null;
    List<AdjointMethod.ArrayAdjoint> arrayAdjoints = arrayAdjoints(names);
    var storage = new Storage(names, names.fresh("workspace", Type.OBJECT));
    var assignments = new AssignmentSweep(frame, activity, liveness, plan, names, storage);
    method.allParams().forEach(p -> assignments.defined(p.var()));
    return new Setup(names, frame, scalarAdjoints, arrayAdjoints, storage,
        new Sweeps(names, storage, assignments, plan, plainSweeps(frame, names, storage),
            checkpointing));
  }

  /** Sweeps that differentiate nothing and keep nothing: the method's plain code. */
  private Sweeps plainSweeps(AssignmentSweep.Frame frame, Names names, Storage storage) {
    var nothingActive = new Activity(Set.of(), Set.of(), activity.usefulVariables());
    SavePlan nothingKept = SavePlan.nothingKept(method, nothingActive, liveness);
    var assignments = new AssignmentSweep(frame, nothingActive, liveness, nothingKept, names,
        storage);
    method.allParams().forEach(p -> assignments.defined(p.var()));
    return new Sweeps(names, storage, assignments, nothingKept, null, false);
  }

  private AdjointMethod build() {
    return halves(setup(), plan.fused().flatMap(fused -> onePass(fused, false)),
        checkpoints ? withBudget() : Optional.empty());
  }

  /** The sweeps that checkpoint loops under a budget, if any loop is. */
  private Optional<AdjointMethod> withBudget() {
    AdjointMethod checkpointed = halves(setup(true),
        plan.fused().flatMap(fused -> onePass(fused, true)), Optional.empty());
    boolean checkpoints = checkpointed.forward().stream().flatMap(Stmts::all)
        .flatMap(Stmts::expressions).flatMap(Exprs::nodes)
        .anyMatch(e -> e instanceof Expr.Runtime r && r.method().equals("beginCheckpoints"));
    return checkpoints ? Optional.of(checkpointed) : Optional.empty();
  }

  /**
   * The sweeps {@code setup} builds, with the pullback's one-pass body if it has one, and the
   * sweeps that checkpoint loops under a budget if they differ.
   */
  private AdjointMethod halves(Setup setup, Optional<AdjointMethod.OnePass> onePass,
      Optional<AdjointMethod> withBudget) {
    Names names = setup.names();
    Storage storage = setup.storage();
    Part body = setup.sweeps().block(method.body().statements(), Where.TOP);
    var forward = new ArrayList<Stmt>(storage.hoisted());
    forward.addAll(body.forward());
    List<Stmt> copies = copiesOfWrittenParameters();
    List<Stmt> declarations = adjointDeclarations(names, storage.workspace());
    var backward = new ArrayList<Stmt>(declarations);
    backward.addAll(storage.backwardPrologue());
    backward.addAll(body.backward());
    backward.addAll(ending(setup, declarations));
    handOutResult(setup.frame().value(), forward, backward);
    var halfForward = new ArrayList<Stmt>(method.returnType() == Type.VOID ? List.of() : copies);
    halfForward.addAll(forward);
    var boundary = Boundary.of(method, halfForward, backward, storage);
    return new AdjointMethod(method, copies, forward, backward, setup.frame().value(),
        setup.frame().upstream(), setup.scalarAdjoints(), setup.arrayAdjoints(),
        storage.workspace(), boundary.pushes(), boundary.pops(), boundary.recomputed(),
        boundary.declared(), onePass, withBudget);
  }

  /** The gradients handed over, then the adjoints given back to the workspace. */
  private List<Stmt> ending(Setup setup, List<Stmt> declarations) {
    var ending = new ArrayList<>(handOver(setup.names(), setup.scalarAdjoints(),
        setup.arrayAdjoints()));
    ending.addAll(setup.storage().backwardEpilogue());
    ending.addAll(releases(declarations, setup.storage().workspace()));
    return ending;
  }

  /**
   * The pullback's body with the loop's adjoint inside the loop: the statements before it
   * forwards, the adjoint of the {@code return} (known before the loop), the loop running each
   * iteration's backward part after its forward part, the value, then the statements before the
   * loop backwards. None where the {@code return}'s adjoint turns out to read what the loop or
   * the value's own computation sets.
   */
  private Optional<AdjointMethod.OnePass> onePass(FusedLoop fused, boolean checkpointing) {
    Setup setup = setup(checkpointing);
    Storage storage = setup.storage();
    Part before = setup.sweeps().block(fused.before(), Where.TOP);
    Stmt.Loop loop = setup.sweeps().fused(fused.loop(), Where.TOP);
    Part result = setup.sweeps().block(List.of(fused.result()), Where.TOP);
    // The loop runs before the backward parts around it, which must not read what it sets.
    Set<Expr.Var> setLater = new HashSet<>();
    Stmts.all(fused.loop()).forEach(s -> setLater.addAll(Stmts.writes(s)));
    result.forward().stream().flatMap(Stmts::all).forEach(s -> setLater.addAll(Stmts.writes(s)));
    var readAround = new ArrayList<>(result.backward());
    readAround.addAll(before.backward());
    boolean keeps = result.forward().stream().flatMap(Stmts::all)
        .anyMatch(s -> s instanceof Stmt.Push);
    Set<Expr.Var> read = Exprs.mentioned(readAround);
    if (checkpointing) {
      // A checkpointed loop's backward part puts its state back before it reads it again;
      // where it reads it as recorded, it reads what the sweeps without a budget read.
      fused.before().stream().flatMap(Stmts::all)
          .flatMap(s -> s instanceof Stmt.Loop l ? plan.checkpointed(l).stream()
              : java.util.stream.Stream.empty())
          .forEach(c -> {
            read.removeAll(c.scalars());
            read.removeAll(c.arrays());
          });
    }
    if (keeps || read.stream().anyMatch(setLater::contains)) {
      return Optional.empty();
    }
    List<Stmt> declarations = adjointDeclarations(setup.names(), storage.workspace());
    var opening = new ArrayList<Stmt>(storage.hoisted());
    opening.addAll(before.forward());
    opening.addAll(declarations);
    opening.addAll(storage.backwardPrologue());
    opening.addAll(result.backward());
    opening.addAll(setup.sweeps().comment(fused.loop().source()));
    var closing = new ArrayList<Stmt>(result.forward());
    closing.addAll(before.backward());
    closing.addAll(ending(setup, declarations));
    return Optional.of(new AdjointMethod.OnePass(opening, loop, closing));
  }

  /**
   * A returned array becomes the caller's, who may change its elements before the backward
   * sweep runs; if that sweep reads them, the caller gets a copy instead.
   */
  private static void handOutResult(Expr.Var value, List<Stmt> forward, List<Stmt> backward) {
    for (int i = 0; i < forward.size(); i++) {
      if (forward.get(i) instanceof Stmt.Declare d && d.var().equals(value)
          && d.init() instanceof Expr.Var result && result.type().isArray()
          && readsElements(backward, result)) {
        forward.set(i, new Stmt.Declare(value, ArrayOp.COPY_OF.of(result), d.source()));
      }
    }
  }

  private static boolean readsElements(List<Stmt> statements, Expr.Var array) {
    return statements.stream().flatMap(Stmts::all).flatMap(Stmts::expressions)
        .anyMatch(e -> containsElementOf(e, array));
  }

  private static boolean containsElementOf(Expr e, Expr.Var array) {
    if (e instanceof Expr.Index index && index.root().equals(array)) {
      return true;
    }
    return dev.leibniz.processor.rules.Exprs.children(e).anyMatch(c -> containsElementOf(c, array));
  }

  private boolean hasScalarParams() {
    return method.params().stream().anyMatch(p -> p.differentiable() && !p.var().type().isArray());
  }

  /**
   * The pullback's adjoint array parameters. The backward sweep adds straight into the caller's
   * array, except for a parameter the method writes into: there an element's adjoint is reset
   * when it is overwritten, so the sweep works on an array of its own and adds it in at the end.
   */
  private List<AdjointMethod.ArrayAdjoint> arrayAdjoints(Names names) {
    var adjoints = new ArrayList<AdjointMethod.ArrayAdjoint>();
    for (Param p : method.params()) {
      if (p.differentiable() && p.var().type().isArray()) {
        Expr.Var own = names.adjoint(p.var());
        Expr.Var adjoint = writesInto(p.var()) && !inPlace()
            ? names.fresh(own.name() + "Out", p.var().type())
            : own;
        adjoints.add(new AdjointMethod.ArrayAdjoint(p, adjoint));
      }
    }
    return adjoints;
  }

  /**
   * Whether the adjoints of array parameters are the caller's arrays throughout: for a method
   * that writes into its arrays, whose pullback takes in each the adjoint of the contents after
   * the call and leaves there the adjoint of the contents before it.
   */
  private boolean inPlace() {
    return method.returnType() == Type.VOID;
  }

  /** {@code dScalars[k] += dX} for each scalar parameter; the sums of arrays worked apart. */
  private List<Stmt> handOver(Names names, Expr.Var scalarAdjoints,
      List<AdjointMethod.ArrayAdjoint> arrayAdjoints) {
    var statements = new ArrayList<Stmt>();
    int k = 0;
    for (Param p : method.params()) {
      if (p.differentiable() && !p.var().type().isArray()) {
        if (activity.isActive(p.var())) {
          var slot = new Expr.Index(scalarAdjoints, new Expr.Literal(Type.INT, k), Type.DOUBLE);
          statements.add(new Stmt.Accumulate(slot, names.adjoint(p.var())));
        }
        k++;
      }
    }
    for (AdjointMethod.ArrayAdjoint a : arrayAdjoints) {
      Expr.Var own = names.adjoint(a.param().var());
      if (!a.adjoint().equals(own) && activity.isActive(a.param().var())) {
        statements.add(new Stmt.Evaluate(ArrayOp.ADD_INTO.call(List.of(a.adjoint(), own), Type.DOUBLE)));
      }
    }
    return statements;
  }

  /**
   * {@code w = copyOf(w)} for each parameter array the method writes into, so that the gradient
   * method never changes its inputs.
   */
  private List<Stmt> copiesOfWrittenParameters() {
    var copies = new ArrayList<Stmt>();
    for (Param p : method.params()) {
      if (p.var().type().isArray() && writesInto(p.var())) {
        Expr copy = ArrayOp.COPY_OF.of(p.var());
        copies.add(new Stmt.Assign(p.var(), copy, Source.NONE));
      }
    }
    return copies;
  }

  private boolean writesInto(Expr.Var array) {
    return method.writes(array);
  }

  /**
   * Zero adjoints for the active variables, except array parameters whose adjoints are the
   * caller's arrays.
   */
  private List<Stmt> adjointDeclarations(Names names, Expr.Var workspace) {
    var declarations = new ArrayList<Stmt>();
    for (Expr.Var v : variablesInOrder()) {
      boolean callersArray = v.type().isArray() && isParameter(v)
          && (!writesInto(v) || inPlace());
      if (activity.isActive(v) && !callersArray) {
        declarations.add(new Stmt.Declare(names.adjoint(v), zeroAdjoint(v, workspace),
            Source.NONE));
      }
    }
    return declarations;
  }

  /** Zero, or for a vector of doubles an array of zeros from the workspace's pool. */
  private static Expr zeroAdjoint(Expr.Var v, Expr.Var workspace) {
    if (v.type().equals(Type.DOUBLE_ARRAY)) {
      return new Expr.Borrow(workspace, v, Expr.Borrow.Kind.ZEROS);
    }
    return v.type().isArray() ? ArrayOp.ZEROS_LIKE.of(v) : Expr.defaultOf(
        v.type() == Type.FLOAT ? Type.FLOAT : Type.DOUBLE);
  }

  /** The vector adjoints taken from the pool, given back in reverse. */
  private static List<Stmt> releases(List<Stmt> declarations, Expr.Var workspace) {
    var releases = new ArrayList<Stmt>();
    for (Stmt s : declarations) {
      var d = (Stmt.Declare) s;
      if (d.init() instanceof Expr.Borrow) {
        releases.add(0, new Stmt.Release(workspace, d.var()));
      }
    }
    return releases;
  }

  private boolean isParameter(Expr.Var v) {
    return method.params().stream().anyMatch(p -> p.var().equals(v));
  }

  private Set<String> variableNames() {
    var names = new HashSet<String>();
    variablesInOrder().forEach(v -> names.add(v.name()));
    return names;
  }

  /** Every variable of the method: parameters, then locals in order of declaration. */
  private List<Expr.Var> variablesInOrder() {
    var found = new LinkedHashSet<Expr.Var>();
    method.allParams().forEach(p -> found.add(p.var()));
    Stmts.all(method.body())
        .filter(s -> s instanceof Stmt.Declare)
        .forEach(s -> found.add(((Stmt.Declare) s).var()));
    return List.copyOf(found);
  }
}
