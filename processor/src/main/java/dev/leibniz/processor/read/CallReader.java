package dev.leibniz.processor.read;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.ElementFilter;

/**
 * Reads calls of methods other than {@code Math}'s: finds the method the way Java would (by
 * name, arity and argument types), and says what Leibniz knows of its derivative.
 */
final class CallReader {
  private final ReadContext context;
  private final ExpressionReader expressions;
  private final RecordArguments recordArguments = new RecordArguments();

  CallReader(ReadContext context, ExpressionReader expressions) {
    this.context = context;
    this.expressions = expressions;
  }

  /** Whether {@code type} is one of {@code java.util}'s collections or maps. */
  static boolean isCollection(javax.lang.model.type.TypeMirror type) {
    String name = type == null ? "" : type.toString().replaceAll("<.*", "");
    return name.startsWith("java.util.")
        && name.matches(".*(List|Set|Collection|Map|Queue|Deque|Iterable)$");
  }

  /**
   * A call resolved as Java would: the method, its receiver (null for a static method) and the
   * arguments read.
   */
  record Resolved(ExecutableElement method, Expr receiver, List<Expr> args) {}

  /** The call, or null after an error. */
  Expr call(MethodInvocationTree tree) {
    var gradients = new GradientCalls(context, expressions);
    if (gradients.isGradientCall(tree)) {
      return gradients.read(tree);
    }
    if (gradients.isCompanionCall(tree)) {
      gradients.unsupported(tree);
      return null;
    }
    Scope.GradientRecord record = gradients.record(tree);
    if (record != null) {
      return gradients.component(tree, record);
    }
    var records = new RecordReader(context, expressions);
    if (!keptReceiver(tree, records)) {
      return null;
    }
    if (records.readsComponent(tree)) {
      return records.component(tree);
    }
    if (tree.getMethodSelect() instanceof MemberSelectTree member
        && member.getExpression() instanceof IdentifierTree target
        && context.scope().isRejected(target.getName().toString())) {
      return null;
    }
    Resolved resolved = resolve(tree, false);
    return resolved == null ? null
        : invoke(tree, resolved.method(), resolved.receiver(), resolved.args());
  }

  /**
   * The method {@code tree} calls, or null after an error; with {@code quiet}, a method that
   * cannot be found is no error, for a caller that has something else to say.
   */
  Resolved resolve(MethodInvocationTree tree, boolean quiet) {
    ExpressionTree select = tree.getMethodSelect();
    String name = select instanceof MemberSelectTree m
        ? m.getIdentifier().toString()
        : select.toString();
    var args = new ArrayList<Expr>();
    var records = new RecordReader(context, expressions);
    if (!keptReceiver(tree, records)) {
      return null;
    }
    for (ExpressionTree argument : tree.getArguments()) {
      Optional<Type.Record> record = records.argumentType(argument);
      boolean array = records.valueOf(argument) instanceof RecordValues.Value v && v.array();
      int mark = expressions.pending().mark();
      Expr arg = array ? recordArguments.standIn((RecordValues.Value) records.valueOf(argument))
          : record.isPresent() ? recordArguments.standIn(records, argument, record.get())
          : expressions.read(argument);
      // Arguments are evaluated left to right: one read before a later one's assignment is kept.
      expressions.pending().keepEarlier(args, mark);
      args.add(arg);
    }
    if (args.contains(null)) {
      return null;
    }
    Object value = select instanceof MemberSelectTree m ? records.valueOf(m.getExpression()) : null;
    if (select instanceof MemberSelectTree member && !(value instanceof RecordValues.Value)
        && !isName(member.getExpression())) {
      unsupportedTarget(tree, member.getExpression());
      return null;
    }
    List<ExecutableElement> candidates = candidates(select, name, records);
    Expr receiver = receiver(select, value, name, records);
    Optional<ExecutableElement> method = candidates.stream()
        .filter(m -> applicable(m, args))
        .max(java.util.Comparator.comparingInt(m -> exactMatches(m, args)));
    if (method.isEmpty()) {
      if (!quiet) {
        context.error(tree, Message.UNKNOWN_FUNCTION, select);
      }
      return null;
    }
    if (receiver instanceof Expr.Var object && isCollection(context.objectTypes().get(object.name()))
        && !method.get().getReturnType().getKind().isPrimitive()) {
      // Its elements are boxed objects: say so, rather than that the call is not differentiable.
      context.error(tree, Message.COLLECTION, object.name(),
          context.objectTypes().get(object.name()));
      return null;
    }
    ExecutableElement m = method.get();
    if (receiver == null && !m.getModifiers().contains(Modifier.STATIC)) {
      receiver = context.receiver();
    }
    return new Resolved(m, receiver, args);
  }

