package dev.leibniz.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Calls of {@code void} methods that write into an array argument, such as an ODE right-hand
 * side {@code rate(t, y, dy)}. The call is read as the function form the callee's companion
 * offers ({@code rateNewDy}, the new contents of {@code dy}) and a loop copying that result
 * into the argument, so that the caller saves and differentiates what the call overwrites as it
 * does any element assignment.
 */
final class WrittenArrays {
  private final ReadContext context;
  private final CallReader calls;
  private final ArrayNames names;

  WrittenArrays(ReadContext context, CallReader calls, ArrayNames names) {
    this.context = context;
    this.calls = calls;
    this.names = names;
  }

  /**
   * A call of a method writing into one array argument.
   *
   * @param function the call of its function form, returning the array's new contents
   * @param written the argument the call writes into
   */
  record Writing(Expr.Invoke function, Expr written) {}

  /** The call statement {@code tree} as such, or null after an error. */
  Writing read(MethodInvocationTree tree) {
    int errors = context.reporter().errorCount();
    CallReader.Resolved resolved = calls.resolve(tree, true);
    if (resolved == null && context.reporter().errorCount() > errors) {
      return null;
    }
    if (resolved == null || !PrivateHelpers.isDifferentiated(resolved.method())
        || Type.ofResult(resolved.method().getReturnType()) != Type.VOID) {
      context.error(tree, Message.UNSUPPORTED_STATEMENT, "a call made for its effect");
      return null;
    }
    ExecutableElement method = resolved.method();
    String name = method.getSimpleName().toString();
    List<Form> written = forms(method);
    if (written.size() != 1) {
      context.error(tree, Message.ARRAY_RESULT, tree, "'" + name + "' writes into "
          + (written.isEmpty() ? "no array parameter Leibniz can see" : "several arrays, "
              + written.stream().map(Form::parameter).toList())
          + "; a caller can follow a method that writes into one");
      return null;
    }
    Expr argument = resolved.args().get(written.get(0).position());
    boolean named = argument instanceof Expr.Var
        || (argument instanceof Expr.Index i && i.array() instanceof Expr.Var);
    if (!named || argument.type() != Type.DOUBLE_ARRAY) {
      context.error(tree, Message.ARRAY_RESULT, tree, "the array '" + name + "' writes into"
          + " must be a double[] variable or a row of a double[][]");
      return null;
    }
    String shared = sharedWith(argument, resolved.args(), written.get(0).position());
    if (shared != null) {
      context.error(tree, Message.ARRAY_RESULT, tree, "the array '" + name + "' writes into"
          + " may also be its argument '" + shared + "', and a method that reads an array it"
          + " writes is not the function of its arguments a caller differentiates: pass a copy");
      return null;
    }
    var owner = TypeRefs.of((TypeElement) method.getEnclosingElement());
    var callee = new Callee.Differentiable(owner, written.get(0).name(),
        resolved.receiver() != null, CallReader.roles(method), written.get(0).position());
    List<Expr> args = calls.arguments(tree, method, resolved.receiver(), resolved.args());
    return new Writing(new Expr.Invoke(callee, args, Type.DOUBLE_ARRAY,
        context.sites().record(tree)), argument);
  }

  /**
   * Another argument that may be the written array, or share it: the same variable, a name for
   * its owner, or for a row, the same matrix; null if none.
   */
  private String sharedWith(Expr written, List<Expr> args, int position) {
    Expr.Var root = written instanceof Expr.Index i ? (Expr.Var) i.array() : (Expr.Var) written;
    for (int i = 0; i < args.size(); i++) {
      Expr other = args.get(i);
      boolean fresh = other instanceof Expr.Invoke call
          && call.callee() instanceof Callee.Differentiable;
      if (i == position || !other.type().isArray() || fresh) {
        continue;
      }
      Expr.Var otherRoot = other instanceof Expr.Index index && index.array() instanceof Expr.Var v
          ? v : other instanceof Expr.Var v ? v : null;
      if (otherRoot == null || names.mayShare(root, otherRoot)) {
        return String.valueOf(otherRoot == null ? other : otherRoot.name());
      }
    }
    return null;
  }

  /**
   * The function form of a method for one array it writes into.
   *
   * @param position the array's position among the method's parameters
   * @param parameter the parameter's name, as the compiler knows it
   * @param name the function form's name in the companion
   */
  record Form(int position, String parameter, String name) {}

