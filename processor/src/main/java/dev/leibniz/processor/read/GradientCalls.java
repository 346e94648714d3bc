package dev.leibniz.processor.read;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.ElementFilter;

/**
 * Gradients read inside a differentiable method, {@code FGradients.f(x, y).dY()}: nested
 * differentiation. The component ∂f/∂y is f's directional derivative ∇f · v along the unit
 * vector v = e_y, so it is read as a call of {@code fDirectional} with that constant direction,
 * whose pullback (a Hessian-vector product) the callee of order 2 has.
 */
final class GradientCalls {
  private static final String SUFFIX = "Gradients";

  private final ReadContext context;
  private final ExpressionReader expressions;

  GradientCalls(ReadContext context, ExpressionReader expressions) {
    this.context = context;
    this.expressions = expressions;
  }

  /**
   * A gradient's record kept in a local, {@code var g = XGradients.m(…)}: its arguments are
   * kept in locals of their own, as they were there, for the components read from it later.
   *
   * @param source where the declaration is, for the statements keeping the arguments
   * @return those statements, or null after an error
   */
  Stmt record(String local, MethodInvocationTree call, Source source) {
    var select = (MemberSelectTree) call.getMethodSelect();
    String companion = select.getExpression().toString();
    List<Expr> args = arguments(call);
    Optional<ExecutableElement> method = args == null ? Optional.empty()
        : method(call, companion, select.getIdentifier().toString(), args);
    if (method.isEmpty()) {
      return null;
    }
    var statements = new ArrayList<Stmt>();
    var kept = new ArrayList<Expr>();
    for (int i = 0; i < args.size(); i++) {
      Type type = NameResolver.typeOf(method.get().getParameters().get(i).asType());
      Expr.Var copy = context.scope().declare(context.scope().fresh("_" + local + "Arg"), type);
      statements.add(new Stmt.Declare(copy, ExpressionReader.convert(args.get(i), type), source));
      kept.add(copy);
    }
    context.scope().declareRecord(local, new Scope.GradientRecord(companion, method.get(), kept));
    return new Stmt.Block(statements);
  }

  /** A component read from a record kept in a local: {@code g.dY()}; null after an error. */
  Expr component(MethodInvocationTree tree, Scope.GradientRecord record) {
    String accessor = ((MemberSelectTree) tree.getMethodSelect()).getIdentifier().toString();
    return component(tree, record.companion(), record.method(), record.args(), accessor);
  }

  /** Whether {@code tree} reads a component of a companion's result: {@code XGradients.m(…).c()}. */
  boolean isGradientCall(MethodInvocationTree tree) {
    return tree.getArguments().isEmpty()
        && tree.getMethodSelect() instanceof MemberSelectTree component
        && component.getExpression() instanceof MethodInvocationTree inner
        && isCompanionCall(inner);
  }

  /**
   * Whether {@code tree} calls a method of a companion, {@code XGradients.m(…)}: a class named
   * so whose {@code X} has {@code @Differentiable} methods (the companion itself may not be
   * generated yet); any other class of such a name is the user's own.
   */
  boolean isCompanionCall(MethodInvocationTree tree) {
    if (!(tree.getMethodSelect() instanceof MemberSelectTree method)) {
      return false;
    }
    String companion = method.getExpression().toString();
    return lastName(method.getExpression()).endsWith(SUFFIX) && context.names()
        .type(companion.substring(0, companion.length() - SUFFIX.length()))
        .filter(owner -> ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
            .anyMatch(m -> Annotations.has(m, Annotations.DIFFERENTIABLE)))
        .isPresent();
  }

  /** A companion's method called other than for a record kept in a local or a component. */
  void unsupported(MethodInvocationTree tree) {
    context.error(tree, Message.NESTED_GRADIENT, tree.getMethodSelect(), "read one component"
        + " of its result, as in '" + tree + ".dX()', or keep the result in a local of its own;"
        + " a companion's other methods are not followed");
  }

  /** The component as a call of the callee's directional derivative, or null after an error. */
  Expr read(MethodInvocationTree tree) {
    var component = (MemberSelectTree) tree.getMethodSelect();
    var inner = (MethodInvocationTree) component.getExpression();
    var select = (MemberSelectTree) inner.getMethodSelect();
    String companion = select.getExpression().toString();
    List<Expr> args = arguments(inner);
    Optional<ExecutableElement> method = args == null ? Optional.empty()
        : method(tree, companion, select.getIdentifier().toString(), args);
    return method.isEmpty() ? null
        : component(tree, companion, method.get(), args, component.getIdentifier().toString());
  }