  /**
   * The record a call returns, known before its arguments are read: when every method its name
   * and number of arguments may call returns that record.
   */
  Optional<Type.Record> recordResult(MethodInvocationTree tree) {
    ExpressionTree select = tree.getMethodSelect();
    String name = select instanceof MemberSelectTree m ? m.getIdentifier().toString()
        : select.toString();
    List<ExecutableElement> candidates = candidates(select, name,
        new RecordReader(context, expressions));
    var results = candidates.stream()
        .filter(m -> m.getParameters().size() == tree.getArguments().size())
        .map(m -> RecordValues.resultOf(m.getReturnType()))
        .distinct().toList();
    return results.size() == 1 ? results.get(0) : Optional.empty();
  }

  /**
   * The methods a call may be of, by where it is called: on a record value, its record's
   * instance methods; on an object, its class's; on a class, its static methods; unqualified,
   * the own record's methods or the enclosing classes'.
   */
  private List<ExecutableElement> candidates(ExpressionTree select, String name,
      RecordReader records) {
    if (!(select instanceof MemberSelectTree member)) {
      return selfMethods(records, name).orElseGet(() -> enclosingMethods(name));
    }
    ExpressionTree target = member.getExpression();
    if (records.valueOf(target) instanceof RecordValues.Value record) {
      return records.element(record.type()).map(t -> instanceMethods(t, name))
          .orElse(List.of());
    }
    Expr.Var object = isName(target) ? objectVariable(target) : null;
    if (object != null) {
      return methodsOf(context.objectTypes().get(object.name()), name);
    }
    return isName(target) ? context.names().type(target.toString())
        .map(t -> statics(methodsOf(t.asType(), name))).orElse(List.of()) : List.of();
  }

  /**
   * What a call is made on, as its first argument: a record value's components ({@code v.m(…)}),
   * an object, or in a record's own method this record; null for a static call.
   */
  private Expr receiver(ExpressionTree select, Object value, String name,
      RecordReader records) {
    if (value instanceof RecordValues.Value record) {
      return recordArguments.standIn(record);
    }
    if (select instanceof MemberSelectTree member) {
      return objectVariable(member.getExpression());
    }
    return selfMethods(records, name).isPresent()
        ? recordArguments.standIn(context.scope().value("this")) : null;
  }

  /** In a record's own method, the record's instance methods named {@code name}, if any. */
  private Optional<List<ExecutableElement>> selfMethods(RecordReader records, String name) {
    RecordValues.Value self = context.scope().value("this");
    return self == null ? Optional.empty() : records.element(self.type())
        .map(t -> instanceMethods(t, name)).filter(m -> !m.isEmpty());
  }

  private List<ExecutableElement> instanceMethods(TypeElement type, String name) {
    return methodsOf(type.asType(), name).stream()
        .filter(m -> !m.getModifiers().contains(Modifier.STATIC)).toList();
  }

  /**
   * In {@code a.plus(b).norm()}, the record {@code a.plus(b)} returns kept in a record local
   * first, as Java evaluates it before the call; receivers that are calls themselves first.
   * False after an error.
   */
  private boolean keptReceiver(MethodInvocationTree tree, RecordReader records) {
    if (!(tree.getMethodSelect() instanceof MemberSelectTree select)
        || !(select.getExpression() instanceof MethodInvocationTree inner)
        || records.valueOf(inner) instanceof RecordValues.Value) {
      return true;
    }
    if (!keptReceiver(inner, records)) {
      return false;
    }
    Optional<Type.Record> returned = recordResult(inner);
    return returned.isEmpty() || expressions.keepRecord(inner, returned.get());
  }

