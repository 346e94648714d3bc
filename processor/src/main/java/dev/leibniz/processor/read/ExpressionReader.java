package dev.leibniz.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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
  private final Pending pending;
  private final SideEffects sideEffects;
  private final StreamReader streams;
  private boolean inCondition;
  private Function<SwitchExpressionTree, Expr> switchExpressions;

  ExpressionReader(ReadContext context) {
    this.context = context;
    this.members = new MemberReader(context, this);
    this.pending = new Pending(context);
    this.sideEffects = new SideEffects(context, pending);
    this.streams = new StreamReader(context, this);
  }

  /** Switch expressions are read by {@code reader}, which reads their cases' statements. */
  void readSwitchExpressionsWith(Function<SwitchExpressionTree, Expr> reader) {
    this.switchExpressions = reader;
  }

  /** Assignments inside expressions are read by {@code assignments}, as statements are. */
  void readAssignmentsWith(AssignmentReader assignments) {
    sideEffects.readAssignmentsWith(assignments);
  }

  /** See {@link SideEffects#keepRecord}. */
  boolean keepRecord(MethodInvocationTree call, Type.Record type) {
    return sideEffects.keepRecord(call, type);
  }

  /** The statements pending, in which operands' assignments run before the statement. */
  Pending pending() {
    return pending;
  }

  /**
   * Statements that must run before the expression just read: a conditional expression
   * {@code c ? a : b} becomes an {@code if} that assigns a fresh local, so that only the branch
   * taken is evaluated, in the forward sweep and in the backward one.
   */
  List<Stmt> drainPending() {
    return pending.drain();
  }

  /**
   * {@code value} in a local of its own, declared just before the statement being read: an
   * array a call returns, passed straight to another call, gets a name and an adjoint.
   */
  Expr.Var hoist(Expr value, String hint, Tree tree) {
    Expr.Var local = context.scope().declare(context.scope().fresh(hint), value.type());
    pending.add(new Stmt.Declare(local, value, context.source(tree)));
    return local;
  }

  /** The record a call returns, before its arguments are read. */
  Optional<Type.Record> recordResult(MethodInvocationTree tree) {
    return members.recordResult(tree);
  }

  /** {@code statement} to run before the statement being read. */
  void precede(Stmt statement) {
    pending.add(statement);
  }

  /** A call statement of a method that writes into one array argument; null after an error. */
  Stmt.Write writingCall(MethodInvocationTree tree, ArrayNames arrayNames) {
    return members.writingCall(tree, arrayNames);
  }

  /** Whether the expression being read is part of a condition, which is read as it stands. */
  boolean inCondition() {
    return inCondition;
  }

  /** Reads a condition of an {@code if} or a loop, which is evaluated as it stands. */
  Expr condition(ExpressionTree tree) {
    boolean outer = inCondition;
    inCondition = true;
    try {
      Expr condition = read(tree);
      if (condition != null && condition.type() != Type.BOOLEAN) {
        return unsupported(tree);
      }
      return condition;
    } finally {
      inCondition = outer;
    }
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
      case FLOAT_LITERAL:
      case CHAR_LITERAL:
        return literal((LiteralTree) tree);
      case NULL_LITERAL:
        return new Expr.Literal(Type.OBJECT, null);
      case IDENTIFIER:
        return members.identifier((IdentifierTree) tree);
      case MEMBER_SELECT:
        return members.select((MemberSelectTree) tree);
      case METHOD_INVOCATION:
        if (streams.isPipeline((MethodInvocationTree) tree)) {
          return streams.read((MethodInvocationTree) tree);
        }
        if (ArrayLibrary.isCopy(context, tree) || ArrayLibrary.isStatement(context, tree)) {
          context.error(tree, Message.ARRAY_LIBRARY, tree, "Leibniz reads a copy as the whole"
              + " value of an array variable, and a fill or arraycopy as a statement: write it"
              + " so");
          return null;
        }
        return members.call((MethodInvocationTree) tree);
      case UNARY_MINUS:
      case UNARY_PLUS:
      case LOGICAL_COMPLEMENT:
        return unary((UnaryTree) tree);
      case TYPE_CAST:
        return cast((TypeCastTree) tree);
      case ARRAY_ACCESS:
        return element((ArrayAccessTree) tree);
      case NEW_ARRAY:
        return newArray((NewArrayTree) tree);
      case CONDITIONAL_EXPRESSION:
        return new Conditionals(context, this).read((ConditionalExpressionTree) tree);
      case ASSIGNMENT:
      case PLUS_ASSIGNMENT:
      case MINUS_ASSIGNMENT:
      case MULTIPLY_ASSIGNMENT:
      case DIVIDE_ASSIGNMENT:
      case REMAINDER_ASSIGNMENT:
      case PREFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_INCREMENT:
      case POSTFIX_DECREMENT:
        return sideEffects.value(tree);
      case SWITCH_EXPRESSION:
        // A field's initializer is read without statements around it to hold the cases.
        return switchExpressions == null ? unsupported(tree)
            : switchExpressions.apply((SwitchExpressionTree) tree);
      default:
        if (BINARY_OPS.containsKey(tree.getKind())) {
          return binary((BinaryTree) tree, BINARY_OPS.get(tree.getKind()));
        }
        return unsupported(tree);
    }
  }

  /** Reports {@code tree} as a construct Leibniz cannot differentiate. */
  /**
   * For a parameter of a boxed numeric type ({@code Double}, {@code Integer}, …), the primitive
   * type to declare instead; null for anything else.
   */
  private String boxed(Expr e) {
    if (!(e instanceof Expr.Var v) || v.type() != Type.OBJECT) {
      return null;
    }
    var declared = context.objectTypes().get(v.name());
    if (declared == null) {
      return null;
    }
    return switch (declared.toString()) {
      case "java.lang.Double" -> "double";
      case "java.lang.Float" -> "float";
      case "java.lang.Integer" -> "int";
      case "java.lang.Long" -> "long";
      default -> null;
    };
  }

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
          case FLOAT_LITERAL -> Type.FLOAT;
          case CHAR_LITERAL -> Type.CHAR;
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
    return fits ? new Expr.Unary(op, operand, operand.type().unaryPromoted())
        : unsupported(tree);
  }

  private Expr binary(BinaryTree tree, BinaryOp op) {
    Expr left = read(tree.getLeftOperand());
    int mark = pending.mark();
    Expr right = read(tree.getRightOperand());
    if (left == null || right == null) {
      return null;
    }
    boolean logical = op == BinaryOp.AND || op == BinaryOp.OR;
    if (logical && pending.mark() > mark) {
      return sideEffects.shortCircuit(tree, op, left, right, mark);
    }
    left = pending.keepEarlier(left, mark);
    boolean equality = op == BinaryOp.EQ || op == BinaryOp.NE;
    if (equality && left.type() == Type.OBJECT && right.type() == Type.OBJECT) {
      // Comparing references (tag == null) decides a branch; no derivative flows through it.
      return new Expr.Binary(op, left, right, Type.BOOLEAN);
    }
    if (logical || (equality && left.type() == Type.BOOLEAN)) {
      boolean fits = left.type() == Type.BOOLEAN && right.type() == Type.BOOLEAN;
      return fits ? new Expr.Binary(op, left, right, Type.BOOLEAN) : unsupported(tree);
    }
    if (!left.type().isNumeric() || !right.type().isNumeric()) {
      Expr.Var boxed = boxed(left) != null ? (Expr.Var) left
          : boxed(right) != null ? (Expr.Var) right : null;
      if (boxed != null) {
        String primitive = boxed(boxed);
        context.error(tree, Message.BOXED_NUMBER, boxed.name(),
            context.objectTypes().get(boxed.name()), primitive);
        return null;
      }
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
          return convert(operand, Type.FLOAT);
        case CHAR:
          return convert(operand, Type.CHAR);
        default:
          break;
      }
    }
    return unsupported(tree);
  }

  /** {@code a[i]}, {@code m[i][j]}, {@code m[i]} of a local or parameter array. */
  Expr element(ArrayAccessTree tree) {
    var gradients = new GradientCalls(context, this);
    if (gradients.isElementOfGradient(tree)) {
      return gradients.element(tree);
    }
    Expr array = read(tree.getExpression());
    Expr index = read(tree.getIndex());
    if (array == null || index == null) {
      return null;
    }
    if (array instanceof Expr.Invoke call && call.type().isArray() && !inCondition) {
      // An element of a call's result: the result gets a local, and an adjoint.
      array = hoist(call, "_" + call.callee().name(), tree);
    }
    boolean indexable = array instanceof Expr.Var || array instanceof Expr.Index;
    if (!indexable || !array.type().isArray() || index.type() != Type.INT) {
      return unsupported(tree);
    }
    return new Expr.Index(array, index, array.type().element());
  }

  /**
   * {@code new double[n]} or {@code new double[n][m]}, of {@code float} too; initializers are
   * read by declarations.
   */
  Expr newArray(NewArrayTree tree) {
    String element = tree.getType() == null ? "" : tree.getType().toString();
    if (tree.getInitializers() != null || tree.getDimensions().isEmpty()
        || !(element.equals("double") || element.equals("float"))) {
      return unsupported(tree);
    }
    Type scalar = element.equals("float") ? Type.FLOAT : Type.DOUBLE;
    var dimensions = new ArrayList<Expr>();
    for (ExpressionTree dimension : tree.getDimensions()) {
      Expr size = read(dimension);
      if (size == null) {
        return null;
      }
      if (size.type() != Type.INT) {
        return unsupported(dimension);
      }
      dimensions.add(size);
    }
    Type type = switch (dimensions.size()) {
      case 1 -> Type.arrayOf(scalar);
      case 2 -> Type.arrayOf(Type.arrayOf(scalar));
      default -> null;
    };
    return type == null ? unsupported(tree) : new Expr.NewArray(type, dimensions);
  }

  /** {@code (type) operand}, leaving out a cast that would change nothing. */
  static Expr convert(Expr operand, Type type) {
    if (operand.type().equals(type)) {
      return operand;
    }
    if (type == Type.DOUBLE && operand instanceof Expr.Literal l && l.value() instanceof Number n
        && operand.type() != Type.LONG) {
      return Expr.literal(n.doubleValue());
    }
    if (type == Type.FLOAT && operand instanceof Expr.Literal l && l.value() instanceof Number n
        && (operand.type() == Type.INT || (float) n.doubleValue() == n.doubleValue())) {
      return new Expr.Literal(Type.FLOAT, n.floatValue());
    }
    return new Expr.Cast(type, operand);
  }
}
