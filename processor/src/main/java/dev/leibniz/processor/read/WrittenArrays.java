package dev.leibniz.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

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
   * The call statement {@code tree} of a method writing into its arrays, or null after an
   * error. The arrays it may write are those its source writes, or for a method in a jar, all
   * its differentiable arrays.
   */
  Stmt.Write read(MethodInvocationTree tree) {
    int errors = context.reporter().errorCount();
    CallReader.Resolved resolved = calls.resolve(tree, true);
    if (resolved == null && context.reporter().errorCount() > errors) {
      return null;
    }
    if (resolved == null || !PrivateHelpers.isDifferentiated(resolved.method())
        || Type.ofResult(resolved.method().getReturnType()) != Type.VOID) {
      context.error(tree, Message.UNSUPPORTED_STATEMENT, "a call made for its effect",
          "use its value, or mark the method @Differentiable if it writes into its arrays");
      return null;
    }
    ExecutableElement method = resolved.method();
    var callee = DifferentiableCallees.of(method, resolved.receiver() != null);
    List<Expr> args = calls.arguments(tree, method, resolved.receiver(), resolved.args());
    List<Integer> written = written(method, resolved.receiver() != null);
    for (int position : written) {
      if (!writable(tree, method, args, position)) {
        return null;
      }
    }
    return new Stmt.Write(new Expr.Invoke(callee, args, Type.VOID, context.sites().record(tree)),
        written, context.source(tree), context.trees().getTree(method) == null);
  }

  /**
   * The positions in the call's IR of the arrays {@code method} may write: an array of
   * records is written as its components' arrays, each an argument of its own.
   */
  private List<Integer> written(ExecutableElement method, boolean receiver) {
    List<Integer> widths = widths(method, receiver);
    var written = new ArrayList<Integer>();
    for (int declared : writtenPositions(method)) {
      int first = flattened(widths, declared, receiver);
      int width = widths.get(declared + (receiver ? 1 : 0));
      for (int k = first; k < first + width; k++) {
        written.add(k);
      }
    }
    return written;
  }

  /**
   * Whether the argument at {@code position} may be written: a variable or a row no other
   * argument may share; reports why not otherwise.
   */
  private boolean writable(MethodInvocationTree tree, ExecutableElement method, List<Expr> args,
      int position) {
    String name = method.getSimpleName().toString();
    Expr argument = args.get(position);
    boolean named = argument instanceof Expr.Var
        || (argument instanceof Expr.Index i && i.array() instanceof Expr.Var);
    if (!named) {
      context.error(tree, Message.ARRAY_RESULT, tree, "an array '" + name + "' writes into"
          + " must be a variable or a row of a double[][]");
      return false;
    }
    String shared = sharedWith(argument, args, position);
    if (shared != null) {
      context.error(tree, Message.ARRAY_RESULT, tree, "an array '" + name + "' writes into"
          + " may also be its argument '" + shared + "', and a method that reads an array it"
          + " writes is not the function of its arguments a caller differentiates: pass a"
          + " copy");
      return false;
    }
    return true;
  }

  /**
   * How many arguments of the call's IR each declared argument is, the receiver first: a
   * record's, one per component; any other, one.
   */
  private static List<Integer> widths(ExecutableElement method, boolean receiver) {
    var widths = new ArrayList<Integer>();
    if (receiver) {
      widths.add(SignatureReader.selfType(method).map(t -> RecordValues.paths(t).size())
          .orElse(1));
    }
    for (var param : method.getParameters()) {
      widths.add(RecordValues.typeOf(param.asType()).map(t -> RecordValues.paths(t).size())
          .or(() -> RecordValues.elementType(param.asType())
              .map(t -> RecordValues.arrayLeafTypes(t).size()))
          .orElse(1));
    }
    return widths;
  }

  /**
   * The position in the call's IR of the declared parameter {@code position}: after the
   * arguments the ones before it are, the receiver's first.
   */
  private static int flattened(List<Integer> widths, int position, boolean receiver) {
    int declared = position + (receiver ? 1 : 0);
    return widths.subList(0, declared).stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * The positions of the differentiable array parameters a method may write into: those its
   * source writes, when it is at hand; else every one of them.
   */
  private List<Integer> writtenPositions(ExecutableElement method) {
    List<String> inSource = inSource(context, method);
    boolean jar = context.trees().getTree(method) == null;
    var positions = new ArrayList<Integer>();
    List<? extends VariableElement> params = method.getParameters();
    for (int i = 0; i < params.size(); i++) {
      // A record is never written: arrays declared as parameters are, arrays of records too.
      Type type = NameResolver.typeOf(params.get(i).asType());
      boolean records = RecordValues.elementType(params.get(i).asType()).isPresent();
      boolean array = (records || type != null && type.isArray() && type.isDifferentiable())
          && !Annotations.has(params.get(i), Annotations.NO_DERIVATIVE);
      if (array && (jar || inSource.contains(params.get(i).getSimpleName().toString()))) {
        positions.add(i);
      }
    }
    return positions;
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

  /** The array parameters the method's source assigns to, element or whole. */
  static List<String> inSource(ReadContext context, ExecutableElement method) {
    MethodTree body = context.trees().getTree(method);
    if (body == null || body.getBody() == null) {
      return List.of();
    }
    Set<String> arrays = method.getParameters().stream()
        .filter(p -> NameResolver.typeOf(p.asType()) != null
            && NameResolver.typeOf(p.asType()).isArray()
            || RecordValues.elementType(p.asType()).isPresent())
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
}
