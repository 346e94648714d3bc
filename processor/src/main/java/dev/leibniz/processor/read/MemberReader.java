package dev.leibniz.processor.read;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.Constant;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.rules.Exprs;
import dev.leibniz.processor.rules.Rule;
import dev.leibniz.processor.rules.Rules;
import java.util.ArrayList;
import java.util.Optional;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Reads names, field accesses and calls: the part of an expression that needs resolving
 * against declarations.
 */
final class MemberReader {
  private static final String PRIVATE_FIELD =
      "neither a compile-time constant nor a static final number computed from constants";

  private final ReadContext context;
  private final ExpressionReader expressions;
  private final CallReader calls;

  MemberReader(ReadContext context, ExpressionReader expressions) {
    this.context = context;
    this.expressions = expressions;
    this.calls = new CallReader(context, expressions);
  }

  /** A local, a parameter, or a field of the enclosing classes. */
  Expr identifier(IdentifierTree tree) {
    String name = tree.getName().toString();
    Expr.Var local = context.scope().lookup(name);
    if (local != null) {
      return local;
    }
    if (context.scope().isRejected(name)) {
      return null;
    }
    RecordValues.Value self = context.scope().value("this");
    if (self != null && self.parts().get(name) instanceof Expr.Var component) {
      // A component of the record whose method this is, read by its field's name.
      return component;
    }
    if (context.scope().value(name) != null) {
      context.error(tree, Message.RECORD_VALUE, name, "it is a record, which Leibniz reads"
          + " component by component: read its components, keep it in a local of its type, or"
          + " pass it to a @Differentiable method");
      return null;
    }
    Optional<VariableElement> field = context.names().field(name);
    if (field.isEmpty()) {
      context.error(tree, Message.UNRESOLVED_NAME, name);
      return null;
    }
    boolean isStatic = field.get().getModifiers().contains(Modifier.STATIC);
    if (!isStatic && context.receiver() == null) {
      context.error(tree, Message.UNRESOLVED_NAME, name);
      return null;
    }
    return fieldRead(tree, field.get(), isStatic ? null : context.receiver());
  }

  /** {@code this.f}, {@code param.f}, {@code Type.CONSTANT}. */
  Expr select(MemberSelectTree tree) {
    String member = tree.getIdentifier().toString();
    ExpressionTree target = tree.getExpression();
    Object records = member.equals("length")
        ? new RecordReader(context, expressions).valueOf(target) : null;
    if (member.equals("length") && hasLength(target, records)) {
      return length(tree, records);
    }
    RecordValues.Value self = context.scope().value("this");
    if (target instanceof IdentifierTree id && id.getName().contentEquals("this")
        && self != null && self.parts().get(member) instanceof Expr.Var component) {
      return component;
    }
    if (target instanceof IdentifierTree id && id.getName().contentEquals("this")) {
      Optional<VariableElement> field = context.names().fieldOf(context.owner(), member);
      if (context.receiver() == null || field.isEmpty()) {
        return expressions.unsupported(tree);
      }
      return fieldRead(tree, field.get(), context.receiver());
    }
    var reader = new RecordReader(context, expressions);
    if (target instanceof MethodInvocationTree call
        && !(reader.valueOf(call) instanceof RecordValues.Value)) {
      // z.times(z).im: the value the call returns is kept first, as for a method called on it.
      Optional<Type.Record> returned = expressions.recordResult(call);
      if (returned.isPresent() && !expressions.keepRecord(call, returned.get())) {
        return null;
      }
    }
    Object value = reader.valueOf(target);
    if (value instanceof RecordValues.Value record && !record.array()
        && record.parts().get(member) instanceof Expr component) {
      // other.x for other.x(): inside a record's class its fields are read by name.
      return component;
    }
    Expr.Var object = objectVariable(target);
    if (object != null) {
      TypeMirror type = context.objectTypes().get(object.name());
      Optional<VariableElement> field =
          type instanceof DeclaredType declared
              ? context.names().fieldOf((TypeElement) declared.asElement(), member)
              : Optional.empty();
      return field.isPresent() ? fieldRead(tree, field.get(), object) : unresolved(tree);
    }
    Optional<TypeElement> type = context.names().type(target.toString());
    if (type.isEmpty()) {
      return unresolved(tree);
    }
    Optional<VariableElement> field = context.names().fieldOf(type.get(), member);
    if (field.isEmpty() || !field.get().getModifiers().contains(Modifier.STATIC)) {
      return unresolved(tree);
    }
    return fieldRead(tree, field.get(), null);
  }
  /**
   * Whether {@code target} is an array the method holds: a local, an element, a record's;
   * {@code records} is what it is as a record value, if anything.
   */
  private boolean hasLength(ExpressionTree target, Object records) {
    boolean local = target instanceof IdentifierTree named
        && context.scope().lookup(named.getName().toString()) != null;
    return records instanceof RecordValues.Value array && array.array()
        || records instanceof Expr vector && vector.type().isArray()
        || local || target.getKind() == Tree.Kind.ARRAY_ACCESS || selfField(target) != null;
  }

