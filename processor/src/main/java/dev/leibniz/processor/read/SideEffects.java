package dev.leibniz.processor.read;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Assignments, compound assignments and increments that stand inside expressions
 * ({@code x = y = 0}, {@code a[i++] = v}, {@code f(s += v)}, {@code while (n-- != 0)}), read as
 * the statement each would be on its own, run before the statement that holds it, with Java's
 * order of evaluation kept (JLS §15.7): the expression's value is the variable as the assignment
 * left it, or for {@code x++} and {@code x--} a local holding the value before; operands read
 * earlier that the assignment changes are kept first ({@link Pending#keepEarlier}); and the
 * right operand of {@code &&} and {@code ||} runs only where Java evaluates it.
 */
final class SideEffects {
  private final ReadContext context;
  private final Pending pending;
  private AssignmentReader assignments;

  SideEffects(ReadContext context, Pending pending) {
    this.context = context;
    this.pending = pending;
  }

  void readAssignmentsWith(AssignmentReader reader) {
    this.assignments = reader;
  }

  /**
   * The record {@code call} returns, kept in a record local of its own before the statement
   * holding it, so that a method can be called on it ({@code a.plus(b).norm()}); false after
   * an error.
   */
  boolean keepRecord(MethodInvocationTree call, Type.Record type) {
    String method = call.getMethodSelect() instanceof MemberSelectTree select
        ? select.getIdentifier().toString() : call.getMethodSelect().toString();
    if (assignments == null) {
      return true;
    }
    String name = context.scope().fresh("_" + method);
    Stmt declared = assignments.recordLocal(name, call, type, call);
    if (declared == null) {
      return false;
    }
    Stmts.unpacked(declared).forEach(pending::add);
    context.scope().keepCall(call, name);
    return true;
  }

  /** The value of an assignment or increment {@code tree}; null after an error. */
  Expr value(ExpressionTree tree) {
    if (assignments == null) {
      // A field's initializer: no statement to run the assignment before.
      context.error(tree, Message.NESTED_ASSIGNMENT, tree);
      return null;
    }
    Stmt effect = assignments.effect(tree, tree);
    if (effect == null) {
      return null;
    }
    if (!(effect instanceof Stmt.Assign assign) || assign.target().type().isArray()) {
      context.error(tree, Message.NESTED_ASSIGNMENT, tree);
      return null;
    }
    Expr target = assign.target();
    if (tree.getKind() == Tree.Kind.POSTFIX_INCREMENT
        || tree.getKind() == Tree.Kind.POSTFIX_DECREMENT) {
      Expr.Var before = context.scope().declare(context.scope().fresh("_before"), target.type());
      pending.add(new Stmt.Declare(before, target, context.source(tree)));
      pending.add(assign);
      return before;
    }
    pending.add(assign);
    return target;
  }

  /**
   * {@code left && right} or {@code left || right} where {@code right} needs statements first,
   * pending since {@code mark}: they run only where Java evaluates {@code right}, so the value
   * is a local, {@code boolean t = left; if (t) { …; t = right; }} ({@code if (!t)} for
   * {@code ||}).
   */
  Expr shortCircuit(Tree tree, BinaryOp op, Expr left, Expr right, int mark) {
    List<Stmt> rightFirst = new ArrayList<>(pending.drainSince(mark));
    if (left.type() != Type.BOOLEAN || right.type() != Type.BOOLEAN) {
      context.error(tree, Message.UNSUPPORTED_EXPRESSION, Constructs.describe(tree));
      return null;
    }
    Source source = context.source(tree);
    Expr.Var value = context.scope().declare(context.scope().fresh("_both"), Type.BOOLEAN);
    rightFirst.add(new Stmt.Assign(value, right, source));
    Expr evaluated = op == BinaryOp.AND ? value : new Expr.Unary(UnaryOp.NOT, value, Type.BOOLEAN);
    pending.add(new Stmt.Declare(value, left, source));
    pending.add(new Stmt.If(evaluated, new Stmt.Block(rightFirst), new Stmt.Block(List.of()),
        source));
    return value;
  }
}
