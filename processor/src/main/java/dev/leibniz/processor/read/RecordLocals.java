package dev.leibniz.processor.read;

import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Record-typed locals, declared and assigned: {@code Vec v = new Vec(a, b)} declares
 * {@code v_x = a} and {@code v_y = b}; {@code v = w} assigns each component (through
 * temporaries when {@code w} reads {@code v}); {@code v = c ? a : b} assigns in an if; a
 * vector component is held in an array of the local's own ({@link RecordVectors}).
 */
final class RecordLocals {
  private final ReadContext context;
  private final ExpressionReader expressions;
  private final RecordReader records;
  private final RecordVectors vectors;

  RecordLocals(ReadContext context, ExpressionReader expressions, RecordReader records,
      RecordVectors vectors) {
    this.context = context;
    this.expressions = expressions;
    this.records = records;
    this.vectors = vectors;
  }

  /**
   * {@code v = c ? a : b}: an if giving {@code v} one record or the other, what each branch
   * calls inside it, so that only the branch taken runs; null after an error.
   */
  private Stmt chosen(Tree statement, String name, ConditionalExpressionTree choice) {
    Expr condition = expressions.condition(choice.getCondition());
    List<Stmt> first = new ArrayList<>(expressions.drainPending());
    Stmt then = assign(statement, name, choice.getTrueExpression());
    List<Stmt> thenFirst = new ArrayList<>(expressions.drainPending());
    Stmt otherwise = assign(statement, name, choice.getFalseExpression());
    List<Stmt> otherwiseFirst = new ArrayList<>(expressions.drainPending());
    if (condition == null || then == null || otherwise == null) {
      return null;
    }
    thenFirst.add(then);
    otherwiseFirst.add(otherwise);
    first.add(new Stmt.If(condition, new Stmt.Block(thenFirst), new Stmt.Block(otherwiseFirst),
        context.source(statement)));
    return new Stmt.Block(first);
  }
  /** {@code R v = c ? a : b}: {@code v}'s variables declared, then {@link #chosen}. */
  private Stmt declareChosen(VariableTree tree, Type.Record type,
      ConditionalExpressionTree choice) {
    String name = tree.getName().toString();
    RecordValues.Value value = RecordValues.declare(context.scope(), name, type);
    context.scope().declareValue(name, value);
    var statements = new ArrayList<Stmt>();
    for (RecordValues.Leaf leaf : value.leaves()) {
      statements.add(copied(leaf.var().type())
          ? vectors.declareEmpty(tree, leaf.var(), RecordVectors.accessors(name, leaf.path()))
          : new Stmt.Declare(leaf.var(), Expr.defaultOf(leaf.var().type()),
              context.source(tree)));
    }
    Stmt chosen = chosen(tree, name, choice);
    if (chosen == null) {
      context.scope().reject(name);
      return null;
    }
    statements.add(chosen);
    return new Stmt.Block(statements);
  }
  /** {@code R v = source}: a variable per component, each given its value; null on error. */
  Stmt declare(VariableTree tree, Type.Record type) {
    String name = tree.getName().toString();
    if (tree.getInitializer() == null) {
      context.error(tree, Message.RECORD_VALUE, name, "a record local is given its value where"
          + " it is declared");
      context.scope().reject(name);
      return null;
    }
    if (tree.getInitializer() instanceof ConditionalExpressionTree choice) {
      return declareChosen(tree, type, choice);
    }
    return declared(name, tree.getInitializer(), type, tree);
  }

  /**
   * The record local {@code name} declared with the value of {@code initializer}, at
   * {@code tree}; null after an error.
   */
  Stmt declared(String name, ExpressionTree initializer, Type.Record type, Tree tree) {
    Map<List<String>, Object> source = records.parts(initializer, type);
    if (source == null) {
      // Its uses add no errors of their own: one error per cause.
      context.scope().reject(name);
      return null;
    }
    // A component the source does not have (an int of an array of records) is not read.
    RecordValues.Value value = RecordValues.declare(context.scope(), name, type)
        .only(source.keySet());
    context.scope().declareValue(name, value);
    var statements = new ArrayList<Stmt>();
    Source where = context.source(tree);
    for (RecordValues.Leaf leaf : value.leaves()) {
      Object part = source.get(leaf.path());
      statements.add(copied(leaf.var().type())
          ? vectors.copy(tree, leaf.var(), RecordVectors.accessors(name, leaf.path()), part, true)
          : new Stmt.Declare(leaf.var(), ExpressionReader.convert((Expr) part,
              leaf.var().type()), where));
    }
    if (value.leaves().isEmpty()) {
      return new Stmt.Block(List.of());
    }
    return new Stmt.Block(statements);
  }
  /**
   * Whether a record local holds a component of this type in an array of its own: a vector,
   * or an array of an array of records' component.
   */
  private static boolean copied(Type type) {
    return type.isArray() && type.rank() == 1;
  }
  /**
   * {@code v = source}: every component assigned; through temporaries first when the source
   * reads the record it replaces ({@code v = new Vec(v.y(), v.x())}).
   */
  Stmt assign(Tree statement, IdentifierTree target, ExpressionTree value) {
    return assign(statement, target.getName().toString(), value);
  }
  private Stmt assign(Tree statement, String name, ExpressionTree value) {
    RecordValues.Value record = context.scope().value(name);
    if (record.leaves().stream().anyMatch(leaf -> !(leaf.value() instanceof Expr.Var))) {
      context.error(statement, Message.RECORD_VALUE, name, "it is the element of an array"
          + " of records a for-each loop is at: give the new record a local of its own");
      return null;
    }
    if (value instanceof ConditionalExpressionTree choice) {
      return chosen(statement, name, choice);
    }
    Map<List<String>, Object> source = records.parts(value, record.type());
    if (source == null) {
      return null;
    }
    Source where = context.source(statement);
    var first = new ArrayList<Stmt>();
    var then = new ArrayList<Stmt>();
    List<RecordValues.Leaf> leaves = record.leaves();
    var targets = leaves.stream().map(RecordValues.Leaf::var).toList();
    boolean readsItself = source.values().stream()
        .anyMatch(e -> RecordVectors.variables(e).stream().anyMatch(targets::contains));
    for (RecordValues.Leaf leaf : leaves) {
      Object part = source.get(leaf.path());
      String accessors = RecordVectors.accessors(name, leaf.path());
      Expr.Var kept = !readsItself ? null : context.scope().declare(
          context.scope().fresh("_" + leaf.var().name()), leaf.var().type());
      if (copied(leaf.var().type())) {
        if (kept != null) {
          first.add(vectors.copy(statement, kept, accessors, part, true));
        }
        then.add(vectors.copy(statement, leaf.var(), accessors, kept == null ? part : kept,
            false));
        continue;
      }
      Expr number = ExpressionReader.convert((Expr) part, leaf.var().type());
      if (kept != null) {
        first.add(new Stmt.Declare(kept, number, where));
      }
      then.add(new Stmt.Assign(leaf.var(), kept == null ? number : kept, where));
    }
    first.addAll(then);
    return new Stmt.Block(first);
  }}