  /**
   * In a record's own method, the component a field names, {@code q} or {@code this.q}; else
   * null.
   */
  private Object selfField(ExpressionTree target) {
    RecordValues.Value self = context.scope().value("this");
    if (self == null) {
      return null;
    }
    if (target instanceof IdentifierTree id && context.scope().lookup(id.getName().toString())
        == null) {
      return self.parts().get(id.getName().toString());
    }
    return target instanceof MemberSelectTree select
        && select.getExpression().toString().equals("this")
        ? self.parts().get(select.getIdentifier().toString()) : null;
  }

  /** {@code a.length}, {@code ps.length} of an array of records, {@code s.q().length}. */
  private Expr length(MemberSelectTree tree, Object records) {
    ExpressionTree target = tree.getExpression();
    if (selfField(target) instanceof Expr field && field.type().isArray()) {
      return new Expr.Length(field);
    }
    if (records instanceof RecordValues.Value array && array.array()) {
      return array.length();
    }
    if (records instanceof Expr vector && vector.type().isArray()) {
      return new Expr.Length(vector);
    }
    Expr array = expressions.read(target);
    if (array == null) {
      return null;
    }
    return array.type().isArray() ? new Expr.Length(array) : expressions.unsupported(tree);
  }


  /** A call statement of a method that writes into one array argument; null after an error. */
  Stmt.Write writingCall(MethodInvocationTree tree, ArrayNames arrayNames) {
    return new WrittenArrays(context, calls, arrayNames).read(tree);
  }

  /** A call of a function in the rule table: {@code Math.sin(x)}, or {@code sin(x)}. */
  Expr call(MethodInvocationTree tree) {
    ExpressionTree callee = tree.getMethodSelect();
    Optional<TypeRef> owner = Optional.empty();
    String name;
    if (callee instanceof MemberSelectTree select) {
      name = select.getIdentifier().toString();
      owner = mathClass(select.getExpression().toString());
    } else {
      name = callee.toString();
      owner = context.names().staticallyImportedFunction(name);
    }
    Optional<Rule> rule = Rules.lookup(name).filter(r -> Rules.isFunction(name));
    if (owner.isPresent() && rule.isPresent()) {
      return invocation(tree, owner.get(), rule.get());
    }
    // Math's functions outside the table take integers (floorMod, multiplyExact, …): like any
    // other method, they need no derivative while their arguments carry none.
    return calls.call(tree);
  }
  /** The record a call returns, before its arguments are read (see {@link CallReader}). */
  Optional<Type.Record> recordResult(MethodInvocationTree tree) {
    return calls.recordResult(tree);
  }


