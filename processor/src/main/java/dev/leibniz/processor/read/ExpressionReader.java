package dev.leibniz.processor.read;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.UnaryOp;
import java.util.Map;

/**
 * Lowers one expression of a method body to the IR, reporting each construct it cannot
 * differentiate at the construct itself. Returns null for an expression with errors.
 */
final class ExpressionReader {
  private static final Map<Tree.Kind, BinaryOp> BINARY_OPS =
      Map.ofEntries(
          Map.entry(Tree.Kind.PLUS, BinaryOp.ADD),
          Map.entry(Tree.Kind.MINUS, BinaryOp.SUB),
          Map.entry(Tree.Kind.MULTIPLY, BinaryOp.MUL),
          Map.entry(Tree.Kind.DIVIDE, BinaryOp.DIV),
          Map.entry(Tree.Kind.REMAINDER, BinaryOp.REM),
          Map.entry(Tree.Kind.LESS_THAN, BinaryOp.LT),
          Map.entry(Tree.Kind.LESS_THAN_EQUAL, BinaryOp.LE),
          Map.entry(Tree.Kind.GREATER_THAN, BinaryOp.GT),
          Map.entry(Tree.Kind.GREATER_THAN_EQUAL, BinaryOp.GE),
          Map.entry(Tree.Kind.EQUAL_TO, BinaryOp.EQ),
          Map.entry(Tree.Kind.NOT_EQUAL_TO, BinaryOp.NE),
          Map.entry(Tree.Kind.CONDITIONAL_AND, BinaryOp.AND),
          Map.entry(Tree.Kind.CONDITIONAL_OR, BinaryOp.OR));

  private final ReadContext context;
  private final MemberReader members;

  ExpressionReader(ReadContext context) {
    this.context = context;
    this.members = new MemberReader(context, this);
  }

  /** The IR of {@code tree}, or null after reporting why it cannot be differentiated. */
  Expr read(ExpressionTree tree) {
    switch (tree.getKind()) {
      case PARENTHESIZED:
        return read(((ParenthesizedTree) tree).getExpression());
      case INT_LITERAL:
      case LONG_LITERAL:
      case DOUBLE_LITERAL:
      case BOOLEAN_LITERAL:
        return literal((LiteralTree) tree);
      case FLOAT_LITERAL:
        context.error(tree, Message.FLOAT_NOT_SUPPORTED, "the literal " + tree);
        return null;
      case IDENTIFIER:
        return members.identifier((IdentifierTree) tree);
      case MEMBER_SELECT:
        return members.select((MemberSelectTree) tree);
      case METHOD_INVOCATION:
        return members.call((MethodInvocationTree) tree);
      case UNARY_MINUS:
      case UNARY_PLUS:
      case LOGICAL_COMPLEMENT:
        return unary((UnaryTree) tree);
      case TYPE_CAST:
        return cast((TypeCastTree) tree);
      case ASSIGNMENT:
      case PLUS_ASSIGNMENT:
      case MINUS_ASSIGNMENT:
      case MULTIPLY_ASSIGNMENT:
      case DIVIDE_ASSIGNMENT:
      case PREFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_INCREMENT:
      case POSTFIX_DECREMENT:
        context.error(tree, Message.NESTED_ASSIGNMENT, tree);
        return null;
      default:
        if (BINARY_OPS.containsKey(tree.getKind())) {
          return binary((BinaryTree) tree, BINARY_OPS.get(tree.getKind()));
        }
        return unsupported(tree);
    }
  }

  /** Reports {@code tree} as a construct Leibniz cannot differentiate. */
  Expr unsupported(Tree tree) {
    context.error(tree, Message.UNSUPPORTED_EXPRESSION, Constructs.describe(tree));
    return null;
  }

  private Expr literal(LiteralTree tree) {
    Object value = tree.getValue();
    Type type =
        switch (tree.getKind()) {
          case INT_LITERAL -> Type.INT;
          case LONG_LITERAL -> Type.LONG;
          case DOUBLE_LITERAL -> Type.DOUBLE;
          default -> Type.BOOLEAN;
        };
    return new Expr.Literal(type, value);
  }

  private Expr unary(UnaryTree tree) {
    Expr operand = read(tree.getExpression());
    if (operand == null) {
      return null;
    }
    UnaryOp op =
        switch (tree.getKind()) {
          case UNARY_MINUS -> UnaryOp.NEG;
          case UNARY_PLUS -> UnaryOp.PLUS;
          default -> UnaryOp.NOT;
        };
    boolean fits = op == UnaryOp.NOT ? operand.type() == Type.BOOLEAN : operand.type().isNumeric();
    return fits ? new Expr.Unary(op, operand, operand.type()) : unsupported(tree);
  }

  private Expr binary(BinaryTree tree, BinaryOp op) {
    Expr left = read(tree.getLeftOperand());
    Expr right = read(tree.getRightOperand());
    if (left == null || right == null) {
      return null;
    }
    boolean logical = op == BinaryOp.AND || op == BinaryOp.OR;
    boolean equality = op == BinaryOp.EQ || op == BinaryOp.NE;
    if (logical || (equality && left.type() == Type.BOOLEAN)) {
      boolean fits = left.type() == Type.BOOLEAN && right.type() == Type.BOOLEAN;
      return fits ? new Expr.Binary(op, left, right, Type.BOOLEAN) : unsupported(tree);
    }
    if (!left.type().isNumeric() || !right.type().isNumeric()) {
      return unsupported(tree);
    }
    Type type = op.isArithmetic() ? Type.promote(left.type(), right.type()) : Type.BOOLEAN;
    return new Expr.Binary(op, left, right, type);
  }

  private Expr cast(TypeCastTree tree) {
    Expr operand = read(tree.getExpression());
    if (operand == null) {
      return null;
    }
    if (tree.getType() instanceof PrimitiveTypeTree primitive) {
      switch (primitive.getPrimitiveTypeKind()) {
        case DOUBLE:
          return convert(operand, Type.DOUBLE);
        case INT:
          return convert(operand, Type.INT);
        case LONG:
          return convert(operand, Type.LONG);
        case FLOAT:
          context.error(tree, Message.FLOAT_NOT_SUPPORTED, "the cast " + tree);
          return null;
        default:
          break;
      }
    }
    return unsupported(tree);
  }

  /** {@code (type) operand}, leaving out a cast that would change nothing. */
  static Expr convert(Expr operand, Type type) {
    return operand.type() == type ? operand : new Expr.Cast(type, operand);
  }
}
