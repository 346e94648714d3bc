package dev.leibniz.processor.read;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lowers the statements of a method body to the IR: blocks, branches, loops and jumps keep their
 * structure; a {@code for} loop's initializer becomes the statements before the loop, and a
 * for-each over an array an index loop. Declarations and assignments are read by
 * {@link AssignmentReader}.
 */
final class StatementReader {
  private final ReadContext context;
  private final ExpressionReader expressions;
  private final AssignmentReader assignments;
  /** The method body's last statement, the one place a method without a double returns. */
  private StatementTree last;
  private final JumpTargets jumps = new JumpTargets();
  /** The label of the loop about to be read, from the labeled statement it stands in. */
  private String loopLabel;

  StatementReader(ReadContext context) {
    this.context = context;
    this.expressions = new ExpressionReader(context);
    this.assignments = new AssignmentReader(context, expressions);
    expressions.readSwitchExpressionsWith(this::switchExpression);
  }

  /** The method body. */
  Stmt.Block body(BlockTree body) {
    List<? extends StatementTree> statements = body.getStatements();
    last = statements.isEmpty() ? null : statements.get(statements.size() - 1);
    Stmt.Block block = block(statements);
    assignments.finish(block);
    return block;
  }

  Stmt.Block block(List<? extends StatementTree> statements) {
    context.scope().enter();
    var lowered = new ArrayList<Stmt>();
    statements.forEach(statement -> add(statement, lowered));
    context.scope().exit();
    return new Stmt.Block(lowered);
  }

  /** The statement as a block of its own, as the body of a branch or a loop. */
  private Stmt.Block nested(StatementTree statement) {
    if (statement instanceof BlockTree block) {
      return block(block.getStatements());
    }
    return block(List.of(statement));
  }

  private void add(StatementTree statement, List<Stmt> out) {
    Stmt stmt = statement(statement);
    out.addAll(expressions.drainPending());
    if (stmt != null) {
      out.add(stmt);
    }
  }

  private Stmt statement(StatementTree tree) {
    switch (tree.getKind()) {
      case VARIABLE:
      case EXPRESSION_STATEMENT:
        return assignments.read(tree);
      case RETURN:
        return returnStatement((ReturnTree) tree);
      case BLOCK:
        return block(((BlockTree) tree).getStatements());
      case IF:
        return ifStatement((IfTree) tree);
      case WHILE_LOOP:
        return whileLoop((WhileLoopTree) tree);
      case DO_WHILE_LOOP:
        return doWhileLoop((DoWhileLoopTree) tree);
      case FOR_LOOP:
        return forLoop((ForLoopTree) tree);
      case ENHANCED_FOR_LOOP:
        return forEach((EnhancedForLoopTree) tree);
      case SWITCH:
        return switchStatement((SwitchTree) tree);
      case BREAK:
        return jumps.breakOf(name(((BreakTree) tree).getLabel()), context.source(tree));
      case CONTINUE:
        return jumps.continueOf(name(((ContinueTree) tree).getLabel()), context.source(tree));
      case LABELED_STATEMENT:
        return labeled((LabeledStatementTree) tree);
      case YIELD:
        return yieldStatement((YieldTree) tree);
      case EMPTY_STATEMENT:
        return null;
      default:
        return unsupported(tree);
    }
  }

  private Stmt switchStatement(SwitchTree tree) {
    var reader = new SwitchReader(context, expressions, this::block);
    Stmt read = jumps.inside(reader, () -> reader.read(tree));
    Optional<Expr.Var> continued = reader.continued();
    if (read == null || continued.isEmpty()) {
      return read;
    }
    Source source = context.source(tree);
    var statements = new ArrayList<>(((Stmt.Block) read).statements());
    statements.add(new Stmt.If(continued.get(),
        new Stmt.Block(List.of(jumps.continueOf(null, source))), new Stmt.Block(List.of()),
        source));
    return new Stmt.Block(statements);
  }

  /** A switch expression's value, its statements pending before the statement holding it. */
  private Expr switchExpression(SwitchExpressionTree tree) {
    var reader = new SwitchReader(context, expressions, this::block);
    return jumps.inside(reader, () -> reader.read(tree));
  }

  private Stmt yieldStatement(YieldTree tree) {
    Expr value = expressions.read(tree.getValue());
    if (value == null) {
      return null;
    }
    Source source = context.source(tree);
    var statements = new ArrayList<>(expressions.drainPending());
    statements.add(jumps.yieldOf(value, source));
    return statements.size() == 1 ? statements.get(0) : new Stmt.Block(statements);
  }

