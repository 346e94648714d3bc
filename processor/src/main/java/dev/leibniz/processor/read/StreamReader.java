package dev.leibniz.processor.read;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * A pipeline of a primitive stream, read as the loop it stands for, in the statements that run
 * before the statement holding it: {@code IntStream.range(a, b)}, {@code rangeClosed} or
 * {@code Arrays.stream(v)} (also {@code Arrays.stream(v, from, to)}) as the source;
 * {@code map}, {@code mapToDouble}, {@code asDoubleStream} and {@code filter} in between;
 * {@code sum}, {@code count}, {@code max}, {@code min}, {@code average} and {@code reduce} at
 * the end, those that give an optional read with {@code getAsDouble}, {@code getAsInt},
 * {@code orElseThrow} or {@code orElse}.
 *
 * <p>Each function is read where the loop applies it ({@link StreamFunctions}), so that its body
 * is differentiated as the loop's is. The bounds are evaluated once, before the loop, as the
 * stream's are. {@code sum} adds in order, without the compensation the JDK may apply, so the
 * value may differ from the stream's in its last bits; an empty stream's {@code getAsDouble}
 * gives 0 rather than throwing.
 */
final class StreamReader {
  private static final Set<String> OPTIONAL_READS =
      Set.of("getAsDouble", "getAsInt", "orElseThrow", "orElse");

  /** One call of a pipeline: its method's name and the call. */
  private record Step(String name, MethodInvocationTree call) {}

  /** The statements of the loop's body being built, inside the filters read so far. */
  private record Level(List<Stmt> statements, Expr test) {}

  private final ReadContext context;
  private final ExpressionReader expressions;
  private final StreamFunctions functions;

  StreamReader(ReadContext context, ExpressionReader expressions) {
    this.context = context;
    this.expressions = expressions;
    this.functions = new StreamFunctions(context, expressions);
  }

  /** Whether {@code tree} ends a pipeline that starts at a source this class reads. */
  boolean isPipeline(MethodInvocationTree tree) {
    return !steps(tree).isEmpty();
  }

  /** The value of the pipeline {@code tree} ends; null after an error, which is reported. */
  Expr read(MethodInvocationTree tree) {
    List<Step> steps = steps(tree);
    Source source = context.source(tree);
    String counter = counterName(steps);
    Expr.Var index = context.scope().declare(
        counter.startsWith("_") ? context.scope().fresh(counter) : counter, Type.INT);
    Bounds bounds = bounds(steps.get(0), index);
    if (bounds == null) {
      return null;
    }
    var levels = new ArrayList<Level>();
    levels.add(new Level(new ArrayList<>(), null));
    Expr value = bounds.element();
    int at = 1;
    for (; at < steps.size() && !isTerminal(steps.get(at).name()); at++) {
      value = intermediate(steps.get(at), value, levels);
      if (value == null) {
        return null;
      }
    }
    if (at == steps.size()) {
      error(tree, "a stream without sum, count, max, min, average or reduce");
      return null;
    }
    var terminal = new StreamTerminal(context, expressions, functions, steps.get(at).call(),
        steps.get(at).name());
    if (!terminal.start(value)) {
      return null;
    }
    if (terminal.readsTwice() && !(value instanceof Expr.Index)) {
      value = once(value, last(levels).statements(), steps.get(at));
    }
    last(levels).statements().addAll(terminal.accumulate(value));
    if (terminal.fails()) {
      return null;
    }
    terminal.declarations(source).forEach(expressions::precede);
    expressions.precede(new Stmt.Declare(index, bounds.start(), source));
    expressions.precede(loop(index, bounds, levels, source));
    List<Step> after = steps.subList(at + 1, steps.size());
    return terminal.result(after.isEmpty() ? null : after.get(0).call(),
        after.isEmpty() ? null : after.get(0).name(), tree);
  }

  /**
   * The counter of a range takes the name of the first lambda's parameter, which stands for it:
   * {@code i} in {@code range(0, n).mapToDouble(i -> …)}.
   */
  private static String counterName(List<Step> steps) {
    boolean range = !steps.get(0).name().equals("stream");
    List<? extends ExpressionTree> args = steps.get(1).call().getArguments();
    if (range && args.size() == 1 && args.get(0) instanceof LambdaExpressionTree lambda
        && lambda.getParameters().size() == 1) {
      return lambda.getParameters().get(0).getName().toString();
    }
    return "_k";
  }

  /** {@code for (k = start; k < end; k++) body}, the filters' branches nested in the body. */
  private Stmt loop(Expr.Var index, Bounds bounds, List<Level> levels, Source source) {
    Stmt.Block block = new Stmt.Block(last(levels).statements());
    for (int i = levels.size() - 1; i > 0; i--) {
      List<Stmt> outer = levels.get(i - 1).statements();
      outer.add(new Stmt.If(levels.get(i).test(), block, new Stmt.Block(List.of()), source));
      block = new Stmt.Block(outer);
    }
    Expr condition = new Expr.Binary(bounds.closed() ? BinaryOp.LE : BinaryOp.LT, index,
        bounds.end(), Type.BOOLEAN);
    Stmt step = new Stmt.Assign(index,
        new Expr.Binary(BinaryOp.ADD, index, new Expr.Literal(Type.INT, 1), Type.INT), source);
    return new Stmt.Loop(condition, block, new Stmt.Block(List.of(step)), true, source);
  }

