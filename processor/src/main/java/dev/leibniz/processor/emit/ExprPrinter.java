package dev.leibniz.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.leibniz.processor.ir.ArrayOp;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.ir.UnaryOp;
import java.util.ArrayList;

/**
 * Prints expressions as Java with as few parentheses as Java's precedence allows, and never
 * fewer: a right operand of equal precedence keeps its parentheses, because floating-point
 * {@code a - (b - c)} and {@code a * (b * c)} are not {@code a - b - c} and {@code a * b * c}.
 */
final class ExprPrinter implements Expr.Visitor<CodeBlock> {
  private static final int CONDITIONAL = 1;
  private static final int UNARY = 13;
  private static final int PRIMARY = 16;
  private static final ExprPrinter PRINTER = new ExprPrinter();

  private ExprPrinter() {}

  static CodeBlock print(Expr e) {
    return e.accept(PRINTER);
  }

  @Override
  public CodeBlock literal(Expr.Literal l) {
    return l.value() instanceof String text ? CodeBlock.of("$S", text)
        : CodeBlock.of("$L", literalText(l));
  }

  @Override
  public CodeBlock variable(Expr.Var v) {
    return CodeBlock.of("$N", v.name());
  }

  @Override
  public CodeBlock unary(Expr.Unary u) {
    boolean doubled = u.op() != UnaryOp.NOT && startsWithSign(u.operand());
    CodeBlock operand = doubled ? parenthesized(u.operand()) : atLeast(u.operand(), UNARY);
    return CodeBlock.of("$L$L", u.op().symbol(), operand);
  }

  @Override
  public CodeBlock binary(Expr.Binary b) {
    int p = b.op().precedence();
    return CodeBlock.of(
        "$L $L$W$L", atLeast(b.left(), p), b.op().symbol(), atLeast(b.right(), p + 1));
  }

  @Override
  public CodeBlock call(Expr.Call c) {
    CodeBlock args = c.args().stream().map(ExprPrinter::print).collect(CodeBlock.joining(",$W"));
    return CodeBlock.of("$T.$N($Z$L)", className(c.owner()), c.name(), args);
  }

  @Override
  public CodeBlock cast(Expr.Cast c) {
    return CodeBlock.of("($L) $L", c.type().javaName(), atLeast(c.operand(), UNARY));
  }

  @Override
  public CodeBlock conditional(Expr.Conditional c) {
    return CodeBlock.of(
        "$L ? $L : $L",
        atLeast(c.condition(), CONDITIONAL + 1),
        atLeast(c.then(), CONDITIONAL + 1),
        atLeast(c.otherwise(), CONDITIONAL));
  }

  @Override
  public CodeBlock staticField(Expr.StaticField f) {
    return CodeBlock.of("$T.$N", className(f.owner()), f.name());
  }

  @Override
  public CodeBlock instanceField(Expr.InstanceField f) {
    return CodeBlock.of("$L.$N", atLeast(f.target(), PRIMARY), f.name());
  }

  @Override
  public CodeBlock index(Expr.Index i) {
    return CodeBlock.of("$L[$L]", atLeast(i.array(), PRIMARY), print(i.index()));
  }

  @Override
  public CodeBlock length(Expr.Length l) {
    return CodeBlock.of("$L.length", atLeast(l.array(), PRIMARY));
  }

  @Override
  public CodeBlock newArray(Expr.NewArray n) {
    CodeBlock dimensions = n.dimensions().stream()
        .map(d -> CodeBlock.of("[$L]", print(d)))
        .collect(CodeBlock.joining(""));
    return CodeBlock.of("new $L$L", n.type().base().javaName(), dimensions);
  }

  @Override
  public CodeBlock construct(Expr.Construct c) {
    return CodeBlock.of("new $T($L)", TypeNames.of(c.type()), c.components().stream()
        .map(ExprPrinter::print).collect(CodeBlock.joining(",$W")));
  }

  @Override
  public CodeBlock pop(Expr.Pop p) {
    return CodeBlock.of("$N.$N()", p.workspace().name(), p.stack().pop());
  }

  @Override
  public CodeBlock borrow(Expr.Borrow b) {
    return CodeBlock.of("$N.$N($L)", b.workspace().name(), b.kind().method(),
        print(b.argument()));
  }

  @Override
  public CodeBlock accessor(Expr.Accessor a) {
    return CodeBlock.of("$N.$N()", a.record().name(), a.component());
  }

  @Override
  public CodeBlock runtime(Expr.Runtime r) {
    return CodeBlock.of("$N.$N($L)", r.target().name(), r.method(), r.args().stream()
        .map(ExprPrinter::print).collect(CodeBlock.joining(",$W")));
  }

  /**
   * {@code e} where a value of type {@code target} is expected: a {@code double} that goes
   * into a {@code float} is narrowed explicitly, as Java asks (a literal is written as a float).
   */
  static CodeBlock printAs(Expr e, Type target) {
    if (target != Type.FLOAT || e.type() != Type.DOUBLE) {
      return print(e);
    }
    if (e instanceof Expr.Literal l && l.value() instanceof Number n) {
      return print(new Expr.Literal(Type.FLOAT, n.floatValue()));
    }
    return print(new Expr.Cast(Type.FLOAT, e));
  }