  private static String name(javax.lang.model.element.Name label) {
    return label == null ? null : label.toString();
  }

  /**
   * {@code label: statement}. A labeled loop carries its label; any other statement that a
   * {@code break label} leaves becomes a loop that runs once, which that break leaves.
   */
  private Stmt labeled(LabeledStatementTree tree) {
    String label = tree.getLabel().toString();
    StatementTree inner = tree.getStatement();
    if (LOOPS.contains(inner.getKind())) {
      loopLabel = label;
      return statement(inner);
    }
    JumpTargets.Block target = jumps.block(label);
    Stmt.Block body = jumps.inside(target, () -> nested(inner));
    if (!target.left()) {
      return body;
    }
    var once = new Expr.Literal(Type.BOOLEAN, false);
    return new Stmt.Loop(once, body, new Stmt.Block(List.of()), false, context.source(tree),
        label);
  }

  private static final Set<Tree.Kind> LOOPS = EnumSet.of(Tree.Kind.WHILE_LOOP,
      Tree.Kind.DO_WHILE_LOOP, Tree.Kind.FOR_LOOP, Tree.Kind.ENHANCED_FOR_LOOP);

  /** The label the loop being read carries: taken once, so that loops inside it get none. */
  private JumpTargets.Loop loopTarget() {
    JumpTargets.Loop target = jumps.loop(loopLabel);
    loopLabel = null;
    return target;
  }

  /** The body of a loop, in which {@code continue} is the loop's own. */
  private Stmt.Block loopBody(StatementTree statement, JumpTargets.Loop target) {
    return jumps.inside(target, () -> nested(statement));
  }

  private Stmt unsupported(Tree tree) {
    context.error(tree, Message.UNSUPPORTED_STATEMENT, Constructs.describe(tree),
        Constructs.rewrite(tree));
    return null;
  }

  private Stmt ifStatement(IfTree tree) {
    Expr condition = expressions.condition(tree.getCondition());
    // What the condition runs first (an assignment in it) runs before the branch.
    List<Stmt> first = expressions.drainPending();
    Stmt.Block then = nested(tree.getThenStatement());
    Stmt.Block otherwise =
        tree.getElseStatement() == null ? new Stmt.Block(List.of()) : nested(tree.getElseStatement());
    if (condition == null) {
      return null;
    }
    var branch = new Stmt.If(condition, then, otherwise, context.source(tree));
    if (first.isEmpty()) {
      return branch;
    }
    var statements = new ArrayList<>(first);
    statements.add(branch);
    return new Stmt.Block(statements);
  }

  private Stmt whileLoop(WhileLoopTree tree) {
    JumpTargets.Loop target = loopTarget();
    Expr condition = expressions.condition(tree.getCondition());
    List<Stmt> first = expressions.drainPending();
    Stmt.Block body = loopBody(tree.getStatement(), target);
    return condition == null ? null
        : ConditionFirst.loop(first, loop(condition, body, List.of(), true, tree, target));
  }

  private Stmt doWhileLoop(DoWhileLoopTree tree) {
    JumpTargets.Loop target = loopTarget();
    Stmt.Block body = loopBody(tree.getStatement(), target);
    Expr condition = expressions.condition(tree.getCondition());
    List<Stmt> first = expressions.drainPending();
    return condition == null ? null
        : ConditionFirst.loop(first, loop(condition, body, List.of(), false, tree, target));
  }

  /** {@code for (init; condition; update) body} as {@code init; while (condition) {...}}. */
  private Stmt forLoop(ForLoopTree tree) {
    JumpTargets.Loop target = loopTarget();
    context.scope().enter();
    var statements = new ArrayList<Stmt>();
    tree.getInitializer().forEach(init -> add(init, statements));
    Expr condition = tree.getCondition() == null
        ? new Expr.Literal(Type.BOOLEAN, true)
        : expressions.condition(tree.getCondition());
    List<Stmt> first = expressions.drainPending();
    var update = new ArrayList<Stmt>();
    tree.getUpdate().forEach(step -> add(step, update));
    Stmt.Block body = loopBody(tree.getStatement(), target);
    context.scope().exit();
    if (condition == null) {
      return null;
    }
    statements.add(ConditionFirst.loop(first, loop(condition, body, update, true, tree, target)));
    return new Stmt.Block(statements);
  }

