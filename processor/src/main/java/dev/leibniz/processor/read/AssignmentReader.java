package dev.leibniz.processor.read;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
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
import java.util.Optional;

/**
 * Reads declarations and assignments. Compound assignments and increments become plain
 * assignments with Java's implicit narrowing made explicit ({@code k += x} on an int {@code k} is
 * {@code k = (int) (k + x)}); an array initializer becomes a new array and one assignment per
 * element.
 */
final class AssignmentReader {
  private static final Map<Tree.Kind, BinaryOp> COMPOUND_OPS =
      Map.of(
          Tree.Kind.PLUS_ASSIGNMENT, BinaryOp.ADD,
          Tree.Kind.MINUS_ASSIGNMENT, BinaryOp.SUB,
          Tree.Kind.MULTIPLY_ASSIGNMENT, BinaryOp.MUL,
          Tree.Kind.DIVIDE_ASSIGNMENT, BinaryOp.DIV,
          Tree.Kind.REMAINDER_ASSIGNMENT, BinaryOp.REM);

  private final ReadContext context;
  private final ExpressionReader expressions;
  private final ArrayNames arrayNames;
  private final ArrayLibrary library;
  private final RecordReader records;
  private final RecordVectors vectors;
  private final RecordLocals locals;
  private final RecordArrayReader recordArrays;

  AssignmentReader(ReadContext context, ExpressionReader expressions) {
    this.context = context;
    this.expressions = expressions;
    this.arrayNames = new ArrayNames(context);
    this.library = new ArrayLibrary(context, expressions, arrayNames);
    this.vectors = new RecordVectors(context, arrayNames, library);
    this.records = new RecordReader(context, expressions, vectors, library);
    this.locals = new RecordLocals(context, expressions, records, vectors);
    this.recordArrays = new RecordArrayReader(context, expressions, records, vectors);
    expressions.readAssignmentsWith(this);
  }

  /** Checks what can only be checked once the whole body is read. */
  void finish(Stmt.Block body) {
    arrayNames.checkReassignedOwners();
    vectors.check(body, context.sites());
  }

  /**
   * A record local {@code name} holding the value of {@code initializer}, declared at
   * {@code tree}; null after an error.
   */
  Stmt recordLocal(String name, ExpressionTree initializer, Type.Record type, Tree tree) {
    return locals.declared(name, initializer, type, tree);
  }

  /** {@code return r} of a method returning a record: its components in a new array. */
  Stmt recordResult(com.sun.source.tree.ReturnTree tree) {
    return records.result(tree, context.resultRecord());
  }

  /** A declaration or an expression statement. */
  Stmt read(StatementTree tree) {
    if (tree instanceof VariableTree variable) {
      return declaration(variable);
    }
    return expressionStatement((ExpressionStatementTree) tree);
  }

  /**
   * The variable of a for-each loop over {@code array}: a {@code double} for a vector, a name
   * for each row of a matrix.
   */
  Expr.Var loopVariable(VariableTree tree, Expr.Var array, Expr.Index element) {
    Type type = inferred(tree) ? array.type().element() : LocalTypes.declared(context, tree);
    if (type == null) {
      return null;
    }
    if (type != array.type().element()) {
      context.error(tree, Message.ARRAY_ITERATION, tree.getName());
      return null;
    }
    Expr.Var variable = context.scope().declare(tree.getName().toString(), type);
    return !type.isArray() || arrayNames.accept(tree, variable, element, true) ? variable : null;
  }

