package dev.leibniz.processor.read;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lowers the statements of a method body to the IR. Compound assignments and increments become
 * plain assignments with Java's implicit narrowing made explicit: {@code k += x} on an int
 * {@code k} is {@code k = (int) (k + x)}.
 */
final class StatementReader {
  private static final Map<Tree.Kind, BinaryOp> COMPOUND_OPS =
      Map.of(
          Tree.Kind.PLUS_ASSIGNMENT, BinaryOp.ADD,
          Tree.Kind.MINUS_ASSIGNMENT, BinaryOp.SUB,
          Tree.Kind.MULTIPLY_ASSIGNMENT, BinaryOp.MUL,
          Tree.Kind.DIVIDE_ASSIGNMENT, BinaryOp.DIV,
          Tree.Kind.REMAINDER_ASSIGNMENT, BinaryOp.REM);

  private final ReadContext context;
  private final ExpressionReader expressions;

  StatementReader(ReadContext context) {
    this.context = context;
    this.expressions = new ExpressionReader(context);
  }

  /** The method body; it must end with its only return statement. */
  Stmt.Block body(BlockTree body, Tree method, String methodName) {
    List<? extends StatementTree> statements = body.getStatements();
    Stmt.Block block = block(statements, true);
    if (statements.isEmpty() || statements.get(statements.size() - 1).getKind() != Tree.Kind.RETURN) {
      context.error(method, Message.MISSING_RETURN, methodName);
    }
    return block;
  }

  private Stmt.Block block(List<? extends StatementTree> statements, boolean isBody) {
    context.scope().enter();
    var lowered = new ArrayList<Stmt>();
    for (int i = 0; i < statements.size(); i++) {
      StatementTree statement = statements.get(i);
      boolean last = isBody && i == statements.size() - 1;
      if (statement.getKind() == Tree.Kind.RETURN && !last) {
        context.error(statement, Message.EARLY_RETURN);
        continue;
      }
      Stmt stmt = statement(statement);
      if (stmt != null) {
        lowered.add(stmt);
      }
    }
    context.scope().exit();
    return new Stmt.Block(lowered);
  }

  private Stmt statement(StatementTree tree) {
    switch (tree.getKind()) {
      case VARIABLE:
        return declaration((VariableTree) tree);
      case EXPRESSION_STATEMENT:
        return expressionStatement((ExpressionStatementTree) tree);
      case RETURN:
        return returnStatement((ReturnTree) tree);
      case BLOCK:
        return block(((BlockTree) tree).getStatements(), false);
      case EMPTY_STATEMENT:
        return null;
      default:
        context.error(tree, Message.UNSUPPORTED_STATEMENT, Constructs.describe(tree));
        return null;
    }
  }

  private Stmt declaration(VariableTree tree) {
    String name = tree.getName().toString();
    boolean inferred = tree.getType() == null || tree.getType().toString().equals("var");
    Type declared = inferred ? null : declaredType(tree);
    if (!inferred && declared == null) {
      return null;
    }
    Expr init = tree.getInitializer() == null ? null : expressions.read(tree.getInitializer());
    Type type = inferred ? (init == null ? null : init.type()) : declared;
    if (type == null) {
      return null;
    }
    Expr.Var variable = context.scope().declare(name, type);
    if (tree.getInitializer() != null && init == null) {
      return null;
    }
    Expr value = init == null ? null : ExpressionReader.convert(init, type);
    return new Stmt.Declare(variable, value, context.source(tree));
  }

  private Type declaredType(VariableTree tree) {
    Tree typeTree = tree.getType();
    if (typeTree instanceof PrimitiveTypeTree primitive) {
      switch (primitive.getPrimitiveTypeKind()) {
        case DOUBLE:
          return Type.DOUBLE;
        case INT:
          return Type.INT;
        case LONG:
          return Type.LONG;
        case BOOLEAN:
          return Type.BOOLEAN;
        case FLOAT:
          context.error(tree, Message.FLOAT_NOT_SUPPORTED, "local variable '" + tree.getName() + "'");
          return null;
        default:
          break;
      }
    }
    context.error(tree, Message.UNSUPPORTED_LOCAL_TYPE, tree.getName(), typeTree);
    return null;
  }

  private Stmt expressionStatement(ExpressionStatementTree tree) {
    ExpressionTree expression = tree.getExpression();
    Source source = context.source(tree);
    if (expression instanceof AssignmentTree assignment) {
      Expr.Var target = target(assignment.getVariable());
      Expr value = expressions.read(assignment.getExpression());
      return target == null || value == null
          ? null
          : new Stmt.Assign(target, ExpressionReader.convert(value, target.type()), source);
    }
    if (expression instanceof CompoundAssignmentTree compound
        && COMPOUND_OPS.containsKey(expression.getKind())) {
      Expr.Var target = target(compound.getVariable());
      Expr value = expressions.read(compound.getExpression());
      return target == null || value == null
          ? null
          : update(tree, target, COMPOUND_OPS.get(expression.getKind()), value);
    }
    if (expression instanceof UnaryTree unary && isIncrement(expression.getKind())) {
      Expr.Var target = target(unary.getExpression());
      boolean up = expression.getKind().name().endsWith("INCREMENT");
      return target == null
          ? null
          : update(tree, target, up ? BinaryOp.ADD : BinaryOp.SUB, new Expr.Literal(Type.INT, 1));
    }
    context.error(tree, Message.UNSUPPORTED_STATEMENT, Constructs.describe(expression));
    return null;
  }

  /** {@code target op= value}, which Java defines as {@code target = (T) (target op value)}. */
  private Stmt update(StatementTree tree, Expr.Var target, BinaryOp op, Expr value) {
    if (!target.type().isNumeric() || !value.type().isNumeric()) {
      expressions.unsupported(tree);
      return null;
    }
    Source source = context.source(tree);
    Type type = Type.promote(target.type(), value.type());
    Expr combined = new Expr.Binary(op, target, value, type);
    return new Stmt.Assign(target, ExpressionReader.convert(combined, target.type()), source);
  }

  private Expr.Var target(ExpressionTree tree) {
    if (tree instanceof IdentifierTree id) {
      Expr.Var variable = context.scope().lookup(id.getName().toString());
      if (variable != null) {
        return variable;
      }
    }
    context.error(tree, Message.ASSIGNMENT_TARGET, tree);
    return null;
  }

  private Stmt returnStatement(ReturnTree tree) {
    Expr value = expressions.read(tree.getExpression());
    return value == null
        ? null
        : new Stmt.Return(ExpressionReader.convert(value, Type.DOUBLE), context.source(tree));
  }

  private static boolean isIncrement(Tree.Kind kind) {
    return kind == Tree.Kind.PREFIX_INCREMENT
        || kind == Tree.Kind.POSTFIX_INCREMENT
        || kind == Tree.Kind.PREFIX_DECREMENT
        || kind == Tree.Kind.POSTFIX_DECREMENT;
  }
}
