package dev.leibniz.processor.read;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Record-typed locals and expressions, read as their components (see {@link RecordValues}):
 * {@code Vec v = new Vec(a, b)} declares {@code v_x = a} and {@code v_y = b}; {@code v = w}
 * assigns each component; {@code v.x()} is the variable {@code v_x}.
 */
final class RecordReader {
  private final ReadContext context;
  private final ExpressionReader expressions;

  RecordReader(ReadContext context, ExpressionReader expressions) {
    this.context = context;
    this.expressions = expressions;
  }

  /** The record type a declaration declares, written or inferred from its initializer. */
  Optional<Type.Record> declaredType(VariableTree tree) {
    Tree type = tree.getType();
    boolean inferred = type == null || type.toString().equals("var");
    if (!inferred) {
      return named(type.toString());
    }
    ExpressionTree init = tree.getInitializer();
    if (init instanceof NewClassTree created) {
      return named(created.getIdentifier().toString());
    }
    Object value = init == null ? null : valueOf(init);
    return value instanceof RecordValues.Value v ? Optional.of(v.type()) : Optional.empty();
  }

  Optional<Type.Record> named(String name) {
    return context.names().type(name).flatMap(t -> RecordValues.typeOf(t.asType()));
  }

  /** Whether {@code tree} is an assignment to a record-typed local or parameter. */
  boolean assigns(ExpressionTree target) {
    return target instanceof IdentifierTree id
        && context.scope().value(id.getName().toString()) != null;
  }