  private Stmt declaration(VariableTree tree) {
    var gradients = new GradientCalls(context, expressions);
    if (tree.getInitializer() instanceof MethodInvocationTree call
        && gradients.isCompanionCall(call) && !gradients.isGradientCall(call)) {
      return gradients.record(tree.getName().toString(), call, context.source(tree), library);
    }
    Optional<Type.Record> record = records.declaredType(tree);
    if (record.isPresent()) {
      return locals.declare(tree, record.get());
    }
    Optional<Type.Record> elements = recordArrays.declaredArrayType(tree);
    if (elements.isPresent()) {
      return recordArrays.declareArray(tree, elements.get());
    }
    boolean inferred = inferred(tree);
    Type declared = inferred ? null : LocalTypes.declared(context, tree);
    if (!inferred && declared == null) {
      return null;
    }
    ExpressionTree initializer = tree.getInitializer();
    if (declared != null && declared.isArray() && isInitializerList(initializer)) {
      return arrayInitializer(tree, declared, (NewArrayTree) initializer);
    }
    if (Type.DOUBLE_ARRAY.equals(declared) && library.isCopy(initializer)) {
      Expr.Var variable = context.scope().declare(tree.getName().toString(), declared);
      return copy(tree, variable, (MethodInvocationTree) initializer, true);
    }
    Expr init = initializer == null ? null : expressions.read(initializer);
    Type type = inferred ? (init == null ? null : init.type()) : declared;
    if (type == null || (initializer != null && init == null)) {
      // Declared all the same, so that its uses do not add errors of their own.
      context.scope().declare(tree.getName().toString(), type == null ? Type.DOUBLE : type);
      return null;
    }
    Expr.Var variable = context.scope().declare(tree.getName().toString(), type);
    if (type.isArray() && init != null && !arrayNames.accept(tree, variable, init, true)) {
      return null;
    }
    Expr value = init == null ? null : ExpressionReader.convert(init, type);
    return new Stmt.Declare(variable, value, context.source(tree));
  }

  private static boolean inferred(VariableTree tree) {
    return tree.getType() == null || tree.getType().toString().equals("var");
  }

  private static boolean isInitializerList(ExpressionTree initializer) {
    return initializer instanceof NewArrayTree array && array.getInitializers() != null;
  }

  /**
   * {@code double[] a = {e0, e1}} as {@code a = new double[2]; a[0] = e0; a[1] = e1;}, and the
   * same for {@code float[]}.
   */
  private Stmt arrayInitializer(VariableTree tree, Type type, NewArrayTree initializer) {
    if (!Type.DOUBLE_ARRAY.equals(type) && !Type.FLOAT_ARRAY.equals(type)) {
      return unsupported(initializer);
    }
    Expr.Var array = context.scope().declare(tree.getName().toString(), type);
    arrayNames.accept(tree, array, new Expr.NewArray(type, List.of()), true);
    return elements(array, initializer, context.source(tree));
  }

  /** {@code new double[] {e0, e1}} into {@code array}, declaring it; null after an error. */
  private Stmt elements(Expr.Var array, NewArrayTree initializer, Source source) {
    var elements = new ArrayList<Expr>();
    for (ExpressionTree element : initializer.getInitializers()) {
      Expr value = expressions.read(element);
      if (value == null || !value.type().isNumeric()) {
        return value == null ? null : unsupported(element);
      }
      elements.add(ExpressionReader.convert(value, ((Type.Array) array.type()).element()));
    }
    return withElements(array, elements, source);
  }

  private static Stmt withElements(Expr.Var array, List<Expr> elements, Source source) {
    Type type = array.type();
    Expr size = new Expr.Literal(Type.INT, elements.size());
    var statements = new ArrayList<Stmt>();
    statements.add(new Stmt.Declare(array, new Expr.NewArray(type, List.of(size)), source));
    for (int i = 0; i < elements.size(); i++) {
      var element = new Expr.Index(array, new Expr.Literal(Type.INT, i),
          ((Type.Array) type).element());
      statements.add(new Stmt.Assign(element, elements.get(i), source));
    }
    return new Stmt.Block(statements);
  }



  private Stmt expressionStatement(ExpressionStatementTree tree) {
    return effect(tree.getExpression(), tree);
  }

