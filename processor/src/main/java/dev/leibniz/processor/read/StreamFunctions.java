package dev.leibniz.processor.read;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.rules.Rule;
import dev.leibniz.processor.rules.Rules;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * The functions a stream's pipeline applies, read where its loop applies them: a lambda written
 * in the pipeline, its parameters locals holding the arguments and its body an expression read
 * as any other; or a reference to a function of {@code Math} or to {@code Double::sum},
 * {@code max} or {@code min} (and {@code Integer}'s). A function passed in from outside is an
 * error: what it computes is unknown until the program runs.
 */
final class StreamFunctions {
  private final ReadContext context;
  private final ExpressionReader expressions;

  StreamFunctions(ReadContext context, ExpressionReader expressions) {
    this.context = context;
    this.expressions = expressions;
  }

  /**
   * {@code function} applied to {@code args}, the statements it needs first added to
   * {@code body}; null after an error, which is reported.
   */
  Expr apply(ExpressionTree function, List<Expr> args, List<Stmt> body) {
    if (function instanceof LambdaExpressionTree lambda) {
      return lambda(lambda, args, body);
    }
    if (function instanceof MemberReferenceTree reference) {
      return reference(reference, args);
    }
    context.error(function, Message.UNSUPPORTED_EXPRESSION, "the function " + function
        + ", passed in from outside: Leibniz sees only what a lambda written in the pipeline"
        + " computes");
    return null;
  }

  private Expr lambda(LambdaExpressionTree lambda, List<Expr> args, List<Stmt> body) {
    if (lambda.getBodyKind() != LambdaExpressionTree.BodyKind.EXPRESSION) {
      context.error(lambda, Message.UNSUPPORTED_EXPRESSION,
          "a lambda with a block for its body (write the body as one expression)");
      return null;
    }
    List<? extends VariableTree> parameters = lambda.getParameters();
    if (parameters.size() != args.size()) {
      context.error(lambda, Message.UNSUPPORTED_EXPRESSION, "the lambda " + lambda);
      return null;
    }
    context.scope().enter();
    try {
      boolean assigns = Assignments.in(lambda.getBody());
      for (int i = 0; i < args.size(); i++) {
        String name = parameters.get(i).getName().toString();
        if (args.get(i) instanceof Expr.Var variable && !assigns) {
          // Another name for the counter or the running result: nothing to copy.
          context.scope().alias(name, variable);
          continue;
        }
        Expr.Var parameter = context.scope().declare(name, args.get(i).type());
        body.add(new Stmt.Declare(parameter, args.get(i), context.source(parameters.get(i))));
      }
      int mark = expressions.pending().mark();
      Expr value = expressions.read((ExpressionTree) lambda.getBody());
      body.addAll(expressions.pending().drainSince(mark));
      return value;
    } finally {
      context.scope().exit();
    }
  }

  /** {@code Math::sqrt}, {@code Double::sum}, {@code Double::max}, … applied to {@code args}. */
  private Expr reference(MemberReferenceTree reference, List<Expr> args) {
    String owner = context.names().type(reference.getQualifierExpression().toString())
        .map(TypeElement::getQualifiedName).map(Object::toString).orElse("");
    String name = reference.getName().toString();
    Type promoted = args.stream().map(Expr::type).reduce(Type::promote).orElse(Type.DOUBLE);
    boolean boxes = owner.equals("java.lang.Double") || owner.equals("java.lang.Integer")
        || owner.equals("java.lang.Long");
    if (boxes && name.equals("sum") && args.size() == 2) {
      return new Expr.Binary(BinaryOp.ADD, args.get(0), args.get(1), promoted);
    }
    if (boxes && (name.equals("max") || name.equals("min")) && args.size() == 2) {
      return new Expr.Call(TypeRef.MATH, name, args, promoted);
    }
    Optional<Rule> rule = Rules.lookup(name).filter(r -> Rules.isFunction(name));
    if (owner.equals("java.lang.Math") && rule.isPresent() && rule.get().arity() == args.size()) {
      return new Expr.Call(TypeRef.MATH, name, args,
          rule.get().result().of(args.stream().map(Expr::type).toList()));
    }
    context.error(reference, Message.UNSUPPORTED_EXPRESSION, "the method reference "
        + reference + " (write it as a lambda)");
    return null;
  }

  /** Finds assignments and increments in a lambda's body, which may change its parameters. */
  private static final class Assignments extends TreeScanner<Void, Void> {
    private boolean found;

    static boolean in(Tree body) {
      var scanner = new Assignments();
      scanner.scan(body, null);
      return scanner.found;
    }

    @Override
    public Void visitAssignment(AssignmentTree node, Void unused) {
      found = true;
      return null;
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
      found = true;
      return null;
    }

    @Override
    public Void visitUnary(UnaryTree node, Void unused) {
      found |= node.getKind().name().endsWith("CREMENT");
      return super.visitUnary(node, unused);
    }
  }
}