  private static Level last(List<Level> levels) {
    return levels.get(levels.size() - 1);
  }

  /** {@code map}, {@code mapToDouble}, {@code asDoubleStream} or {@code filter}. */
  private Expr intermediate(Step step, Expr value, List<Level> levels) {
    List<Stmt> body = last(levels).statements();
    List<? extends ExpressionTree> args = step.call().getArguments();
    switch (step.name()) {
      case "asDoubleStream":
        return ExpressionReader.convert(value, Type.DOUBLE);
      case "map":
      case "mapToDouble": {
        Type type = step.name().equals("map") ? value.type() : Type.DOUBLE;
        Expr mapped = args.size() == 1 ? functions.apply(args.get(0), List.of(value), body) : null;
        // Passed on as it is: the next stage reads it once, as the loop it stands for would.
        return mapped == null ? null : ExpressionReader.convert(mapped, type);
      }
      case "filter": {
        // Read by the test and by what follows: evaluated once, into a local.
        Expr kept = once(value, body, step);
        Expr test = args.size() == 1 ? functions.apply(args.get(0), List.of(kept), body) : null;
        if (test == null) {
          return null;
        }
        levels.add(new Level(new ArrayList<>(), test));
        return kept;
      }
      default:
        error(step.call(), "a stream's " + step.name());
        return null;
    }
  }

  /** {@code value} in a local declared in {@code body}, unless it is a variable already. */
  private Expr once(Expr value, List<Stmt> body, Step step) {
    if (value instanceof Expr.Var) {
      return value;
    }
    Expr.Var local = context.scope().declare(context.scope().fresh("_element"), value.type());
    body.add(new Stmt.Declare(local, value, context.source(step.call())));
    return local;
  }

  private static boolean isTerminal(String name) {
    return StreamTerminal.NAMES.contains(name);
  }

  /** Where the loop runs and what each iteration's element is. */
  private record Bounds(Expr start, Expr end, boolean closed, Expr element) {}

  /** The source's bounds, evaluated once before the loop; null after an error. */
  private Bounds bounds(Step source, Expr.Var index) {
    List<? extends ExpressionTree> args = source.call().getArguments();
    var read = new ArrayList<Expr>();
    for (ExpressionTree arg : args) {
      int mark = expressions.pending().mark();
      Expr value = expressions.read(arg);
      expressions.pending().keepEarlier(read, mark);
      read.add(value);
    }
    if (read.contains(null)) {
      return null;
    }
    if (source.name().equals("stream")) {
      Expr array = read.get(0);
      if (!Type.DOUBLE_ARRAY.equals(array.type()) || args.size() == 2) {
        error(source.call(), "a stream of " + args.get(0));
        return null;
      }
      Expr element = new Expr.Index(array, index, Type.DOUBLE);
      return args.size() == 1
          ? new Bounds(new Expr.Literal(Type.INT, 0), new Expr.Length(array), false, element)
          : new Bounds(read.get(1), evaluatedOnce(read.get(2), source), false, element);
    }
    if (read.size() != 2 || read.get(0).type() != Type.INT || read.get(1).type() != Type.INT) {
      error(source.call(), "a range of " + args);
      return null;
    }
    return new Bounds(read.get(0), evaluatedOnce(read.get(1), source), source.name().equals("rangeClosed"),
        index);
  }

  /**
   * {@code end} in a local of its own unless it is a constant, a variable or the length of an
   * array variable: none of those can change while the stream runs.
   */
  private Expr evaluatedOnce(Expr end, Step source) {
    if (end instanceof Expr.Literal || end instanceof Expr.Var
        || end instanceof Expr.Length length && length.array() instanceof Expr.Var) {
      return end;
    }
    Expr.Var local = context.scope().declare(context.scope().fresh("_end"), end.type());
    expressions.precede(new Stmt.Declare(local, end, context.source(source.call())));
    return local;
  }

  /** The calls of a pipeline, its source first; empty when {@code tree} ends none. */
  private List<Step> steps(MethodInvocationTree tree) {
    var steps = new ArrayDeque<Step>();
    ExpressionTree current = tree;
    while (current instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof MemberSelectTree select) {
      String name = select.getIdentifier().toString();
      steps.addFirst(new Step(name, call));
      if (isSource(select.getExpression(), name)) {
        return steps.size() > 1 ? List.copyOf(steps) : List.of();
      }
      current = select.getExpression();
    }
    return List.of();
  }

  private boolean isSource(ExpressionTree owner, String name) {
    boolean named = owner instanceof MemberSelectTree || owner.getKind() == Tree.Kind.IDENTIFIER;
    if (!named || context.scope().lookup(owner.toString()) != null) {
      return false;
    }
    String type = context.names().type(owner.toString())
        .map(TypeElement::getQualifiedName).map(Object::toString).orElse("");
    return type.equals("java.util.stream.IntStream")
        && (name.equals("range") || name.equals("rangeClosed"))
        || type.equals("java.util.Arrays") && name.equals("stream");
  }

  /** Whether {@code name} reads the optional a terminal gives. */
  static boolean readsOptional(String name) {
    return OPTIONAL_READS.contains(name);
  }

  private void error(Tree tree, String what) {
    context.error(tree, Message.UNSUPPORTED_EXPRESSION, what);
  }
}