  /**
   * The statement {@code expression} is, on its own or inside another expression; errors and
   * the source line are at {@code tree}. Null after an error.
   */
  Stmt effect(ExpressionTree expression, Tree tree) {
    if (expression instanceof AssignmentTree assignment
        && library.isCopy(assignment.getExpression())) {
      Expr target = target(assignment.getVariable());
      return target instanceof Expr.Var v && Type.DOUBLE_ARRAY.equals(v.type())
          ? copy(tree, v, (MethodInvocationTree) assignment.getExpression(), false)
          : target == null ? null : unsupported(tree);
    }
    if (library.isStatement(expression)) {
      List<Stmt> loop = library.statement((MethodInvocationTree) expression, context.source(tree));
      return loop == null ? null : new Stmt.Block(loop);
    }
    if (expression instanceof MethodInvocationTree call) {
      return writingCall(call);
    }
    if (expression instanceof AssignmentTree assignment && assignsRecords(assignment)) {
      return recordAssignment(tree, assignment);
    }
    if (expression instanceof AssignmentTree assignment) {
      Expr target = target(assignment.getVariable());
      int mark = expressions.pending().mark();
      Expr value = target == null ? null : expressions.read(assignment.getExpression());
      return value == null ? null : assign(tree, kept(target, mark), value);
    }
    if (expression instanceof CompoundAssignmentTree compound
        && COMPOUND_OPS.containsKey(expression.getKind())) {
      Expr target = target(compound.getVariable());
      int mark = expressions.pending().mark();
      Expr value = target == null ? null : expressions.read(compound.getExpression());
      if (value == null) {
        return null;
      }
      // Java reads the variable's value before the right operand: keep it where that changes it.
      Expr current = expressions.pending().keepEarlier(target, mark);
      return update(tree, kept(target, mark), current, COMPOUND_OPS.get(expression.getKind()),
          value);
    }
    if (expression instanceof UnaryTree unary && isIncrement(expression.getKind())) {
      Expr target = target(unary.getExpression());
      boolean up = expression.getKind().name().endsWith("INCREMENT");
      return target == null ? null : update(tree, target, target, up ? BinaryOp.ADD : BinaryOp.SUB,
          new Expr.Literal(Type.INT, 1));
    }
    context.error(tree, Message.UNSUPPORTED_STATEMENT, Constructs.describe(expression),
        Constructs.rewrite(expression));
    return null;
  }

  /** Whether an assignment's target is a record, an array of records, or an element of one. */
  private boolean assignsRecords(AssignmentTree assignment) {
    ExpressionTree target = assignment.getVariable();
    return recordArrays.assignsElement(target) || recordArrays.assigns(target)
        || records.assigns(target);
  }

  /** {@code ps[i] = r}, {@code state = next} or {@code v = r}; null after an error. */
  private Stmt recordAssignment(Tree tree, AssignmentTree assignment) {
    ExpressionTree target = assignment.getVariable();
    if (recordArrays.assignsElement(target)) {
      return recordArrays.assignElement(tree, (com.sun.source.tree.ArrayAccessTree) target,
          assignment.getExpression());
    }
    String name = ((IdentifierTree) target).getName().toString();
    return recordArrays.assigns(target)
        ? recordArrays.assignArray(tree, context.scope().value(name), assignment.getExpression())
        : locals.assign(tree, (IdentifierTree) target, assignment.getExpression());
  }

  private Stmt assign(Tree tree, Expr target, Expr value) {
    if (target.type().isArray()) {
      if (!value.type().equals(target.type()) || !(target instanceof Expr.Var variable)) {
        return unsupported(tree);
      }
      if (!arrayNames.accept(tree, variable, value, false)) {
        return null;
      }
    } else if (!LocalTypes.compatible(value.type(), target.type())) {
      return unsupported(tree);
    }
    return new Stmt.Assign(target, ExpressionReader.convert(value, target.type()), context.source(tree));
  }