  private List<Expr> arguments(MethodInvocationTree call) {
    var args = new ArrayList<Expr>();
    for (ExpressionTree argument : call.getArguments()) {
      args.add(expressions.read(argument));
    }
    return args.contains(null) ? null : args;
  }

  /** The static {@code @Differentiable} method a companion's method stands for, or an error. */
  private Optional<ExecutableElement> method(MethodInvocationTree tree, String companion,
      String name, List<Expr> args) {
    Optional<ExecutableElement> method = context.names()
        .type(companion.substring(0, companion.length() - SUFFIX.length()))
        .flatMap(owner -> differentiable(owner, name, args.size()));
    if (method.isEmpty()) {
      context.error(tree, Message.NESTED_GRADIENT, companion + "." + name, "it is not a static"
          + " @Differentiable method Leibniz can find (a class's companion is its name followed"
          + " by Gradients)");
    }
    return method;
  }

  private Expr component(MethodInvocationTree tree, String companion, ExecutableElement method,
      List<Expr> args, String accessor) {
    String callee = method.getSimpleName().toString();
    List<Callee.Role> roles = CallReader.roles(method);
    String why = null;
    if (CallReader.order(method) < 2) {
      why = "add order = 2 to it";
    } else if (roles.contains(Callee.Role.ARRAY)) {
      why = "gradients of methods with array parameters are not followed yet";
    }
    List<? extends VariableElement> params = method.getParameters();
    int wanted = parameter(companion, method, roles, accessor);
    var owner = TypeRefs.of((TypeElement) method.getEnclosingElement());
    var all = new ArrayList<Expr>();
    for (int i = 0; i < args.size(); i++) {
      all.add(ExpressionReader.convert(args.get(i),
          NameResolver.typeOf(method.getParameters().get(i).asType())));
    }
    if (accessor.equals("value")) {
      // The value of the gradient's record is f itself.
      return new Expr.Invoke(new Callee.Differentiable(owner, callee, false, roles,
          CallReader.order(method)), all, Type.DOUBLE, context.sites().record(tree));
    }
    if (why == null && wanted < 0) {
      why = "'" + accessor + "()' is not the derivative with respect to one of its double"
          + " parameters";
    }
    if (why != null) {
      context.error(tree, Message.NESTED_GRADIENT, callee, why);
      return null;
    }
    var directional = new ArrayList<>(roles);
    for (int i = 0; i < params.size(); i++) {
      if (roles.get(i) == Callee.Role.SCALAR) {
        all.add(Expr.literal(i == wanted ? 1.0 : 0.0));
        directional.add(Callee.Role.SCALAR);
      }
    }
    return new Expr.Invoke(new Callee.Differentiable(owner, callee, false, directional, 2, true),
        all, Type.DOUBLE, context.sites().record(tree));
  }

  /**
   * The position of the parameter whose derivative {@code accessor} is, or -1: from the
   * companion's result record when it is compiled already (a jar's methods may have lost their
   * parameter names), else from the parameter names as the companion will spell them.
   */
  private int parameter(String companion, ExecutableElement method, List<Callee.Role> roles,
      String accessor) {
    Optional<List<String>> components = context.names().type(companion)
        .flatMap(type -> ElementFilter.methodsIn(type.getEnclosedElements()).stream()
            .filter(m -> m.getSimpleName().contentEquals(method.getSimpleName())
                && m.getParameters().size() == method.getParameters().size())
            .findFirst())
        .map(m -> m.getReturnType() instanceof DeclaredType record
            ? ((TypeElement) record.asElement()).getRecordComponents().stream()
                .map(c -> c.getSimpleName().toString())
                .filter(name -> !name.equals("value")).toList()
            : List.of());
    int differentiable = 0;
    for (int i = 0; i < roles.size(); i++) {
      if (roles.get(i) == Callee.Role.CONSTANT) {
        continue;
      }
      String name = components.isPresent() && differentiable < components.get().size()
          ? components.get().get(differentiable)
          : Param.accessorName(method.getParameters().get(i).getSimpleName().toString());
      if (name.equals(accessor)) {
        return roles.get(i) == Callee.Role.SCALAR ? i : -1;
      }
      differentiable++;
    }
    return -1;
  }

  private static Optional<ExecutableElement> differentiable(TypeElement owner, String name,
      int arity) {
    return ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
        .filter(m -> m.getSimpleName().contentEquals(name)
            && m.getModifiers().contains(Modifier.STATIC)
            && m.getParameters().size() == arity
            && Annotations.has(m, Annotations.DIFFERENTIABLE))
        .findFirst();
  }

  private static String lastName(ExpressionTree name) {
    return name instanceof MemberSelectTree select
        ? select.getIdentifier().toString()
        : name.toString();
  }
}
