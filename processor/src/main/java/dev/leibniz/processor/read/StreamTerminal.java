package dev.leibniz.processor.read;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The operation that ends a stream's pipeline, as locals declared before its loop, the
 * statements each iteration adds, and the value after it: {@code sum} and {@code count} keep a
 * running total; {@code max} and {@code min} the best so far, through {@code Math.max} and
 * {@code Math.min} as the JDK's streams do, with a flag saying whether there was any element;
 * {@code average} a total and a count; {@code reduce(identity, f)} the running result of
 * {@code f}, and {@code reduce(f)} the same from the first element.
 */
final class StreamTerminal {
  static final Set<String> NAMES = Set.of("sum", "count", "max", "min", "average", "reduce");

  private final ReadContext context;
  private final ExpressionReader expressions;
  private final StreamFunctions functions;
  private final MethodInvocationTree call;
  private final String name;
  /** The running result; for {@code average}, the total. */
  private Expr.Var result;
  /** Whether an element was seen, for the operations that give an optional. */
  private Expr.Var any;
  /** The elements counted, for {@code average}. */
  private Expr.Var count;
  private Expr initial;
  private boolean failed;

  StreamTerminal(ReadContext context, ExpressionReader expressions, StreamFunctions functions,
      MethodInvocationTree call, String name) {
    this.context = context;
    this.expressions = expressions;
    this.functions = functions;
    this.call = call;
    this.name = name;
  }

  /**
   * Declares the locals for elements like {@code element} and reads what the call evaluates
   * before the loop ({@code reduce}'s identity); false after an error.
   */
  boolean start(Expr element) {
    Type type = element.type();
    List<? extends ExpressionTree> args = call.getArguments();
    int arity = name.equals("reduce") ? args.size() : 0;
    if (args.size() != arity || name.equals("reduce") && (arity < 1 || arity > 2)) {
      context.error(call, Message.UNSUPPORTED_EXPRESSION, "the call " + call);
      return false;
    }
    switch (name) {
      case "count" -> result = local("_count", Type.LONG);
      case "average" -> {
        result = local("_total", Type.DOUBLE);
        count = local("_count", Type.LONG);
      }
      default -> result = local("_" + name, type);
    }
    if (name.equals("max") || name.equals("min") || arity == 1) {
      any = local("_any", Type.BOOLEAN);
    }
    initial = Expr.defaultOf(result.type());
    if (arity == 2) {
      Expr identity = expressions.read(args.get(0));
      if (identity == null) {
        return false;
      }
      initial = ExpressionReader.convert(identity, type);
    }
    return true;
  }

  private Expr.Var local(String hint, Type type) {
    return context.scope().declare(context.scope().fresh(hint), type);
  }

  /** What an iteration does with its {@code element}. */
  List<Stmt> accumulate(Expr element) {
    Source source = context.source(call);
    var out = new ArrayList<Stmt>();
    switch (name) {
      case "sum" -> out.add(set(result, result.plus(element), source));
      case "count" -> out.add(set(result, result.plus(new Expr.Literal(Type.LONG, 1L)), source));
      case "average" -> {
        out.add(set(result, result.plus(ExpressionReader.convert(element, Type.DOUBLE)), source));
        out.add(set(count, count.plus(new Expr.Literal(Type.LONG, 1L)), source));
      }
      default -> {
        var combined = new ArrayList<Stmt>();
        Expr next = name.equals("reduce")
            ? functions.apply(call.getArguments().get(call.getArguments().size() - 1),
                List.of(result, element), combined)
            : new Expr.Call(TypeRef.MATH, name, List.of(result, element), result.type());
        if (next == null) {
          failed = true;
          return out;
        }
        combined.add(set(result, ExpressionReader.convert(next, result.type()), source));
        if (any == null) {
          out.addAll(combined);
        } else {
          out.add(new Stmt.If(any, new Stmt.Block(combined),
              new Stmt.Block(List.of(set(result, element, source))), source));
          out.add(set(any, new Expr.Literal(Type.BOOLEAN, true), source));
        }
      }
    }
    return out;
  }

  private static Stmt set(Expr.Var variable, Expr value, Source source) {
    return new Stmt.Assign(variable, ExpressionReader.convert(value, variable.type()), source);
  }

  /**
   * Whether an iteration reads its element in two places (the best so far, or the first
   * element of a reduction without identity), so that it is evaluated into a local first.
   */
  boolean readsTwice() {
    return any != null;
  }

  /** Whether reading a function of the operation failed, with an error reported. */
  boolean fails() {
    return failed;
  }

  /** The locals declared before the loop. */
  List<Stmt> declarations(Source source) {
    var out = new ArrayList<Stmt>();
    out.add(new Stmt.Declare(result, initial, source));
    if (any != null) {
      out.add(new Stmt.Declare(any, new Expr.Literal(Type.BOOLEAN, false), source));
    }
    if (count != null) {
      out.add(new Stmt.Declare(count, new Expr.Literal(Type.LONG, 0L), source));
    }
    return out;
  }

  /**
   * The pipeline's value, read through {@code read}, the call after the operation ({@code
   * getAsDouble()}, {@code orElse(x)}, …) where it gives an optional, else null; null after an
   * error.
   */
  Expr result(MethodInvocationTree read, String readName, Tree pipeline) {
    boolean optional = any != null || count != null;
    if (!optional) {
      return read == null ? result : unexpected(pipeline);
    }
    if (read == null || !StreamReader.readsOptional(readName)) {
      context.error(pipeline, Message.UNSUPPORTED_EXPRESSION, "the optional " + name
          + "() gives, kept as an object (read it in the same expression with getAsDouble(),"
          + " getAsInt() or orElse(…))");
      return null;
    }
    Expr present = count == null ? any
        : new Expr.Binary(BinaryOp.GT, count, new Expr.Literal(Type.LONG, 0L), Type.BOOLEAN);
    Expr value = count == null ? result
        : new Expr.Binary(BinaryOp.DIV, result, ExpressionReader.convert(count, Type.DOUBLE),
            Type.DOUBLE);
    if (!readName.equals("orElse")) {
      return value;
    }
    Expr otherwise = read.getArguments().size() == 1 ? expressions.read(read.getArguments().get(0))
        : null;
    if (otherwise == null) {
      return null;
    }
    Type type = Type.promote(value.type(), otherwise.type());
    Source source = context.source(read);
    Expr.Var chosen = local("_orElse", type);
    expressions.precede(new Stmt.Declare(chosen, null, source));
    expressions.precede(new Stmt.If(present,
        new Stmt.Block(List.of(set(chosen, value, source))),
        new Stmt.Block(List.of(set(chosen, otherwise, source))), source));
    return chosen;
  }

  private Expr unexpected(Tree pipeline) {
    context.error(pipeline, Message.UNSUPPORTED_EXPRESSION, "the call after " + name + "()");
    return null;
  }
}