  /**
   * {@code return e} of a method returning {@code double[]}: a local array of its own, which a
   * caller receives as a new array. A new array, an initializer, a copy or a call's result is
   * put in a local first.
   */
  Stmt arrayResult(com.sun.source.tree.ReturnTree tree) {
    ExpressionTree returned = tree.getExpression();
    Source source = context.source(tree);
    var statements = new ArrayList<Stmt>();
    Expr.Var result;
    if (isInitializerList(returned) || library.isCopy(returned)) {
      result = context.scope().declare(context.scope().fresh("_result"), Type.DOUBLE_ARRAY);
      Stmt made = isInitializerList(returned)
          ? elements(result, (NewArrayTree) returned, source)
          : copy(tree, result, (MethodInvocationTree) returned, true);
      if (made == null) {
        return null;
      }
      statements.add(made);
    } else {
      Expr value = expressions.read(returned);
      if (value == null) {
        return null;
      }
      if (value instanceof Expr.Var v && arrayNames.isLocalOwner(v)) {
        result = v;
      } else if (Type.DOUBLE_ARRAY.equals(value.type())
          && (value instanceof Expr.Invoke || value instanceof Expr.NewArray)) {
        result = context.scope().declare(context.scope().fresh("_result"), Type.DOUBLE_ARRAY);
        statements.add(new Stmt.Declare(result, value, source));
      } else {
        context.error(tree, Message.ARRAY_RESULT, tree.toString().trim(), "a method returning"
            + " double[] returns a local array of its own, which its callers receive as a new"
            + " array; return a copy (" + returned + ".clone()) instead");
        return null;
      }
    }
    statements.add(new Stmt.Return(result, source));
    return new Stmt.Block(statements);
  }

  /** {@code rate(t, y, k1);}, a method writing into {@code k1}. */
  private Stmt writingCall(MethodInvocationTree call) {
    return expressions.writingCall(call, arrayNames);
  }

  /** {@code target = a.clone()} and the like: a new array for {@code target}, filled by a loop. */
  private Stmt copy(Tree tree, Expr.Var target, MethodInvocationTree call, boolean declares) {
    var placeholder = new Expr.NewArray(Type.DOUBLE_ARRAY, List.of());
    if (!arrayNames.accept(tree, target, placeholder, declares)) {
      return null;
    }
    List<Stmt> statements = library.copyInto(call, target, declares, context.source(tree));
    return statements == null ? null : new Stmt.Block(statements);
  }

  /**
   * {@code target op= value}, which Java defines as {@code target = (T) (target op value)}, the
   * target's value {@code current} as it was before {@code value} was evaluated.
   */
  private Stmt update(Tree tree, Expr target, Expr current, BinaryOp op, Expr value) {
    if (!target.type().isNumeric() || !value.type().isNumeric()) {
      return unsupported(tree);
    }
    Type type = Type.promote(target.type(), value.type());
    Expr combined = new Expr.Binary(op, current, value, type);
    return new Stmt.Assign(
        target, ExpressionReader.convert(combined, target.type()), context.source(tree));
  }

  /**
   * {@code target} with the indices of an element kept in locals where the value read since
   * {@code mark} changes what they read: Java evaluates them first.
   */
  private Expr kept(Expr target, int mark) {
    if (target instanceof Expr.Index element) {
      return new Expr.Index(kept(element.array(), mark),
          expressions.pending().keepEarlier(element.index(), mark), element.type());
    }
    return target;
  }

  /** A local, a parameter, or an element of a local or parameter array. */
  private Expr target(ExpressionTree tree) {
    if (tree instanceof IdentifierTree id) {
      Expr.Var variable = context.scope().lookup(id.getName().toString());
      if (variable != null) {
        return variable;
      }
    } else if (tree.getKind() == Tree.Kind.ARRAY_ACCESS) {
      Expr element = expressions.read(tree);
      if (element == null || element.type().isFloating()) {
        return element;
      }
    }
    context.error(tree, Message.ASSIGNMENT_TARGET, tree);
    return null;
  }

  private Stmt unsupported(Tree tree) {
    expressions.unsupported(tree);
    return null;
  }



  private static boolean isIncrement(Tree.Kind kind) {
    return kind == Tree.Kind.PREFIX_INCREMENT
        || kind == Tree.Kind.POSTFIX_INCREMENT
        || kind == Tree.Kind.PREFIX_DECREMENT
        || kind == Tree.Kind.POSTFIX_DECREMENT;
  }
}
