package dev.leibniz.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
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
import java.util.Optional;

/**
 * Local arrays of records, read as one array per component: {@code R[] ps = new R[n]} declares
 * an array for each, {@code ps[i] = new R(…)} writes each at {@code i}.
 */
final class RecordArrayReader {
  private final ReadContext context;
  private final ExpressionReader expressions;
  private final RecordReader records;
  private final RecordVectors vectors;

  RecordArrayReader(ReadContext context, ExpressionReader expressions, RecordReader records,
      RecordVectors vectors) {
    this.context = context;
    this.expressions = expressions;
    this.records = records;
    this.vectors = vectors;
  }

  /** Whether {@code target} is a local or parameter array of records, {@code ps}. */
  boolean assigns(ExpressionTree target) {
    if (!(target instanceof IdentifierTree id)) {
      return false;
    }
    RecordValues.Value value = context.scope().value(id.getName().toString());
    return value != null && value.array();
  }

  /** Whether {@code target} is an element of an array of records, {@code ps[i]}. */
  boolean assignsElement(ExpressionTree target) {
    if (!(target instanceof ArrayAccessTree access
        && access.getExpression() instanceof IdentifierTree id)) {
      return false;
    }
    RecordValues.Value value = context.scope().value(id.getName().toString());
    return value != null && value.array();
  }

  /** The record type of a declaration {@code R[] ps = …}, if that is what it declares. */
  Optional<Type.Record> declaredArrayType(VariableTree tree) {
    Tree type = tree.getType();
    if (type instanceof ArrayTypeTree array) {
      return records.named(array.getType().toString());
    }
    return Optional.empty();
  }

  /**
   * {@code R[] ps = new R[n]}: a new array per component; other initializers are not followed
   * (an array of records is read as its components' arrays, which no other name may share).
   */
  Stmt declareArray(VariableTree tree, Type.Record type) {
    String name = tree.getName().toString();
    if (records.valueOf(tree.getInitializer()) instanceof RecordValues.Value source
        && source.array() && source.type().equals(type)
        && RecordValues.leafTypes(type).stream().noneMatch(Type::isArray)) {
      RecordValues.Value value = RecordValues.declareArray(context.scope(), name, type);
      context.scope().declareValue(name, value);
      return vectors.copyArrays(tree, value, source, tree.getInitializer().toString(), true);
    }
    if (tree.getInitializer() instanceof MethodInvocationTree call
        && RecordValues.leafTypes(type).stream().noneMatch(Type::isArray)) {
      RecordValues.Value value = RecordValues.declareArray(context.scope(), name, type);
      context.scope().declareValue(name, value);
      return returnedArray(tree, value, call, true);
    }
    if (!(tree.getInitializer() instanceof NewArrayTree created)
        || created.getDimensions().size() != 1 || created.getInitializers() != null
        || RecordValues.leafTypes(type).stream().anyMatch(Type::isArray)) {
      context.error(tree, Message.RECORD_VALUE, tree, "a local array of records is declared"
          + " with new R[n], or as a copy of another array of records, and holds records of"
          + " numbers");
      context.scope().reject(name);
      return null;
    }
    Expr length = expressions.read(created.getDimensions().get(0));
    if (length == null) {
      return null;
    }
    RecordValues.Value value = RecordValues.declareArray(context.scope(), name, type);
    context.scope().declareValue(name, value);
    var statements = new ArrayList<Stmt>();
    for (RecordValues.Leaf leaf : value.leaves()) {
      statements.add(new Stmt.Declare(leaf.var(), new Expr.NewArray(leaf.var().type(),
          List.of(length)), context.source(tree)));
    }
    return new Stmt.Block(statements);
  }

  /** {@code ps[i] = source}: each component's array written at {@code i}. */
  Stmt assignElement(Tree statement, ArrayAccessTree target,
      ExpressionTree value) {
    var array = (RecordValues.Value) records.valueOf(target.getExpression());
    Expr index = expressions.read(target.getIndex());
    Map<List<String>, Expr> source = index == null ? null
        : records.source(value, array.type());
    if (source == null) {
      return null;
    }
    Source where = context.source(statement);
    var first = new ArrayList<Stmt>();
    var then = new ArrayList<Stmt>();
    for (RecordValues.Leaf leaf : array.element(index).leaves()) {
      // Kept first: the source may read the element it replaces.
      Expr.Var kept = context.scope().declare(context.scope().fresh("_" + String.join("_",
          leaf.path())), leaf.value().type());
      first.add(new Stmt.Declare(kept, ExpressionReader.convert(source.get(leaf.path()),
          leaf.value().type()), where));
      then.add(new Stmt.Assign(leaf.value(), kept, where));
    }
    first.addAll(then);
    return new Stmt.Block(first);
  }

  /**
   * {@code state = next} of arrays of records: {@code state}'s arrays given copies of
   * {@code next}'s (see {@link RecordVectors#copyArrays}), or filled from what a call returns.
   */
  Stmt assignArray(Tree statement, RecordValues.Value target, ExpressionTree value) {
    if (value instanceof MethodInvocationTree call) {
      return returnedArray(statement, target, call, false);
    }
    if (!(records.valueOf(value) instanceof RecordValues.Value source && source.array()
        && source.type().equals(target.type()))) {
      context.error(statement, Message.RECORD_VALUE, value, "Leibniz gives an array of records"
          + " another local or parameter array of records of its type");
      return null;
    }
    return vectors.copyArrays(statement, target, source, value.toString(), false);
  }
  /**
   * {@code state = step(state, dt)} of a method returning an array of records: each of
   * {@code target}'s arrays a new one filled from the call's components; null after an error.
   */
  Stmt returnedArray(Tree statement, RecordValues.Value target, MethodInvocationTree call,
      boolean declares) {
    Type.Record rows = Type.Record.rowsOf(target.type());
    if (expressions.recordResult(call).filter(rows::equals).isEmpty()) {
      context.error(call, Message.RECORD_VALUE, call, "Leibniz gives an array of records the"
          + " array of records of its type a @Differentiable method returns");
      return null;
    }
    Map<List<String>, Object> parts = records.returned(call, rows);
    if (parts == null) {
      return null;
    }
    var statements = new ArrayList<Stmt>();
    for (RecordValues.Leaf leaf : target.leaves()) {
      statements.add(vectors.fill(statement, leaf.var(),
          (RecordVectors.Slice) parts.get(RecordReader.prefixed(Type.ROWS, leaf.path())), declares));
    }
    return new Stmt.Block(statements);
  }
}
