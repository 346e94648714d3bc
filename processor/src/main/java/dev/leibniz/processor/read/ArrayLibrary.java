package dev.leibniz.processor.read;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Rewrite;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.lang.model.element.TypeElement;

/**
 * The array library as the loops it runs: {@code a.clone()}, {@code Arrays.copyOf},
 * {@code Arrays.copyOfRange}, {@code Arrays.fill} (whole and ranged) and
 * {@code System.arraycopy} on {@code double[]}. Written out as element assignments, they are
 * differentiated, saved and restored like any the user writes, and a person stepping through
 * the generated code sees each element move.
 */
final class ArrayLibrary {
  private final ReadContext context;
  private final ExpressionReader expressions;
  private final ArrayNames names;

  ArrayLibrary(ReadContext context, ExpressionReader expressions, ArrayNames names) {
    this.context = context;
    this.expressions = expressions;
    this.names = names;
  }

  /** Whether {@code tree} is a copy: {@code clone}, {@code copyOf} or {@code copyOfRange}. */
  boolean isCopy(ExpressionTree tree) {
    return isCopy(context, tree);
  }

  /** Whether {@code tree} is {@code Arrays.fill} or {@code System.arraycopy}. */
  boolean isStatement(ExpressionTree tree) {
    return isStatement(context, tree);
  }

  static boolean isCopy(ReadContext context, ExpressionTree tree) {
    if (!(tree instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof MemberSelectTree select)) {
      return false;
    }
    String name = select.getIdentifier().toString();
    if (name.equals("clone")) {
      return call.getArguments().isEmpty();
    }
    return (name.equals("copyOf") || name.equals("copyOfRange"))
        && isClass(context, select.getExpression(), "java.util.Arrays");
  }

  static boolean isStatement(ReadContext context, ExpressionTree tree) {
    if (!(tree instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof MemberSelectTree select)) {
      return false;
    }
    String name = select.getIdentifier().toString();
    return (name.equals("fill") && isClass(context, select.getExpression(), "java.util.Arrays"))
        || (name.equals("arraycopy")
            && isClass(context, select.getExpression(), "java.lang.System"));
  }