  /**
   * {@code state = next} of arrays of records: not followed, as a second name for a local array
   * of numbers is not when the first holds an array of its own.
   */
  private Stmt assignArray(Tree statement, RecordValues.Value target, ExpressionTree value) {
    context.error(statement, Message.RECORD_VALUE, value, "an array of records keeps its own"
        + " arrays: copy the other's elements into it, state[i] = next[i]");
    return null;
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
    Map<List<String>, Expr> source = source(tree.getInitializer(), type);
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
      statements.add(new Stmt.Declare(leaf.var(), ExpressionReader.convert(
          source.get(leaf.path()), leaf.var().type()), where));
    }
    if (value.leaves().isEmpty()) {
      return new Stmt.Block(List.of());
    }
    return new Stmt.Block(statements);
  }

  /**
   * {@code v = source}: every component assigned; through temporaries first when the source
   * reads the record it replaces ({@code v = new Vec(v.y(), v.x())}).
   */
  Stmt assign(Tree statement, IdentifierTree target, ExpressionTree value) {
    RecordValues.Value record = context.scope().value(target.getName().toString());
    if (record.array()) {
      return assignArray(statement, record, value);
    }
    if (record.leaves().stream().anyMatch(leaf -> !(leaf.value() instanceof Expr.Var))) {
      context.error(statement, Message.RECORD_VALUE, target, "it is the element of an array"
          + " of records a for-each loop is at: give the new record a local of its own");
      return null;
    }
    Map<List<String>, Expr> source = source(value, record.type());
    if (source == null) {
      return null;
    }
    Source where = context.source(statement);
    var first = new ArrayList<Stmt>();
    var then = new ArrayList<Stmt>();
    List<RecordValues.Leaf> leaves = record.leaves();
    var targets = leaves.stream().map(RecordValues.Leaf::var).toList();
    boolean readsItself = source.values().stream()
        .anyMatch(e -> Exprs.variables(e).stream().anyMatch(targets::contains));
    for (RecordValues.Leaf leaf : leaves) {
      Expr part = ExpressionReader.convert(source.get(leaf.path()), leaf.var().type());
      if (readsItself) {
        Expr.Var kept = context.scope().declare(context.scope().fresh("_" + leaf.var().name()),
            leaf.var().type());
        first.add(new Stmt.Declare(kept, part, where));
        part = kept;
      }
      then.add(new Stmt.Assign(leaf.var(), part, where));
    }
    first.addAll(then);
    return new Stmt.Block(first);
  }

  /**
   * {@code return r} of a method returning a record: its components into a new
   * {@code double[]}, in the order of {@link RecordValues#paths}, which is returned.
   */
  Stmt result(ReturnTree tree, Type.Record type) {
    Map<List<String>, Expr> source = source(tree.getExpression(), type);
    if (source == null) {
      return null;
    }
    Source where = context.source(tree);
    List<List<String>> paths = RecordValues.paths(type);
    Expr.Var result = context.scope().declare(context.scope().fresh("_result"),
        Type.DOUBLE_ARRAY);
    var statements = new ArrayList<Stmt>();
    statements.add(new Stmt.Declare(result, new Expr.NewArray(Type.DOUBLE_ARRAY,
        List.of(new Expr.Literal(Type.INT, paths.size()))), where));
    for (int k = 0; k < paths.size(); k++) {
      statements.add(new Stmt.Assign(new Expr.Index(result, new Expr.Literal(Type.INT, k),
          Type.DOUBLE), ExpressionReader.convert(source.get(paths.get(k)), Type.DOUBLE), where));
    }
    statements.add(new Stmt.Return(result, where));
    return new Stmt.Block(statements);
  }

  /**
   * What {@code tree} names when it is a record or a component of one: the component's variable,
   * a nested record's value, or null when it is neither. {@code p.pos().x()} is the variable
   * of {@code x} in the value of {@code pos} in the value of {@code p}.
   */
  Object valueOf(ExpressionTree tree) {
    if (tree instanceof ParenthesizedTree p) {
      return valueOf(p.getExpression());
    }
    if (tree instanceof IdentifierTree id) {
      return context.scope().value(id.getName().toString());
    }
    if (tree instanceof com.sun.source.tree.ArrayAccessTree access
        && valueOf(access.getExpression()) instanceof RecordValues.Value array && array.array()) {
      Expr index = expressions.read(access.getIndex());
      return index == null ? null : array.element(index);
    }
    if (tree instanceof MethodInvocationTree call && call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && valueOf(select.getExpression()) instanceof RecordValues.Value owner) {
      return owner.parts().get(select.getIdentifier().toString());
    }
    // x() in a record's own method: the accessor of its receiver.
    RecordValues.Value self = context.scope().value("this");
    if (tree instanceof MethodInvocationTree call && call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof IdentifierTree accessor && self != null) {
      return self.parts().get(accessor.getName().toString());
    }
    return null;
  }

  /**
   * Whether {@code tree} reads a component of a record value, {@code v.x()}, or in a record's
   * own method {@code x()}.
   */
  boolean readsComponent(MethodInvocationTree tree) {
    if (!tree.getArguments().isEmpty()) {
      return false;
    }
    if (tree.getMethodSelect() instanceof MemberSelectTree select
        && valueOf(select.getExpression()) instanceof RecordValues.Value owner) {
      return owner.type().component(select.getIdentifier().toString()).isPresent();
    }
    return tree.getMethodSelect() instanceof IdentifierTree
        && valueOf(tree) != null;
  }

  /**
   * {@code v.m(args)} of a record value {@code v}: the record's {@code @Differentiable} method,
   * called with {@code v}'s components first; null if {@code tree} is no such call.
   */
  Optional<RecordValues.Value> receiverOf(MethodInvocationTree tree) {
    if (tree.getMethodSelect() instanceof MemberSelectTree select
        && valueOf(select.getExpression()) instanceof RecordValues.Value owner
        && (!tree.getArguments().isEmpty()
            || owner.type().component(select.getIdentifier().toString()).isEmpty())) {
      return Optional.of(owner);
    }
    return Optional.empty();
  }

  /** The class of a record type, for its methods. */
  Optional<javax.lang.model.element.TypeElement> element(Type.Record type) {
    return context.names().type(type.name().packageName().isEmpty() ? type.name().nestedName()
        : type.name().packageName() + "." + type.name().nestedName());
  }

  /** The component {@code v.x()} as its variable; null after an error. */
  Expr component(MethodInvocationTree tree) {
    Object part = valueOf(tree);
    if (part instanceof Expr value) {
      return value;
    }
    context.error(tree, Message.RECORD_VALUE, tree, part == null
        ? "Leibniz reads the components of a record that are numbers, arrays of them or"
            + " records, not this one"
        : "it is a record: read its components, or keep it in a local of its record type");
    return null;
  }

  /**
   * The record type of an argument that is a record value or {@code new R(…)} of a record
   * whose components carry derivatives; empty for any other argument.
   */
  Optional<Type.Record> argumentType(ExpressionTree tree) {
    if (valueOf(tree) instanceof RecordValues.Value v) {
      return Optional.of(v.type());
    }
    return tree instanceof NewClassTree created && created.getClassBody() == null
        ? named(created.getIdentifier().toString())
        : Optional.empty();
  }

  /**
   * The value of each component of a record-typed expression, by path: a record value's
   * variables, or the arguments of {@code new R(…)}; null after an error.
   */
  Map<List<String>, Expr> source(ExpressionTree tree, Type.Record type) {
    Object value = valueOf(tree);
    if (value instanceof RecordValues.Value v && v.type().equals(type) && !v.array()) {
      var parts = new LinkedHashMap<List<String>, Expr>();
      v.leaves().forEach(leaf -> parts.put(leaf.path(), leaf.value()));
      return parts;
    }
    if (tree instanceof NewClassTree created && created.getClassBody() == null
        && named(created.getIdentifier().toString()).filter(type::equals).isPresent()) {
      return constructed(created, type);
    }
    if (tree instanceof MethodInvocationTree call) {
      return returned(call, type);
    }
    context.error(tree, Message.RECORD_VALUE, tree, "Leibniz follows a record built with new,"
        + " another record local or parameter, a component of one, or returned by a"
        + " @Differentiable method");
    return null;
  }

  /**
   * A call of a method returning a record: its components, which the call returns in a new
   * array, read from a local holding it; null after an error.
   */
  private Map<List<String>, Expr> returned(MethodInvocationTree call, Type.Record type) {
    Expr value = expressions.read(call);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Expr.Invoke invoke && invoke.type().equals(Type.DOUBLE_ARRAY)
        && invoke.callee().name().endsWith(RecordValues.COMPONENTS))) {
      context.error(call, Message.RECORD_VALUE, call, "Leibniz follows a record built with new,"
          + " another record local or parameter, a component of one, or returned by a"
          + " @Differentiable method");
      return null;
    }
    Expr.Var held = expressions.hoist(invoke, "_" + invoke.callee().name(), call);
    var parts = new LinkedHashMap<List<String>, Expr>();
    List<List<String>> paths = RecordValues.paths(type);
    for (int k = 0; k < paths.size(); k++) {
      parts.put(paths.get(k), new Expr.Index(held, new Expr.Literal(Type.INT, k), Type.DOUBLE));
    }
    return parts;
  }

  /** {@code new R(a, b, …)}: each argument the value of its component, nested records too. */
  private Map<List<String>, Expr> constructed(NewClassTree created, Type.Record type) {
    var parts = new LinkedHashMap<List<String>, Expr>();
    List<? extends ExpressionTree> args = created.getArguments();
    for (int i = 0; i < type.components().size(); i++) {
      Type.Component c = type.components().get(i);
      if (RecordValues.records(c.type()).isPresent()) {
        context.error(args.get(i), Message.RECORD_VALUE, created, "a record holding an array of"
            + " records is read as a parameter, not built in the method");
        return null;
      }
      if (c.type() instanceof Type.Record nested) {
        Map<List<String>, Expr> inner = source(args.get(i), nested);
        if (inner == null) {
          return null;
        }
        inner.forEach((path, e) -> parts.put(prefixed(c.name(), path), e));
      } else if (RecordValues.isVariable(c.type())) {
        Expr e = expressions.read(args.get(i));
        if (e == null) {
          return null;
        }
        parts.put(List.of(c.name()), e);
      }
    }
    return parts;
  }

  private static List<String> prefixed(String first, List<String> rest) {
    var path = new ArrayList<String>();
    path.add(first);
    path.addAll(rest);
    return path;
  }
}