  private Expr invocation(MethodInvocationTree tree, TypeRef owner, Rule rule) {
    if (tree.getArguments().size() != rule.arity()) {
      context.error(
          tree, Message.WRONG_ARGUMENT_COUNT, rule.name(), rule.arity(), tree.getArguments().size());
      return null;
    }
    var args = new ArrayList<Expr>();
    for (ExpressionTree argument : tree.getArguments()) {
      int mark = expressions.pending().mark();
      Expr arg = expressions.read(argument);
      expressions.pending().keepEarlier(args, mark);
      args.add(arg);
    }
    if (args.contains(null)) {
      return null;
    }
    if (!args.stream().allMatch(arg -> arg.type().isNumeric())) {
      return expressions.unsupported(tree);
    }
    Type type = rule.result().of(args.stream().map(Expr::type).toList());
    return new Expr.Call(owner, rule.name(), args, type);
  }

  private Optional<TypeRef> mathClass(String qualifier) {
    if (context.scope().lookup(qualifier) != null) {
      return Optional.empty();
    }
    return context.names().type(qualifier)
        .map(TypeRefs::of)
        .filter(ref -> ref.equals(TypeRef.MATH) || ref.equals(TypeRef.STRICT_MATH));
  }

  private Expr.Var objectVariable(ExpressionTree target) {
    if (target instanceof IdentifierTree id) {
      Expr.Var variable = context.scope().lookup(id.getName().toString());
      return variable != null && variable.type() == Type.OBJECT ? variable : null;
    }
    return null;
  }

  private Expr fieldRead(Tree tree, VariableElement field, Expr.Var target) {
    Type type = NameResolver.typeOf(field.asType());
    if (type == null) {
      return expressions.unsupported(tree);
    }
    boolean accessible = context.names().accessible(field);
    if (!accessible && field.getConstantValue() != null) {
      // A private compile-time constant is read by value, as javac itself compiles it.
      return new Expr.Literal(type, field.getConstantValue());
    }
    if (!accessible) {
      return copiedConstant(tree, field, type);
    }
    String name = field.getSimpleName().toString();
    if (target != null) {
      return new Expr.InstanceField(target, name, type);
    }
    var declaring = TypeRefs.of((TypeElement) field.getEnclosingElement());
    return new Expr.StaticField(declaring, name, type);
  }

  /**
   * A private {@code static final} scalar whose initializer is not a compile-time constant, read
   * as the companion's copy of it: its initializer, which may read only what the companion can.
   */
  private Expr copiedConstant(Tree tree, VariableElement field, Type type) {
    var declaring = (TypeElement) field.getEnclosingElement();
    // Fields of nested classes are qualified, so that two classes' fields do not clash.
    String name = declaring.equals(context.owner())
        ? field.getSimpleName().toString()
        : String.join("_", TypeRefs.of(declaring).simpleNames()) + "_" + field.getSimpleName();
    var companion = TypeRefs.of(context.owner()).companion();
    if (context.constants().containsKey(name)) {
      return new Expr.StaticField(companion, name, type);
    }
    boolean copyable = field.getModifiers().contains(Modifier.STATIC)
        && field.getModifiers().contains(Modifier.FINAL)
        && !type.isArray()
        && context.trees().getTree(field) instanceof VariableTree declaration
        && declaration.getInitializer() != null;
    if (!copyable) {
      context.error(tree, Message.PRIVATE_MEMBER, field.getSimpleName(), PRIVATE_FIELD,
          context.companionName());
      return null;
    }
    var initializer = ((VariableTree) context.trees().getTree(field)).getInitializer();
    Expr value = new ExpressionReader(context.forInitializer(declaring)).read(initializer);
    if (value == null) {
      return null;
    }
    if (!Exprs.isClosedForm(value)) {
      context.error(tree, Message.PRIVATE_MEMBER, field.getSimpleName(), PRIVATE_FIELD,
          context.companionName());
      return null;
    }
    context.constants().put(name, new Constant(type, name,
        TypeRefs.of(declaring).nestedName() + "." + field.getSimpleName(), value));
    return new Expr.StaticField(companion, name, type);
  }

  private Expr unresolved(MemberSelectTree tree) {
    context.error(tree, Message.UNRESOLVED_NAME, tree.toString());
    return null;
  }
}