  /**
   * {@code target = copy}: a new array and a loop filling it; null after an error.
   *
   * @param declares whether the statement declares {@code target}
   */
  List<Stmt> copyInto(MethodInvocationTree call, Expr.Var target, boolean declares,
      Source source) {
    var select = (MemberSelectTree) call.getMethodSelect();
    String name = select.getIdentifier().toString();
    List<Expr> args = arguments(call, name.equals("clone") ? select.getExpression() : null);
    if (args == null || !isVector(call, args.get(0))) {
      return null;
    }
    var statements = new ArrayList<Stmt>();
    if (args.stream().anyMatch(a -> Exprs.variables(a).contains(target))) {
      // c = Arrays.copyOf(c, 2 * n): the old contents first go to an array of their own.
      Expr.Var old = context.scope().declare(context.scope().fresh("_old"), Type.DOUBLE_ARRAY);
      statements.add(new Stmt.Declare(old, new Expr.NewArray(Type.DOUBLE_ARRAY,
          List.of(new Expr.Length(target))), source));
      statements.add(copyElements(target, old, source));
      args = args.stream().map(a -> Rewrite.expression(a, Map.of(target, old))).toList();
    }
    Expr original = args.get(0);
    Expr from = name.equals("copyOfRange") ? args.get(1) : literal(0);
    Expr length = switch (name) {
      case "clone" -> new Expr.Length(original);
      case "copyOf" -> args.get(1);
      default -> minus(args.get(2), args.get(1));
    };
    Expr created = new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(length));
    statements.add(declares ? new Stmt.Declare(target, created, source)
        : new Stmt.Assign(target, created, source));
    Expr available = name.equals("clone") ? new Expr.Length(original)
        : minimum(length, minus(new Expr.Length(original), from));
    statements.add(loop(literal(0), available, i -> new Stmt.Assign(element(target, i),
        element(original, plus(from, i)), source), source));
    return statements;
  }

  /** {@code for (i …) to[i] = from[i]}, over the length of {@code from}. */
  Stmt copyElements(Expr from, Expr to, Source source) {
    return loop(literal(0), new Expr.Length(from),
        i -> new Stmt.Assign(element(to, i), element(from, i), source), source);
  }

  /**
   * {@code for (i < n) to[toStart + i] = from[fromStart + i]}, each element converted to the
   * target's element type: a vector copied into, or out of, a record's components.
   */
  Stmt copyRange(Expr from, Expr fromStart, Expr to, Expr toStart, Expr n, Source source) {
    Type target = to.type().element();
    return loop(literal(0), n, i -> new Stmt.Assign(new Expr.Index(to, plus(toStart, i), target),
        ExpressionReader.convert(new Expr.Index(from, plus(fromStart, i),
            from.type().element()), target), source), source);
  }

  /** {@code Arrays.fill} or {@code System.arraycopy} as a loop; null after an error. */
  List<Stmt> statement(MethodInvocationTree call, Source source) {
    var select = (MemberSelectTree) call.getMethodSelect();
    List<Expr> args = arguments(call, null);
    if (args == null) {
      return null;
    }
    return select.getIdentifier().contentEquals("fill")
        ? fill(call, args, source)
        : arraycopy(call, args, source);
  }

  /** {@code Arrays.fill(a, v)} or {@code Arrays.fill(a, from, to, v)}. */
  private List<Stmt> fill(MethodInvocationTree call, List<Expr> args, Source source) {
    Expr array = args.get(0);
    if (!isVector(call, array) || (args.size() != 2 && args.size() != 4)) {
      return null;
    }
    var statements = new ArrayList<Stmt>();
    Expr value = ExpressionReader.convert(args.get(args.size() - 1), Type.DOUBLE);
    if (!(value instanceof Expr.Var || value instanceof Expr.Literal)) {
      Expr.Var filler = context.scope().declare(context.scope().fresh("_fill"), Type.DOUBLE);
      statements.add(new Stmt.Declare(filler, value, source));
      value = filler;
    }
    Expr from = args.size() == 4 ? args.get(1) : literal(0);
    Expr to = args.size() == 4 ? args.get(2) : new Expr.Length(array);
    Expr filled = value;
    statements.add(loop(from, to, i -> new Stmt.Assign(element(array, i), filled, source),
        source));
    return statements;
  }

  /**
   * {@code System.arraycopy(src, sp, dst, dp, n)}. Java copies as if through a temporary array;
   * where the two may be one array, the loop runs downwards when the target starts later, so
   * that no element is read after it was overwritten.
   */
  private List<Stmt> arraycopy(MethodInvocationTree call, List<Expr> args, Source source) {
    Expr src = args.get(0);
    Expr dst = args.get(2);
    if (!isVector(call, src) || !isVector(call, dst)) {
      return null;
    }
    Expr sp = args.get(1);
    Expr dp = args.get(3);
    Expr n = args.get(4);
    Function<Expr, Stmt> copyOne = i -> new Stmt.Assign(element(dst, plus(dp, i)),
        element(src, plus(sp, i)), source);
    Stmt upwards = loop(literal(0), n, copyOne, source);
    if (distinct(src, dst)) {
      return List.of(upwards);
    }
    Stmt downwards = loop(literal(0), n, i -> copyOne.apply(minus(minus(n, literal(1)), i)),
        source);
    Expr later = new Expr.Binary(BinaryOp.LT, sp, dp, Type.BOOLEAN);
    return List.of(new Stmt.If(later, new Stmt.Block(List.of(downwards)),
        new Stmt.Block(List.of(upwards)), source));
  }

  /** Two different arrays, each owned by its variable: no copy between them overlaps. */
  private boolean distinct(Expr a, Expr b) {
    return a instanceof Expr.Var va && b instanceof Expr.Var vb && !va.equals(vb)
        && names.owns(va) && names.owns(vb);
  }

  /** The arguments read, the receiver of {@code a.clone()} first; null after an error. */
  private List<Expr> arguments(MethodInvocationTree call, ExpressionTree receiver) {
    var args = new ArrayList<Expr>();
    if (receiver != null) {
      args.add(expressions.read(receiver));
    }
    call.getArguments().forEach(a -> args.add(expressions.read(a)));
    return args.contains(null) ? null : args;
  }

  /**
   * Whether {@code array} is a {@code double[]} variable or row, which can be read many times;
   * reports why not otherwise.
   */
  private boolean isVector(Tree call, Expr array) {
    boolean named = array instanceof Expr.Var
        || (array instanceof Expr.Index i && i.array() instanceof Expr.Var);
    if (Type.DOUBLE_ARRAY.equals(array.type()) && named) {
      return true;
    }
    context.error(call, Message.ARRAY_LIBRARY, call.toString(), Type.DOUBLE_MATRIX.equals(array.type())
        ? "a double[][] shares its rows with its copy, so the two would be one array: copy it"
            + " row by row"
        : "Leibniz copies and fills a double[] variable or a row of a double[][]");
    return false;
  }

  private static boolean isClass(ReadContext context, ExpressionTree target,
      String qualifiedName) {
    if (target instanceof IdentifierTree id && context.scope().lookup(id.getName().toString())
        != null) {
      return false;
    }
    Optional<TypeElement> type = context.names().type(target.toString());
    return type.isPresent() && type.get().getQualifiedName().contentEquals(qualifiedName);
  }

  /** {@code for (int i = from; i < to; i++) body(i)}, with a fresh counter. */
  private Stmt loop(Expr from, Expr to, Function<Expr, Stmt> body, Source source) {
    Expr.Var i = context.scope().declare(context.scope().fresh("_i"), Type.INT);
    Expr condition = new Expr.Binary(BinaryOp.LT, i, to, Type.BOOLEAN);
    Stmt step = new Stmt.Assign(i, plus(i, literal(1)), source);
    return new Stmt.Block(List.of(new Stmt.Declare(i, from, source),
        new Stmt.Loop(condition, new Stmt.Block(List.of(body.apply(i))),
            new Stmt.Block(List.of(step)), true, source)));
  }

  private static Expr element(Expr array, Expr index) {
    return new Expr.Index(array, index, Type.DOUBLE);
  }

  private static Expr minimum(Expr a, Expr b) {
    return new Expr.Call(TypeRef.MATH, "min", List.of(a, b), Type.INT);
  }

  static Expr plus(Expr a, Expr b) {
    if (a instanceof Expr.Literal l && Integer.valueOf(0).equals(l.value())) {
      return b;
    }
    return new Expr.Binary(BinaryOp.ADD, a, b, Type.INT);
  }

  private static Expr minus(Expr a, Expr b) {
    if (b instanceof Expr.Literal l && Integer.valueOf(0).equals(l.value())) {
      return a;
    }
    return new Expr.Binary(BinaryOp.SUB, a, b, Type.INT);
  }

  static Expr literal(int value) {
    return new Expr.Literal(Type.INT, value);
  }
}
