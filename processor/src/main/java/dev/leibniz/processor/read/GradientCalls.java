package dev.leibniz.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.ArrayOp;
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
   * kept in locals of their own, as they were there (a vector's contents copied), for the
   * components read from it later.
   *
   * @param source where the declaration is, for the statements keeping the arguments
   * @return those statements, or null after an error
   */
  Stmt record(String local, MethodInvocationTree call, Source source, ArrayLibrary library) {
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
      if (type.rank() == 2) {
        context.error(call, Message.NESTED_GRADIENT, method.get().getSimpleName(), "a record"
            + " of a method with matrix parameters is not kept in a local: read each"
            + " component where the gradient is called, as in '" + call + ".dX()'");
        return null;
      }
      Expr.Var copy = context.scope().declare(context.scope().fresh("_" + local + "Arg"), type);
      Expr arg = ExpressionReader.convert(args.get(i), type);
      if (type.rank() == 1) {
        statements.add(new Stmt.Declare(copy, new Expr.NewArray(type,
            List.of(new Expr.Length(arg))), source));
        statements.add(library.copyElements(arg, copy, source));
      } else {
        statements.add(new Stmt.Declare(copy, arg, source));
      }
      kept.add(copy);
    }
    context.scope().declareRecord(local, new Scope.GradientRecord(companion, method.get(), kept));
    return new Stmt.Block(statements);
  }

  /** A component read from a record kept in a local: {@code g.dY()}; null after an error. */
  Expr component(MethodInvocationTree tree, Scope.GradientRecord record) {
    return component(tree, record, List.of());
  }

  private Expr component(MethodInvocationTree tree, Scope.GradientRecord record,
      List<Expr> indices) {
    String accessor = ((MemberSelectTree) tree.getMethodSelect()).getIdentifier().toString();
    return component(tree, record.companion(), record.method(), record.args(), accessor,
        indices);
  }

  /**
   * Whether {@code tree} reads an element of a gradient's array component, {@code
   * XGradients.m(…).dW()[i]} or {@code g.dW()[i]} of a record kept in a local.
   */
  boolean isElementOfGradient(ArrayAccessTree tree) {
    ExpressionTree array = tree.getExpression();
    while (array instanceof ArrayAccessTree inner) {
      array = inner.getExpression();
    }
    return array instanceof MethodInvocationTree call
        && (isGradientCall(call) || record(call) != null);
  }

  /**
   * The element as a call of the callee's directional derivative along the unit array with a
   * one at the element's index; null after an error.
   */
  Expr element(ArrayAccessTree tree) {
    var indices = new ArrayList<Expr>();
    ExpressionTree array = tree;
    while (array instanceof ArrayAccessTree access) {
      indices.add(0, expressions.read(access.getIndex()));
      array = access.getExpression();
    }
    if (indices.contains(null)) {
      return null;
    }
    var call = (MethodInvocationTree) array;
    Scope.GradientRecord record = record(call);
    return record != null ? component(call, record, indices) : read(call, indices);
  }

  /** The record kept in a local that {@code call} reads a component of, or null. */
  Scope.GradientRecord record(MethodInvocationTree call) {
    return call.getArguments().isEmpty() && call.getMethodSelect() instanceof MemberSelectTree m
        && m.getExpression() instanceof IdentifierTree local
        ? context.scope().record(local.getName().toString())
        : null;
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
    return read(tree, List.of());
  }

  private Expr read(MethodInvocationTree tree, List<Expr> indices) {
    var component = (MemberSelectTree) tree.getMethodSelect();
    var inner = (MethodInvocationTree) component.getExpression();
    var select = (MemberSelectTree) inner.getMethodSelect();
    String companion = select.getExpression().toString();
    List<Expr> args = arguments(inner);
    Optional<ExecutableElement> method = args == null ? Optional.empty()
        : method(tree, companion, select.getIdentifier().toString(), args);
    return method.isEmpty() ? null
        : component(tree, companion, method.get(), args, component.getIdentifier().toString(),
            indices);
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

  /**
   * ∂f/∂a as f's derivative along the unit direction of {@code a}: for a {@code double}, one
   * where the others are zero; for an element {@code a[i]} of an array, a unit array.
   */
  private Expr component(MethodInvocationTree tree, String companion, ExecutableElement method,
      List<Expr> args, String accessor, List<Expr> indices) {
    String callee = method.getSimpleName().toString();
    List<Callee.Role> roles = DifferentiableCallees.roles(method);
    var owner = TypeRefs.of((TypeElement) method.getEnclosingElement());
    var all = new ArrayList<Expr>();
    for (int i = 0; i < args.size(); i++) {
      all.add(ExpressionReader.convert(args.get(i),
          NameResolver.typeOf(method.getParameters().get(i).asType())));
    }
    if (accessor.equals("value") && indices.isEmpty()) {
      // The value of the gradient's record is f itself.
      return new Expr.Invoke(new Callee.Differentiable(owner, callee, false, roles,
          DifferentiableCallees.order(method)), all, Type.ofResult(method.getReturnType()),
          context.sites().record(tree));
    }
    int wanted = parameter(companion, method, roles, accessor);
    String why = whyNot(method, wanted, accessor, indices);
    if (why != null) {
      context.error(tree, Message.NESTED_GRADIENT, callee, why);
      return null;
    }
    var directional = new ArrayList<>(roles);
    for (int i = 0; i < roles.size(); i++) {
      if (roles.get(i) != Callee.Role.CONSTANT) {
        all.add(direction(all.get(i), i == wanted, indices));
        directional.add(roles.get(i));
      }
    }
    return new Expr.Invoke(new Callee.Differentiable(owner, callee, false, directional, 2, true),
        all, Type.ofResult(method.getReturnType()), context.sites().record(tree));
  }

  /** Why the component cannot be read, or null if it can. */
  private static String whyNot(ExecutableElement method, int wanted, String accessor,
      List<Expr> indices) {
    if (DifferentiableCallees.order(method) < 2) {
      return "add order = 2 to it";
    } else if (wanted < 0) {
      return "'" + accessor + "()' is not the derivative with respect to one of its"
          + " parameters";
    }
    // Java lets no more indices than the rank through; fewer leave an array.
    Type type = NameResolver.typeOf(method.getParameters().get(wanted).asType());
    return indices.size() == type.rank() ? null
        : "'" + accessor + "()' is an array: read its elements, as in '" + accessor + "()"
            + "[i]'; a whole array of derivatives is not followed";
  }

  /** The direction for one parameter: the unit along the wanted one, else zero. */
  private static Expr direction(Expr argument, boolean wanted, List<Expr> indices) {
    if (argument.type() == Type.FLOAT) {
      return new Expr.Literal(Type.FLOAT, wanted ? 1f : 0f);
    } else if (argument.type() == Type.DOUBLE) {
      return Expr.literal(wanted ? 1.0 : 0.0);
    }
    if (wanted) {
      var unitArgs = new ArrayList<Expr>();
      unitArgs.add(argument);
      unitArgs.addAll(indices);
      return ArrayOp.UNIT.call(unitArgs, argument.type());
    }
    return argument.type().rank() == 1
        ? new Expr.NewArray(argument.type(), List.of(new Expr.Length(argument)))
        : ArrayOp.ZEROS_LIKE.of(argument);
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
        return i;
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