  /** A plain name or a dotted one: {@code x}, {@code this}, {@code Math}, {@code p.Q}. */
  private static boolean isName(ExpressionTree target) {
    if (target instanceof IdentifierTree id) {
      return !id.getName().contentEquals("super");
    }
    return target instanceof MemberSelectTree select && isName(select.getExpression());
  }

  /**
   * A call on something other than a name ({@code new C().m()}, {@code (cast) e}.m(),
   * {@code super.m()}): the error goes to that something, which is what Leibniz cannot read.
   */
  private Expr unsupportedTarget(MethodInvocationTree tree, ExpressionTree target) {
    if (target instanceof IdentifierTree) {
      context.error(target, Message.UNRESOLVED_NAME, target);
      return null;
    }
    int errors = context.reporter().errorCount();
    Expr read = expressions.read(target);
    if (target instanceof MethodInvocationTree call
        && (read != null || context.reporter().errorCount() == errors)) {
      String method = ((MemberSelectTree) tree.getMethodSelect()).getIdentifier().toString();
      context.error(tree, Message.CALL_ON_RESULT, method, call, call);
      return null;
    }
    if (read != null) {
      context.error(tree, Message.UNKNOWN_FUNCTION, tree.getMethodSelect());
    }
    return null;
  }

  private Expr invoke(MethodInvocationTree tree, ExecutableElement method, Expr receiver,
      List<Expr> args) {
    boolean differentiated = PrivateHelpers.isDifferentiated(method);
    boolean record = differentiated && RecordValues.resultOf(method.getReturnType()).isPresent();
    // A record's components come back in a new array, from the function it is read as.
    Type type = record ? Type.DOUBLE_ARRAY : NameResolver.typeOf(method.getReturnType());
    if (differentiated && Type.ofResult(method.getReturnType()) == Type.VOID) {
      context.error(tree, Message.ARRAY_RESULT, tree, "'" + method.getSimpleName() + "' writes"
          + " into its arrays and returns nothing: call it as a statement of its own");
      return null;
    }
    if (type == null || (method.getModifiers().contains(Modifier.PRIVATE) && !differentiated)) {
      if (type != null) {
        context.error(tree, Message.PRIVATE_MEMBER, method.getSimpleName(),
            "returns " + method.getReturnType()
                + " (private methods are copied into the companion when they return double)",
            context.companionName());
      } else {
        expressions.unsupported(tree);
      }
      return null;
    }
    boolean recordReceiver = receiver != null && receiver.type() instanceof Type.Record;
    if (!PrivateHelpers.isDifferentiated(method) && (recordReceiver
        || args.stream().anyMatch(a -> a.type() instanceof Type.Record))) {
      context.error(tree, Message.RECORD_VALUE, tree, "Leibniz passes records only to"
          + " @Differentiable methods, which it reads component by component");
      return null;
    }
    List<Expr> converted = arguments(tree, method, receiver, args);
    if (PrivateHelpers.isHelper(method)) {
      context.helpers().add(method);
    }
    Callee callee = callee(tree, method, receiver != null);
    return callee == null ? null
        : new Expr.Invoke(callee, converted, type, context.sites().record(tree));
  }

  /**
   * The arguments of a call as the IR passes them: converted, and an array another call
   * returns put in a local of its own, so that it has a name and an adjoint.
   */
  List<Expr> arguments(Tree tree, ExecutableElement method, Expr receiver, List<Expr> args) {
    List<Expr> converted = new ArrayList<>(converted(method, receiver, args, recordArguments));
    for (int i = 0; i < converted.size(); i++) {
      if (converted.get(i) instanceof Expr.Invoke inner && inner.type().isArray()) {
        converted.set(i, expressions.hoist(inner, "_" + inner.callee().name(), tree));
      }
    }
    return converted;
  }

  /**
   * The receiver, then each argument converted to its parameter's type; a record, its
   * components' values one by one.
   */
  private static List<Expr> converted(ExecutableElement method, Expr receiver, List<Expr> args,
      RecordArguments records) {
    var converted = new ArrayList<Expr>();
    if (receiver != null && !records.expand(receiver, converted)) {
      converted.add(receiver);
    }
    List<? extends VariableElement> params = method.getParameters();
    for (int i = 0; i < params.size(); i++) {
      if (!records.expand(args.get(i), converted)) {
        converted.add(ExpressionReader.convert(args.get(i),
            NameResolver.typeOf(params.get(i).asType())));
      }
    }
    return converted;
  }

