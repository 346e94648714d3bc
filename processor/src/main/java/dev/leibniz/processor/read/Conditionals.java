package dev.leibniz.processor.read;

import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.Tree;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code c ? a : b}: as a choice where it stands, or as a branch that assigns a local. */
final class Conditionals {
  private final ReadContext context;
  private final ExpressionReader expressions;

  Conditionals(ReadContext context, ExpressionReader expressions) {
    this.context = context;
    this.expressions = expressions;
  }

  /**
   * {@code c ? a : b}. Outside conditions a floating-point choice becomes an {@code if} that
   * assigns a fresh local, so that only the branch taken is evaluated, in the forward sweep and
   * in the backward one; so does any choice whose branches need statements first (an assignment
   * inside one runs only where its branch is taken).
   */
  Expr read(ConditionalExpressionTree tree) {
    Expr condition = expressions.condition(tree.getCondition());
    int mark = expressions.pending().mark();
    Expr then = expressions.read(tree.getTrueExpression());
    List<Stmt> thenFirst = expressions.pending().drainSince(mark);
    Expr otherwise = expressions.read(tree.getFalseExpression());
    List<Stmt> otherwiseFirst = expressions.pending().drainSince(mark);
    if (condition == null || then == null || otherwise == null) {
      return null;
    }
    Expr combined = choice(tree, condition, then, otherwise);
    boolean branchesFirst = !thenFirst.isEmpty() || !otherwiseFirst.isEmpty();
    if (combined == null
        || !branchesFirst && (expressions.inCondition() || !combined.type().isFloating())) {
      return combined;
    }
    Type type = combined.type();
    Expr.Var chosen = context.scope().declare(context.scope().fresh("_choice"), type);
    Source source = context.source(tree);
    thenFirst = new ArrayList<>(thenFirst);
    otherwiseFirst = new ArrayList<>(otherwiseFirst);
    thenFirst.add(new Stmt.Assign(chosen, ExpressionReader.convert(then, type), source));
    otherwiseFirst.add(
        new Stmt.Assign(chosen, ExpressionReader.convert(otherwise, type), source));
    expressions.precede(new Stmt.Declare(chosen, null, source));
    expressions.precede(
        new Stmt.If(condition, new Stmt.Block(thenFirst), new Stmt.Block(otherwiseFirst), source));
    return chosen;
  }

  private Expr choice(Tree tree, Expr condition, Expr then, Expr otherwise) {
    if (then.type() == Type.BOOLEAN && otherwise.type() == Type.BOOLEAN) {
      return new Expr.Conditional(condition, then, otherwise, Type.BOOLEAN);
    }
    if (!then.type().isNumeric() || !otherwise.type().isNumeric()) {
      return expressions.unsupported(tree);
    }
    Type type = Type.promote(then.type(), otherwise.type());
    return new Expr.Conditional(condition, ExpressionReader.convert(then, type),
        ExpressionReader.convert(otherwise, type), type);
  }
}