  /** The user's own method: {@code Owner.m(args)}, or {@code receiver.m(args)}. */
  @Override
  public CodeBlock invoke(Expr.Invoke invoke) {
    var args = invoke.args();
    if (invoke.callee() instanceof Callee.Differentiable d && d.directional()) {
      // A directional derivative only evaluated (nothing flows back through it): the tangent
      // of the pushforward, whose arguments are the same.
      CodeBlock all = args.stream().map(ExprPrinter::print).collect(CodeBlock.joining(",$W"));
      // A method writing into its arrays writes their tangents in place instead.
      return CodeBlock.of(invoke.type() == Type.VOID ? "$T.$N($Z$L)" : "$T.$N($Z$L).tangent()",
          className(d.owner().companion()), d.name() + "Pushforward", all);
    }
    if (invoke.callee() instanceof Callee.Differentiable d && d.components()) {
      return throughCompanion(invoke, d);
    }
    if (invoke.callee().instance()) {
      CodeBlock rest = args.subList(1, args.size()).stream()
          .map(ExprPrinter::print).collect(CodeBlock.joining(",$W"));
      return CodeBlock.of("$L.$N($Z$L)", atLeast(args.get(0), PRIMARY), invoke.callee().name(),
          rest);
    }
    CodeBlock all = args.stream().map(ExprPrinter::print).collect(CodeBlock.joining(",$W"));
    return CodeBlock.of("$T.$N($Z$L)", className(invoke.callee().owner()), invoke.callee().name(),
        all);
  }

  /**
   * A call of a method of records that nothing flows back through: the user's method takes
   * records, the call their components, so it goes to the companion's pushforward, which takes
   * components, along a zero direction.
   */
  private static CodeBlock throughCompanion(Expr.Invoke invoke, Callee.Differentiable callee) {
    var all = new ArrayList<CodeBlock>();
    invoke.args().forEach(a -> all.add(print(a)));
    int offset = callee.instance() ? 1 : 0;
    for (int i = 0; i < callee.roles().size(); i++) {
      Expr arg = invoke.args().get(i + offset);
      if (callee.roles().get(i) == Callee.Role.SCALAR) {
        all.add(print(Expr.defaultOf(arg.type())));
      } else if (callee.roles().get(i) == Callee.Role.ARRAY) {
        all.add(print(ArrayOp.ZEROS_LIKE.of(arg)));
      }
    }
    // A method writing into its arrays writes its values there, and its tangents into the
    // zeros passed with them; it returns nothing.
    return CodeBlock.of(invoke.type() == Type.VOID ? "$T.$N($Z$L)" : "$T.$N($Z$L).value()",
        className(callee.owner().companion()), callee.name() + "Pushforward",
        CodeBlock.join(all, ",$W"));
  }

  /** The JavaPoet name of an IR class reference. */
  static ClassName className(TypeRef ref) {
    var names = ref.simpleNames();
    return ClassName.get(
        ref.packageName(), names.get(0), names.subList(1, names.size()).toArray(String[]::new));
  }

  private static CodeBlock atLeast(Expr e, int precedence) {
    return precedence(e) < precedence ? parenthesized(e) : print(e);
  }

  private static CodeBlock parenthesized(Expr e) {
    return CodeBlock.of("($L)", print(e));
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.op().precedence();
    } else if (e instanceof Expr.Conditional) {
      return CONDITIONAL;
    } else if (e instanceof Expr.NewArray) {
      return UNARY;
    } else if (e instanceof Expr.Unary || e instanceof Expr.Cast || startsWithSign(e)) {
      return UNARY;
    }
    return PRIMARY;
  }

  private static boolean startsWithSign(Expr e) {
    if (e instanceof Expr.Unary u) {
      return u.op() != UnaryOp.NOT;
    }
    return e instanceof Expr.Literal l && literalText(l).startsWith("-");
  }

  /**
   * {@code 'a'}; a quote or a backslash escaped, a control character as an octal escape and any
   * other character outside ASCII as a Unicode escape (never one for a quote, a backslash or a
   * line break, which javac would read before the literal).
   */
  private static String charLiteral(char c) {
    if (c == '\'' || c == '\\') {
      return "'\\" + c + "'";
    } else if (c < ' ' || c == 127) {
      return String.format("'\\%o'", (int) c);
    }
    return c < 127 ? "'" + c + "'" : String.format("'\\u%04x'", (int) c);
  }

  private static String literalText(Expr.Literal l) {
    Object value = l.value();
    if (l.type() == Type.DOUBLE) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d)) {
        return "Double.NaN";
      } else if (Double.isInfinite(d)) {
        return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
      }
      return Double.toString(d);
    } else if (l.type() == Type.LONG) {
      return value + "L";
    } else if (l.type() == Type.FLOAT) {
      float f = ((Number) value).floatValue();
      if (Float.isNaN(f)) {
        return "Float.NaN";
      } else if (Float.isInfinite(f)) {
        return f > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY";
      }
      return f + "f";
    } else if (l.type() == Type.CHAR) {
      return charLiteral((Character) value);
    }
    return String.valueOf(value);
  }
}