  private Callee callee(MethodInvocationTree tree, ExecutableElement method, boolean instance) {
    var owner = TypeRefs.of((TypeElement) method.getEnclosingElement());
    String name = method.getSimpleName().toString();
    if (PrivateHelpers.isDifferentiated(method)) {
      List<String> written = WrittenArrays.inSource(context, method);
      if (!written.isEmpty()) {
        context.error(tree, Message.CALLEE_WRITES_ARRAY, name, written.get(0), name);
        return null;
      }
      return DifferentiableCallees.of(method, instance);
    }
    Optional<ExecutableElement> rule = instance ? Optional.empty()
        : context.rules().ruleFor(method, context.owner());
    if (rule.isPresent()) {
      var ruleOwner = TypeRefs.of((TypeElement) rule.get().getEnclosingElement());
      int ruleOrder = PrivateHelpers.isDifferentiated(rule.get())
          ? DifferentiableCallees.order(rule.get()) : 0;
      return new Callee.WithRule(owner, name, ruleOwner, rule.get().getSimpleName().toString(),
          method.getParameters().size(), ruleOrder);
    }
    return new Callee.Opaque(owner, name, instance,
        instance ? Optional.empty() : context.rules().hiddenRuleFor(method));
  }

  /**
   * How many arguments have exactly their parameter's type: among applicable overloads, Java's
   * most specific is the one that needs the fewest widenings.
   */
  private static int exactMatches(ExecutableElement method, List<Expr> args) {
    int exact = 0;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).type().equals(RecordArguments.declaredType(method.getParameters().get(i)))) {
        exact++;
      }
    }
    return exact;
  }

  /** Whether Java could call {@code method} with arguments of these types. */
  private static boolean applicable(ExecutableElement method, List<Expr> args) {
    List<? extends VariableElement> params = method.getParameters();
    if (params.size() != args.size() || method.isVarArgs()) {
      return false;
    }
    for (int i = 0; i < params.size(); i++) {
      Type param = RecordArguments.declaredType(params.get(i));
      Type arg = args.get(i).type();
      if (!java.util.Objects.equals(param, arg) && !widens(arg, param)) {
        return false;
      }
    }
    return true;
  }

  /** Java's widening primitive conversions among the numbers Leibniz reads (JLS 5.1.2). */
  private static boolean widens(Type from, Type to) {
    List<Type> order = List.of(Type.INT, Type.LONG, Type.FLOAT, Type.DOUBLE);
    return from != null && to != null && order.contains(from) && order.contains(to) && order.indexOf(from) < order.indexOf(to);
  }

  private List<ExecutableElement> enclosingMethods(String name) {
    var found = new ArrayList<ExecutableElement>();
    for (Element scope = context.owner(); scope instanceof TypeElement t;
        scope = t.getEnclosingElement()) {
      List<ExecutableElement> methods = methodsOf(t.asType(), name);
      if (scope != context.owner()) {
        methods = statics(methods);
      }
      found.addAll(methods);
    }
    if (context.receiver() == null) {
      return statics(found);
    }
    return found;
  }

  private List<ExecutableElement> methodsOf(javax.lang.model.type.TypeMirror type, String name) {
    if (!(type instanceof DeclaredType declared)) {
      return List.of();
    }
    var element = (TypeElement) declared.asElement();
    return ElementFilter.methodsIn(context.names().allMembers(element)).stream()
        .filter(m -> m.getSimpleName().contentEquals(name))
        .toList();
  }

  private static List<ExecutableElement> statics(List<ExecutableElement> methods) {
    return methods.stream().filter(m -> m.getModifiers().contains(Modifier.STATIC)).toList();
  }

  private Expr.Var objectVariable(ExpressionTree target) {
    if (target instanceof IdentifierTree id) {
      if (id.getName().contentEquals("this")) {
        return context.receiver();
      }
      Expr.Var variable = context.scope().lookup(id.getName().toString());
      return variable != null && variable.type() == Type.OBJECT ? variable : null;
    }
    return null;
  }
}
