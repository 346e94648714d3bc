package dev.leibniz.processor.ir;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An expression as a user reads it in messages and traces: Java syntax, parentheses only where
 * precedence needs them, calls by their simple owner name ({@code Math.exp(x)}). Unlike the
 * emitter's printer it writes plain text, not code, and names the operation of a node.
 */
public final class SourceText implements Expr.Visitor<String> {
  private static final SourceText PRINTER = new SourceText();
  private static final int UNARY = 13;
  private static final int PRIMARY = 15;
  private static final int BRIEF = 72;

  private SourceText() {}

  /**
   * The variables a method's record parameters are read into, each as a variable named as the
   * source reads it ({@code a_x → a.x()}), for texts written with {@link Rewrite#expression}.
   */
  public static Map<Expr.Var, Expr> sourceNames(MethodIR method) {
    var names = new HashMap<Expr.Var, Expr>();
    method.allParams().stream().filter(p -> p.part() != null).forEach(p -> names.put(p.var(),
        new Expr.Var(p.sourceName(), p.var().type())));
    return names;
  }

  /** {@code e} as source text. */
  public static String of(Expr e) {
    return e.accept(PRINTER);
  }

  /**
   * {@code e} as source text of at most {@value #BRIEF} characters, the rest elided: short
   * enough for a string literal on a line of generated code.
   */
  public static String brief(Expr e) {
    String text = of(e);
    return text.length() <= BRIEF ? text : text.substring(0, BRIEF - 1) + "…";
  }

  /** The operation {@code e} performs: {@code *}, {@code Math.exp}, a callee's name. */
  public static String operation(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.op().symbol();
    } else if (e instanceof Expr.Unary u) {
      return u.op().symbol();
    } else if (e instanceof Expr.Call c) {
      return c.owner().nestedName() + "." + c.name();
    } else if (e instanceof Expr.Invoke i) {
      return i.callee().name();
    }
    return of(e);
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.op().precedence();
    } else if (e instanceof Expr.Unary || e instanceof Expr.Cast) {
      return UNARY;
    } else if (e instanceof Expr.Conditional) {
      return 2;
    }
    return PRIMARY;
  }

  private static String atLeast(Expr e, int precedence) {
    String text = of(e);
    return precedence(e) < precedence ? "(" + text + ")" : text;
  }

  private static String arguments(java.util.List<Expr> args) {
    return args.stream().map(SourceText::of).collect(Collectors.joining(", "));
  }

  @Override
  public String literal(Expr.Literal l) {
    if (l.value() instanceof String s) {
      return '"' + s + '"';
    } else if (l.value() instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(l.value());
  }

  /** A local lowering renamed apart from another of the same name ({@code i_2}) as written. */
  @Override
  public String variable(Expr.Var v) {
    return v.name().replaceFirst("(?<=[A-Za-z0-9])_\\d+$", "");
  }

  @Override
  public String unary(Expr.Unary u) {
    return u.op().symbol() + atLeast(u.operand(), UNARY);
  }

  @Override
  public String binary(Expr.Binary b) {
    int p = b.op().precedence();
    return atLeast(b.left(), p) + " " + b.op().symbol() + " " + atLeast(b.right(), p + 1);
  }

  @Override
  public String call(Expr.Call c) {
    return c.owner().nestedName() + "." + c.name() + "(" + arguments(c.args()) + ")";
  }

  @Override
  public String invoke(Expr.Invoke i) {
    return i.callee().name() + "(" + arguments(i.args()) + ")";
  }

  @Override
  public String cast(Expr.Cast c) {
    return "(" + c.type().javaName() + ") " + atLeast(c.operand(), UNARY);
  }

  @Override
  public String conditional(Expr.Conditional c) {
    return atLeast(c.condition(), 3) + " ? " + atLeast(c.then(), 3) + " : "
        + atLeast(c.otherwise(), 2);
  }

  @Override
  public String staticField(Expr.StaticField f) {
    return f.owner().nestedName() + "." + f.name();
  }

  @Override
  public String instanceField(Expr.InstanceField f) {
    return atLeast(f.target(), PRIMARY) + "." + f.name();
  }

  @Override
  public String index(Expr.Index i) {
    return atLeast(i.array(), PRIMARY) + "[" + of(i.index()) + "]";
  }

  @Override
  public String length(Expr.Length l) {
    return atLeast(l.array(), PRIMARY) + ".length";
  }

  @Override
  public String newArray(Expr.NewArray n) {
    return "new " + n.type().base().javaName() + n.dimensions().stream()
        .map(d -> "[" + of(d) + "]").collect(Collectors.joining());
  }

  @Override
  public String construct(Expr.Construct c) {
    return "new " + c.type().javaName() + "(" + arguments(c.components()) + ")";
  }

  @Override
  public String pop(Expr.Pop p) {
    return p.workspace().name() + "." + p.stack().pop() + "()";
  }

  @Override
  public String borrow(Expr.Borrow b) {
    return b.workspace().name() + "." + b.kind().method() + "(" + of(b.argument()) + ")";
  }

  @Override
  public String accessor(Expr.Accessor a) {
    return a.record().name() + "." + a.component() + "()";
  }

  @Override
  public String runtime(Expr.Runtime r) {
    return r.target().name() + "." + r.method() + "(" + arguments(r.args()) + ")";
  }
}
