package dev.leibniz.processor.read;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Param;
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
  private final CallReader calls;

  GradientCalls(ReadContext context, ExpressionReader expressions, CallReader calls) {
    this.context = context;
    this.expressions = expressions;
    this.calls = calls;
  }

  /** Whether {@code tree} reads a component of a companion's result: {@code XGradients.m(…).c()}. */
  static boolean isGradientCall(MethodInvocationTree tree) {
    return tree.getArguments().isEmpty()
        && tree.getMethodSelect() instanceof MemberSelectTree component
        && component.getExpression() instanceof MethodInvocationTree inner
        && inner.getMethodSelect() instanceof MemberSelectTree method
        && lastName(method.getExpression()).endsWith(SUFFIX);
  }

  /** Whether {@code tree} calls a method of a companion: {@code XGradients.m(…)}. */
  static boolean isCompanionCall(MethodInvocationTree tree) {
    return tree.getMethodSelect() instanceof MemberSelectTree method
        && lastName(method.getExpression()).endsWith(SUFFIX);
  }

  /** A companion's record kept whole: not followed, so an error that shows what is. */
  void unsupported(MethodInvocationTree tree) {
    context.error(tree, Message.NESTED_GRADIENT, tree.getMethodSelect(), "read one component"
        + " where it is computed, as in '" + tree + ".dX()'; a gradient's record kept in a"
        + " local, and a companion's other methods, are not followed");
  }

  /** The component as a call of the callee's directional derivative, or null after an error. */
  Expr read(MethodInvocationTree tree) {
    var component = (MemberSelectTree) tree.getMethodSelect();
    var inner = (MethodInvocationTree) component.getExpression();
    var select = (MemberSelectTree) inner.getMethodSelect();
    String companion = select.getExpression().toString();
    String name = select.getIdentifier().toString();
    var args = new ArrayList<Expr>();
    for (ExpressionTree argument : inner.getArguments()) {
      args.add(expressions.read(argument));
    }
    if (args.contains(null)) {
      return null;
    }
    Optional<ExecutableElement> method = context.names()
        .type(companion.substring(0, companion.length() - SUFFIX.length()))
        .flatMap(owner -> differentiable(owner, name, args.size()));
    if (method.isEmpty()) {
      context.error(tree, Message.NESTED_GRADIENT, companion + "." + name, "it is not a static @Differentiable method Leibniz can find"
              + " (a class's companion is its name followed by Gradients)");
      return null;
    }
    return component(tree, companion, method.get(), args,
        component.getIdentifier().toString());
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
    List<Expr> all = new ArrayList<>(calls.arguments(tree, method, null, args));
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