  /**
   * {@code for (double v : xs) body} as an index loop over {@code xs}; over the rows of a
   * matrix, {@code for (double[] row : m)}, the loop variable names each row in turn.
   */
  private Stmt forEach(EnhancedForLoopTree tree) {
    JumpTargets.Loop target = loopTarget();
    ExpressionTree iterable = tree.getExpression();
    Object records = new RecordReader(context, expressions).valueOf(iterable);
    if (records instanceof RecordValues.Value array && array.array()) {
      return forEachRecord(tree, array, target);
    }
    Expr.Var array = iterable instanceof IdentifierTree id
        ? context.scope().lookup(id.getName().toString())
        : null;
    if (array == null || !array.type().isArray()) {
      var type = iterable instanceof IdentifierTree id
          ? context.objectTypes().get(id.getName().toString())
          : null;
      if (CallReader.isCollection(type)) {
        // An index loop would only meet the boxed elements: say what works the first time.
        context.error(iterable, Message.COLLECTION, iterable, type);
      } else {
        context.error(iterable, Message.ARRAY_ITERATION, iterable);
      }
      return null;
    }
    context.scope().enter();
    Source source = context.source(tree);
    Expr.Var index = context.scope().declare(context.scope().fresh("_i"), Type.INT);
    var current = new Expr.Index(array, index, array.type().element());
    Expr.Var element = assignments.loopVariable(tree.getVariable(), array, current);
    Stmt.Block body = loopBody(tree.getStatement(), target);
    context.scope().exit();
    if (element == null) {
      return null;
    }
    var statements = new ArrayList<Stmt>();
    statements.add(new Stmt.Declare(element, current, source));
    statements.addAll(body.statements());
    Expr condition = new Expr.Binary(BinaryOp.LT, index, new Expr.Length(array), Type.BOOLEAN);
    Stmt increment = new Stmt.Assign(
        index, new Expr.Binary(BinaryOp.ADD, index, new Expr.Literal(Type.INT, 1), Type.INT), source);
    return new Stmt.Block(List.of(
        new Stmt.Declare(index, new Expr.Literal(Type.INT, 0), source),
        new Stmt.Loop(condition, new Stmt.Block(statements), new Stmt.Block(List.of(increment)),
            true, source, target.label())));
  }

  /**
   * {@code for (P p : ps)} over an array of records: an index loop whose record local
   * {@code p} is {@code ps[i]}, its components each array's element.
   */
  private Stmt forEachRecord(EnhancedForLoopTree tree, RecordValues.Value records,
      JumpTargets.Loop target) {
    context.scope().enter();
    Source source = context.source(tree);
    Expr.Var index = context.scope().declare(context.scope().fresh("_i"), Type.INT);
    String name = tree.getVariable().getName().toString();
    // The loop's record is the current element: its components are the arrays' elements.
    context.scope().declareValue(name, records.element(index));
    Stmt.Block body = loopBody(tree.getStatement(), target);
    context.scope().exit();
    var statements = new ArrayList<Stmt>(body.statements());
    Expr condition = new Expr.Binary(BinaryOp.LT, index, records.length(), Type.BOOLEAN);
    Stmt increment = new Stmt.Assign(
        index, new Expr.Binary(BinaryOp.ADD, index, new Expr.Literal(Type.INT, 1), Type.INT), source);
    return new Stmt.Block(List.of(
        new Stmt.Declare(index, new Expr.Literal(Type.INT, 0), source),
        new Stmt.Loop(condition, new Stmt.Block(statements), new Stmt.Block(List.of(increment)),
            true, source, target.label())));
  }

  private Stmt.Loop loop(Expr condition, Stmt.Block body, List<Stmt> update, boolean testFirst,
      Tree tree, JumpTargets.Loop target) {
    return new Stmt.Loop(condition, body, new Stmt.Block(update), testFirst, context.source(tree),
        target.label());
  }

  private Stmt returnStatement(ReturnTree tree) {
    if (context.resultRecord() != null && tree == last) {
      return assignments.recordResult(tree);
    }
    if (!context.returnType().isFloating()) {
      if (tree != last) {
        context.error(tree, Message.ARRAY_RESULT, tree.toString().trim(),
            "a method returning " + context.returnType().javaName() + " returns once, at its"
                + " end: keep the result in a local and return it there");
        return null;
      }
      return context.returnType() == Type.VOID ? null : assignments.arrayResult(tree);
    }
    Expr value = expressions.read(tree.getExpression());
    return value == null
        ? null
        : new Stmt.Return(ExpressionReader.convert(value, context.returnType()),
            context.source(tree));
  }
}
