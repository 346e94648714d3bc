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
  private final MethodCandidates candidates;

  CallReader(ReadContext context, ExpressionReader expressions) {
    this.context = context;
    this.expressions = expressions;
    this.candidates = new MethodCandidates(context, expressions, recordArguments);
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
        && !MethodCandidates.isName(member.getExpression())) {
      unsupportedTarget(tree, member.getExpression());
      return null;
    }
    List<ExecutableElement> candidates = this.candidates.candidates(select, name, records);
    Expr receiver = this.candidates.receiver(select, value, name, records);
    Optional<ExecutableElement> method = candidates.stream()
        .filter(m -> MethodCandidates.applicable(m, args))
        .max(java.util.Comparator.comparingInt(m -> MethodCandidates.exactMatches(m, args)));
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
    List<ExecutableElement> candidates = this.candidates.candidates(select, name,
        new RecordReader(context, expressions));
    var results = candidates.stream()
        .filter(m -> m.getParameters().size() == tree.getArguments().size())
        .map(m -> RecordValues.resultOf(m.getReturnType()))
        .distinct().toList();
    return results.size() == 1 ? results.get(0) : Optional.empty();
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
    List<Expr> converted = differentiated ? arguments(tree, method, receiver, args)
        : rebuiltRecords(tree, method, type, receiver, args);
    if (converted == null) {
      return null;
    }
    if (PrivateHelpers.isHelper(method)) {
      context.helpers().add(method);
    }
    Callee callee = callee(tree, method, receiver != null);
    return callee == null ? null
        : new Expr.Invoke(callee, converted, type, context.sites().record(tree));
  }

  /**
   * The receiver and arguments of a method Leibniz does not differentiate, each record built
   * again from its components: a record carries derivatives in, so only where the result
   * carries none out ({@code p.isInside()}); null after an error.
   */
  private List<Expr> rebuiltRecords(MethodInvocationTree tree, ExecutableElement method,
      Type result, Expr receiver, List<Expr> args) {
    var all = new ArrayList<Expr>();
    if (receiver != null) {
      all.add(receiver);
    }
    all.addAll(args);
    if (all.stream().noneMatch(a -> a.type() instanceof Type.Record)) {
      return arguments(tree, method, receiver, args);
    }
    if (result.isDifferentiable()) {
      context.error(tree, Message.RECORD_VALUE, tree, "a record passed to a method that is not"
          + " @Differentiable would lose its derivative there: mark the method @Differentiable");
      return null;
    }
    var rebuilt = new ArrayList<Expr>();
    for (int i = 0; i < all.size(); i++) {
      Expr arg = all.get(i);
      int parameter = i - (receiver == null ? 0 : 1);
      Optional<Expr> built = arg.type() instanceof Type.Record ? recordArguments.rebuilt(arg)
          : Optional.of(parameter < 0 ? arg : ExpressionReader.convert(arg,
              NameResolver.typeOf(method.getParameters().get(parameter).asType())));
      if (built.isEmpty()) {
        context.error(tree, Message.RECORD_VALUE, tree, "Leibniz builds the record again to"
            + " pass it, and cannot for one with a component it does not follow (an object, an"
            + " array of records)");
        return null;
      }
      rebuilt.add(built.get());
    }
    return rebuilt;
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

}
