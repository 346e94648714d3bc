package dev.leibniz.processor.reverse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stack;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps values from the forward sweep for the backward sweep: outside loops in a local of their
 * own (each such statement runs at most once), inside loops on the workspace's stacks. Also
 * collects the declarations the forward sweep needs at its top and the arrays the backward sweep
 * borrows.
 *
 * <p>Inside a loop a statement pushes what it keeps at its very end and its backward part pops
 * it at its very start: the forward halves of calls inside the statement push onto the same
 * stacks, and their backward halves must find their own values on top when they run.
 */
final class Storage {
  private final Names names;
  private final Expr.Var workspace;
  private final List<Stmt> hoisted = new ArrayList<>();
  private Expr.Var scratch;
  private int scratchSize;

  Storage(Names names, Expr.Var workspace) {
    this.names = names;
    this.workspace = workspace;
  }

  /**
   * A kept value.
   *
   * @param capture forward statements where the value is taken, before anything changes it
   * @param push forward statements for the end of the statement that keeps it
   * @param pop backward statements for the start of the statement's backward part
   * @param local the variable holding the value in both sweeps after {@code capture} and
   *     {@code pop}
   */
  record Kept(List<Stmt> capture, List<Stmt> push, List<Stmt> pop, Expr.Var local) {}

  /** Keeps {@code value} of {@code type} in a new variable named after {@code hint}. */
  Kept keep(Expr value, Type type, Where where, String hint) {
    Expr.Var local = names.fresh(hint, type);
    if (!where.stacked()) {
      hoist(local);
      return new Kept(List.of(new Stmt.Assign(local, value, Source.NONE)), List.of(), List.of(),
          local);
    }
    return onStack(List.of(new Stmt.Declare(local, value, Source.NONE)), local);
  }

  /**
   * Keeps a temporary of a nested statement, which the backward sweep's block cannot see: it
   * gets the same name there.
   */
  Kept keepTemporary(Expr.Var temporary, Where where) {
    if (!where.stacked()) {
      Expr.Var local = hoist(names.fresh("_" + temporary.name(), temporary.type()));
      return new Kept(List.of(new Stmt.Assign(local, temporary, Source.NONE)), List.of(),
          List.of(new Stmt.Declare(temporary, local, Source.NONE)), temporary);
    }
    return onStack(List.of(), temporary);
  }

  private Kept onStack(List<Stmt> capture, Expr.Var local) {
    return new Kept(capture, List.of(Stack.push(workspace, local)),
        List.of(new Stmt.Declare(local, Stack.pop(workspace, local.type()), Source.NONE)), local);
  }

  /** Declares {@code variable} at the top of the forward sweep, with its type's default. */
  Expr.Var hoist(Expr.Var variable) {
    // The plain code of a replayed loop declares again what the loop's forward part declares.
    boolean already = hoisted.stream()
        .anyMatch(s -> s instanceof Stmt.Declare d && d.var().equals(variable));
    if (already) {
      return variable;
    }
    hoisted.add(new Stmt.Declare(variable, Expr.defaultOf(variable.type()), Source.NONE));
    return variable;
  }

  Expr.Var workspace() {
    return workspace;
  }

  /**
   * A {@code double[]} of at least {@code size} for the values calls hand back, borrowed from
   * the workspace at the start of the backward sweep.
   */
  Expr.Var scratch(int size) {
    if (scratch == null) {
      scratch = names.fresh("_scratch", Type.DOUBLE_ARRAY);
    }
    scratchSize = Math.max(scratchSize, size);
    return scratch;
  }

  /**
   * Somewhere for a callee to add the adjoint of a vector argument that carries no derivative:
   * an array borrowed for the call, whose contents nobody reads.
   */
  Expr.Var discard(Expr length, List<Stmt> before, List<Stmt> after) {
    Expr.Var discard = names.fresh("_discard", Type.DOUBLE_ARRAY);
    before.add(new Stmt.Declare(discard, new Expr.Borrow(workspace, length, Expr.Borrow.Kind.ANY),
        Source.NONE));
    after.add(new Stmt.Release(workspace, discard));
    return discard;
  }

  /** The declarations for the top of the forward sweep. */
  List<Stmt> hoisted() {
    return hoisted;
  }

  /** What the backward sweep borrows before it starts. */
  List<Stmt> backwardPrologue() {
    if (scratch == null) {
      return List.of();
    }
    Expr size = new Expr.Literal(Type.INT, scratchSize);
    return List.of(new Stmt.Declare(scratch, new Expr.Borrow(workspace, size, Expr.Borrow.Kind.ANY),
        Source.NONE));
  }

  /** What the backward sweep gives back when it ends. */
  List<Stmt> backwardEpilogue() {
    return scratch == null ? List.of() : List.of(new Stmt.Release(workspace, scratch));
  }
}
