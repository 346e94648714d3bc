package dev.leibniz.processor.read;

import com.sun.source.tree.ConditionalExpressionTree;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Record-typed expressions, read as their components (see {@link RecordValues}): {@code v.x()}
 * is the variable {@code v_x}, {@code new Vec(a, b)} the values {@code a} and {@code b}, a
 * call's record the numbers of the array it returns ({@link ComponentLayout}). Locals are
 * declared and assigned in {@link RecordLocals}.
 */
final class RecordReader {
  /** The records Leibniz follows, for errors about others. */
  private static final String FOLLOWED = "Leibniz follows a record built with new, another"
      + " record local or parameter, a component of one, or returned by a @Differentiable"
      + " method";

  private final ReadContext context;
  private final ExpressionReader expressions;
  private final RecordVectors vectors;
  private final ArrayLibrary library;

  /** A reader of record values that declares, assigns and returns none. */
  RecordReader(ReadContext context, ExpressionReader expressions) {
    this(context, expressions, null, new ArrayLibrary(context, expressions, null));
  }

  RecordReader(ReadContext context, ExpressionReader expressions, RecordVectors vectors,
      ArrayLibrary library) {
    // vectors is null in a reader that declares and assigns nothing.
    this.context = context;
    this.expressions = expressions;
    this.vectors = vectors;
    this.library = library;
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
    if (init instanceof MethodInvocationTree call && returnType(call).isPresent()) {
      return returnType(call);
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
   * {@code return r} of a method returning a record: its components into a new
   * {@code double[]}, laid out as {@link ComponentLayout} says, which is returned.
   */
  Stmt result(ReturnTree tree, Type.Record type) {
    Map<List<String>, Object> source = parts(tree.getExpression(), type);
    return source == null ? null
        : new ComponentLayout(context, expressions, library).write(tree, source, type);
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
    if (context.scope().keptCall(tree) != null) {
      return context.scope().keptCall(tree);
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
      return owner.type().readBy(select.getIdentifier().toString())
          .map(c -> owner.parts().get(c.name())).orElse(null);
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
      return owner.type().readBy(select.getIdentifier().toString()).isPresent();
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
            || owner.type().readBy(select.getIdentifier().toString()).isEmpty())) {
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
    if (tree instanceof ConditionalExpressionTree choice) {
      // Its type is its branches': read as a record, it gets the error that says where to go.
      return argumentType(choice.getTrueExpression());
    }
    if (valueOf(tree) instanceof RecordValues.Value v) {
      return Optional.of(v.type());
    }
    if (tree instanceof MethodInvocationTree call) {
      return returnType(call);
    }
    return tree instanceof NewClassTree created && created.getClassBody() == null
        ? named(created.getIdentifier().toString())
        : Optional.empty();
  }

  /** The record type a call returns, if it returns a record whose components carry derivatives. */
  private Optional<Type.Record> returnType(MethodInvocationTree call) {
    return valueOf(call) == null
        ? expressions.recordResult(call).filter(t -> t.rows().isEmpty()) : Optional.empty();
  }

  /**
   * The value of each component of a record-typed expression, by path: a record value's
   * variables, the arguments of {@code new R(…)}, or what a call returns, a vector of it copied
   * into a new array first; null after an error.
   */
  Map<List<String>, Expr> source(ExpressionTree tree, Type.Record type) {
    Map<List<String>, Object> parts = parts(tree, type);
    if (parts == null) {
      return null;
    }
    var source = new LinkedHashMap<List<String>, Expr>();
    parts.forEach((path, part) -> source.put(path, part instanceof RecordVectors.Slice slice
        ? vector(slice, tree) : (Expr) part));
    return source;
  }

  /** A new array holding a slice's numbers, declared and filled before the statement. */
  private Expr.Var vector(RecordVectors.Slice slice, Tree tree) {
    Expr.Var copy = context.scope().declare(context.scope().fresh("_vector"), slice.type());
    Source where = context.source(tree);
    expressions.precede(new Stmt.Declare(copy, new Expr.NewArray(slice.type(),
        List.of(slice.length())), where));
    expressions.precede(library.copyRange(slice.array(), slice.offset(), copy,
        ArrayLibrary.literal(0), slice.length(), where));
    return copy;
  }

  /**
   * {@link #source}, but a vector a call returns as the numbers among its components that
   * hold it ({@link RecordVectors.Slice}), to be copied once into where it goes.
   */
  Map<List<String>, Object> parts(ExpressionTree tree, Type.Record type) {
    Object value = valueOf(tree);
    if (value instanceof RecordValues.Value v && v.array()
        && type.rows().filter(v.type()::equals).isPresent()) {
      // An array of records a method returns: the arrays of its components.
      var parts = new LinkedHashMap<List<String>, Object>();
      v.leaves().forEach(leaf -> parts.put(prefixed(Type.ROWS, leaf.path()), leaf.value()));
      return parts;
    }
    if (value instanceof RecordValues.Value v && v.type().equals(type) && !v.array()) {
      var parts = new LinkedHashMap<List<String>, Object>();
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
    if (tree instanceof ConditionalExpressionTree) {
      context.error(tree, Message.RECORD_VALUE, tree, "Leibniz follows a record chosen by ?:"
          + " as the value of a record local: R v = c ? a : b");
      return null;
    }
    context.error(tree, Message.RECORD_VALUE, tree, FOLLOWED);
    return null;
  }

  /**
   * A call of a method returning a record: its components, which the call returns in a new
   * array (laid out as {@link #result} writes it), read from a local holding it; the vectors'
   * lengths in locals of their own; null after an error.
   */
  Map<List<String>, Object> returned(MethodInvocationTree call, Type.Record type) {
    Expr value = expressions.read(call);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Expr.Invoke invoke && invoke.type().equals(Type.DOUBLE_ARRAY)
        && invoke.callee().name().endsWith(RecordValues.COMPONENTS))) {
      context.error(call, Message.RECORD_VALUE, call, FOLLOWED);
      return null;
    }
    return new ComponentLayout(context, expressions, library).read(invoke, type, call);
  }

  /** {@code new R(a, b, …)}: each argument the value of its component, nested records too. */
  private Map<List<String>, Object> constructed(NewClassTree created, Type.Record type) {
    Optional<String> problem = element(type).flatMap(record -> new PlainRecords(
        context.trees(), context.names().elements()).construction(record, created));
    if (problem.isPresent()) {
      context.error(created, Message.RECORD_VALUE, created, problem.get());
      return null;
    }
    var parts = new LinkedHashMap<List<String>, Object>();
    List<? extends ExpressionTree> args = created.getArguments();
    for (int i = 0; i < type.components().size(); i++) {
      Type.Component c = type.components().get(i);
      if (RecordValues.records(c.type()).isPresent()) {
        // An array of records: the arrays of its components, copied as a vector is.
        if (!(valueOf(args.get(i)) instanceof RecordValues.Value array && array.array()
            && array.type().equals(RecordValues.records(c.type()).get()))) {
          context.error(args.get(i), Message.RECORD_VALUE, created, "Leibniz builds a record"
              + " holding an array of records from a local or parameter array of records");
          return null;
        }
        array.leaves().forEach(leaf -> parts.put(prefixed(c.name(), leaf.path()), leaf.value()));
        continue;
      }
      if (c.type() instanceof Type.Record nested) {
        Map<List<String>, Object> inner = parts(args.get(i), nested);
        if (inner == null) {
          return null;
        }
        inner.forEach((path, e) -> parts.put(prefixed(c.name(), path), e));
      } else if (RecordValues.isVariable(c.type())) {
        Expr e = expressions.read(args.get(i));
        if (e == null) {
          return null;
        }
        // A vector is read element by element: one a call returns is kept in a local first.
        boolean named = e instanceof Expr.Var || e instanceof Expr.Index;
        parts.put(List.of(c.name()), e.type().isArray() && !named
            ? expressions.hoist(e, "_" + c.name(), args.get(i)) : e);
      }
    }
    return parts;
  }

  static List<String> prefixed(String first, List<String> rest) {
    var path = new ArrayList<String>();
    path.add(first);
    path.addAll(rest);
    return path;
  }
}
