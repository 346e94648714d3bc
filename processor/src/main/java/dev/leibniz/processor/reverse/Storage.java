package dev.leibniz.processor.reverse;

import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stack;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps values from the forward sweep for the backward sweep: outside loops in a local of their
 * own (each such statement runs at most once), inside loops on the call's primitive stacks. Also
 * collects the declarations the forward sweep needs at its top.
 */
final class Storage {
  private final Names names;
  private final List<Stmt> hoisted = new ArrayList<>();
  private final Set<Stack> stacks = EnumSet.noneOf(Stack.class);
  private Expr.Var scratch;
  private int scratchSize;
  private Expr.Var discard;

  Storage(Names names) {
    this.names = names;
  }

  /**
   * A kept value.
   *
   * @param store the forward-sweep statements that keep it
   * @param current an expression for the value in the forward sweep, right after {@code store}
   * @param replay an expression that gives the value back in the backward sweep (once)
   * @param storeAfter for a branch decision, the statements that push it once the branch has
   *     run: the branch's own pushes come first, so that the backward sweep pops the decision
   *     before it pops what the branch kept
   */
  record Kept(List<Stmt> store, Expr current, Expr replay, List<Stmt> storeAfter) {}

  /** Keeps {@code value} of {@code type}, named after {@code hint}. */
  Kept keep(Expr value, Type type, Where where, String hint) {
    if (!where.inLoop()) {
      Expr.Var local = hoist(names.fresh(hint, type));
      return new Kept(List.of(new Stmt.Assign(local, value, Source.NONE)), local, local, List.of());
    }
    Stack stack = Stack.of(type);
    stacks.add(stack);
    Expr popped = new Expr.Pop(stack, stack == Stack.INTS ? Type.INT : type);
    if (type != Type.BOOLEAN) {
      return new Kept(List.of(new Stmt.Push(stack, value)), value, popped, List.of());
    }
    Expr.Var local = names.fresh(hint, type);
    Expr bit = local.choose(new Expr.Literal(Type.INT, 1), new Expr.Literal(Type.INT, 0));
    Expr replay =
        new Expr.Binary(BinaryOp.NE, popped, new Expr.Literal(Type.INT, 0), Type.BOOLEAN);
    return new Kept(List.of(new Stmt.Declare(local, value, Source.NONE)), local, replay,
        List.of(new Stmt.Push(stack, bit)));
  }

  /** Declares {@code variable} at the top of the forward sweep, with its type's default. */
  Expr.Var hoist(Expr.Var variable) {
    hoisted.add(new Stmt.Declare(variable, defaultOf(variable.type()), Source.NONE));
    return variable;
  }

  /** Pushes a value onto a stack without keeping a name for it. */
  Stmt push(Stack stack, Expr value) {
    stacks.add(stack);
    return new Stmt.Push(stack, value);
  }

  /**
   * A {@code double[]} of at least {@code size} for the values calls hand back, one per
   * gradient call, declared at the top of the forward sweep.
   */
  Expr.Var scratch(int size) {
    if (scratch == null) {
      scratch = names.fresh("_scratch", Type.DOUBLE_ARRAY);
    }
    scratchSize = Math.max(scratchSize, size);
    return scratch;
  }

  /** A {@code double[]} whose contents are thrown away, declared null at the top. */
  Expr.Var discard() {
    if (discard == null) {
      discard = hoist(names.fresh("_discard", Type.DOUBLE_ARRAY));
    }
    return discard;
  }

  List<Stmt> hoisted() {
    if (scratch == null) {
      return hoisted;
    }
    var all = new ArrayList<>(hoisted);
    Expr size = new Expr.Literal(Type.INT, scratchSize);
    all.add(new Stmt.Declare(scratch, new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(size)),
        Source.NONE));
    return all;
  }

  Set<Stack> stacks() {
    return stacks;
  }

  /** The literal a variable of {@code type} starts from: zero, false or null. */
  static Expr defaultOf(Type type) {
    return switch (type) {
      case DOUBLE -> Expr.zero();
      case INT -> new Expr.Literal(Type.INT, 0);
      case LONG -> new Expr.Literal(Type.LONG, 0L);
      case BOOLEAN -> new Expr.Literal(Type.BOOLEAN, false);
      default -> new Expr.Literal(type, null);
    };
  }
}