  /**
   * The function forms of a method: from its source when it is in this compilation, else from
   * what its companion offers (a class file may not keep parameter names, so the form's record
   * says which parameter it is).
   */
  private List<Form> forms(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    if (context.trees().getTree(method) == null) {
      return fromCompanion(context, method);
    }
    List<String> parameters = method.getParameters().stream()
        .map(p -> p.getSimpleName().toString()).toList();
    return inSource(context, method).stream()
        .map(p -> new Form(parameters.indexOf(p), p, Callee.newContents(name, p)))
        .toList();
  }

  /** The array parameters the method's source assigns to, element or whole. */
  static List<String> inSource(ReadContext context, ExecutableElement method) {
    MethodTree body = context.trees().getTree(method);
    if (body == null || body.getBody() == null) {
      return List.of();
    }
    Set<String> arrays = method.getParameters().stream()
        .filter(p -> NameResolver.typeOf(p.asType()) != null
            && NameResolver.typeOf(p.asType()).isArray())
        .map(p -> p.getSimpleName().toString())
        .collect(Collectors.toSet());
    var written = new LinkedHashSet<String>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        note(node.getVariable());
        return super.visitAssignment(node, unused);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        note(node.getVariable());
        return super.visitCompoundAssignment(node, unused);
      }

      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        if (node.getKind().name().endsWith("CREMENT")) {
          note(node.getExpression());
        }
        return super.visitUnary(node, unused);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        // Arrays.fill(a, …) and System.arraycopy(…, a, …) write into a too.
        String call = node.getMethodSelect().toString();
        int target = call.endsWith("arraycopy") ? 2 : call.endsWith("fill") ? 0 : -1;
        if (target >= 0 && node.getArguments().size() > target) {
          note(node.getArguments().get(target));
        }
        return super.visitMethodInvocation(node, unused);
      }

      private void note(ExpressionTree target) {
        ExpressionTree root = target;
        while (root instanceof ArrayAccessTree access) {
          root = access.getExpression();
        }
        if (root instanceof IdentifierTree id && arrays.contains(id.getName().toString())) {
          written.add(id.getName().toString());
        }
      }
    }.scan(body.getBody(), null);
    return new ArrayList<>(written);
  }

  /**
   * For a method in a jar: the function forms {@code mNewA} its companion has. The form's
   * record names its components after the differentiable parameters ({@code dA}), which gives
   * the position of {@code a}.
   */
  private static List<Form> fromCompanion(ReadContext context, ExecutableElement method) {
    var owner = TypeRefs.of((TypeElement) method.getEnclosingElement());
    String companion = owner.companion().packageName().isEmpty()
        ? owner.companion().simpleNames().get(0)
        : owner.companion().packageName() + "." + owner.companion().simpleNames().get(0);
    Optional<TypeElement> type = context.names().type(companion);
    if (type.isEmpty()) {
      return List.of();
    }
    String prefix = method.getSimpleName() + "New";
    var forms = new ArrayList<Form>();
    for (TypeElement record : ElementFilter.typesIn(type.get().getEnclosedElements())) {
      String recordName = record.getSimpleName().toString();
      String form = Character.toLowerCase(recordName.charAt(0)) + recordName.substring(1);
      if (!form.startsWith(prefix) || form.length() == prefix.length()) {
        continue;
      }
      List<String> components = ElementFilter.recordComponentsIn(record.getEnclosedElements())
          .stream().map(c -> c.getSimpleName().toString()).toList();
      int differentiable = components.indexOf("d" + form.substring(prefix.length())) - 1;
      int position = nthDifferentiable(method, differentiable);
      if (position >= 0) {
        forms.add(new Form(position,
            method.getParameters().get(position).getSimpleName().toString(), form));
      }
    }
    return forms;
  }

  /** The position of the method's {@code n}-th differentiable parameter, or -1. */
  private static int nthDifferentiable(ExecutableElement method, int n) {
    List<Callee.Role> roles = CallReader.roles(method);
    for (int i = 0, seen = 0; i < roles.size() && n >= 0; i++) {
      if (roles.get(i) != Callee.Role.CONSTANT && seen++ == n) {
        return i;
      }
    }
    return -1;
  }
}
