package dev.leibniz.processor.rules;

import static dev.leibniz.processor.ir.Expr.literal;
import static dev.leibniz.processor.ir.Expr.one;
import static dev.leibniz.processor.ir.Expr.zero;

import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.ir.UnaryOp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The derivative of every primitive Leibniz knows, one entry each, written as the math.
 *
 * <p>{@code x}, {@code a}, {@code b} are the arguments and {@code y} the primitive's result. At
 * points where the derivative does not exist the entries follow the documented conventions:
 * {@code abs'(0) = 0}; {@code max} and {@code min} split a tie evenly; {@code sqrt'(0) = +∞};
 * {@code floor}, {@code ceil}, {@code rint} and {@code signum} have derivative 0; {@code pow(x, y)}
 * with respect to {@code y} at {@code x = 0} is 0; {@code hypot} at the origin has gradient 0;
 * {@code IEEEremainder(a, b)} is {@code a − n b} for its integer {@code n}, like {@code %};
 * {@code copySign(m, s)} has derivative ±1 in {@code m} (1 where the signs agree) and 0 in
 * {@code s}; {@code ulp} has derivative 0, {@code nextUp}, {@code nextDown} and
 * {@code nextAfter} derivative 1 in their first argument and 0 in the direction.
 */
public final class Rules {
  private static final Map<BinaryOp, String> OPERATORS =
      Map.of(
          BinaryOp.ADD, "add",
          BinaryOp.SUB, "sub",
          BinaryOp.MUL, "mul",
          BinaryOp.DIV, "div",
          BinaryOp.REM, "rem");
  private static final Expr HALF = literal(0.5);
  private static final Expr LN_10 = literal(Math.log(10));

  private static final Map<String, Rule> TABLE =
      Stream.of(
              // operators
              binary("add", (a, b) -> one(), (a, b) -> one()),
              binary("sub", (a, b) -> one(), (a, b) -> one().negate()),
              binary("mul", (a, b) -> b, (a, b) -> a),
              binary("div", (a, b) -> one().over(b), (a, b) -> a.negate().over(b.times(b))),
              binaryOfResult("rem", (a, b, y) -> one(), (a, b, y) -> y.minus(a).over(b)),
              unary("neg", x -> one().negate()),
              // trigonometric
              unary("sin", x -> cos(x)),
              unary("cos", x -> sin(x).negate()),
              unaryOfResult("tan", (x, y) -> one().plus(y.times(y))),
              unary("asin", x -> one().over(sqrt(one().minus(x.times(x))))),
              unary("acos", x -> one().negate().over(sqrt(one().minus(x.times(x))))),
              unary("atan", x -> one().over(one().plus(x.times(x)))),
              binary(
                  "atan2",
                  (y, x) -> x.over(x.times(x).plus(y.times(y))),
                  (y, x) -> y.negate().over(x.times(x).plus(y.times(y)))),
              unary("toRadians", x -> literal(Math.toRadians(1))),
              unary("toDegrees", x -> literal(Math.toDegrees(1))),
              // hyperbolic
              unary("sinh", x -> call("cosh", x)),
              unary("cosh", x -> call("sinh", x)),
              unaryOfResult("tanh", (x, y) -> one().minus(y.times(y))),
              // exponential and logarithmic
              unaryOfResult("exp", (x, y) -> y),
              unaryOfResult("expm1", (x, y) -> y.plus(one())),
              unary("log", x -> one().over(x)),
              unary("log10", x -> one().over(x.times(LN_10))),
              unary("log1p", x -> one().over(one().plus(x))),
              unaryOfResult("sqrt", (x, y) -> HALF.over(y)),
              unaryOfResult("cbrt", (x, y) -> one().over(literal(3).times(y).times(y))),
              binaryOfResult(
                  "pow",
                  (a, b, y) -> b.isEqualTo(zero()).choose(zero(), b.times(pow(a, b.minus(one())))),
                  (a, b, y) -> a.isEqualTo(zero()).choose(zero(), y.times(call("log", a)))),
              binaryOfResult(
                  "hypot",
                  (a, b, y) -> y.isEqualTo(zero()).choose(zero(), a.over(y)),
                  (a, b, y) -> y.isEqualTo(zero()).choose(zero(), b.over(y))),
              // piecewise
              keepingType(unary("abs", x -> call("signum", x))),
              keepingType(
                  binary("max", (a, b) -> winnerShare(a, b), (a, b) -> winnerShare(b, a))),
              keepingType(
                  binary("min", (a, b) -> winnerShare(b, a), (a, b) -> winnerShare(a, b))),
              unary("signum", x -> zero()),
              unary("floor", x -> zero()),
              unary("ceil", x -> zero()),
              unary("rint", x -> zero()),
              withResult(Rule.Result.ROUNDED, unary("round", x -> zero())),
              withResult(Rule.Result.INT, unary("getExponent", x -> zero())),
              // a random number in [0, 1): no argument, so nothing to differentiate
              new Rule("random", List.of(), Rule.Result.DOUBLE),
              binaryOfResult("IEEEremainder", (a, b, y) -> one(), (a, b, y) -> y.minus(a).over(b)),
              // floating-point representation
              binary("copySign",
                  (m, s) -> math("copySign", one(), m).times(math("copySign", one(), s)),
                  (m, s) -> zero()),
              binary("scalb", (d, n) -> math("scalb", one(), n), (d, n) -> zero()),
              unary("ulp", x -> zero()),
              unary("nextUp", x -> one()),
              unary("nextDown", x -> one()),
              binary("nextAfter", (a, b) -> one(), (a, b) -> zero()),
              // fused multiply-add, a · b + c
              new Rule("fma", List.of((args, y) -> args.get(1), (args, y) -> args.get(0),
                  (args, y) -> one()), Rule.Result.DOUBLE))
          .collect(Collectors.toUnmodifiableMap(Rule::name, Function.identity()));

  private Rules() {}

  /** The rule for an operator or function, if Leibniz knows it. */
  public static Optional<Rule> lookup(String name) {
    return Optional.ofNullable(name).map(TABLE::get);
  }

  /** The rule for an operation node: an arithmetic operator, a negation, or a function call. */
  public static Optional<Rule> of(Expr node) {
    if (node instanceof Expr.Binary b) {
      return lookup(OPERATORS.get(b.op()));
    } else if (node instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
      return lookup("neg");
    } else if (node instanceof Expr.Call c) {
      return lookup(c.name());
    }
    return Optional.empty();
  }

  /**
   * Whether the derivative of the operation {@code node} reads the operation's own result (as
   * {@code exp' = exp} does), which must then still be at hand in the backward sweep.
   */
  public static boolean usesResult(Expr node) {
    return of(node)
        .map(rule -> {
          List<Expr> args = Exprs.children(node).toList();
          for (int i = 0; i < rule.arity(); i++) {
            if (rule.partialUsesResult(i, args)) {
              return true;
            }
          }
          return false;
        })
        .orElse(false);
  }

  /** Whether {@code name} is a {@code java.lang.Math} function of the table. */
  public static boolean isFunction(String name) {
    return TABLE.containsKey(name) && !OPERATORS.containsValue(name) && !name.equals("neg");
  }

  /** The names of all the {@code java.lang.Math} functions in the table. */
  public static List<String> functionNames() {
    return TABLE.keySet().stream()
        .filter(Rules::isFunction)
        .sorted()
        .toList();
  }

  /** ∂max(a, b)/∂a: 1 where {@code a} wins, ½ at a tie, 0 where it loses. */
  private static Expr winnerShare(Expr a, Expr b) {
    return a.isGreaterThan(b).choose(one(), a.isEqualTo(b).choose(HALF, zero()));
  }

  private static Expr sin(Expr x) {
    return call("sin", x);
  }

  private static Expr cos(Expr x) {
    return call("cos", x);
  }

  private static Expr sqrt(Expr x) {
    return call("sqrt", x);
  }

  private static Expr pow(Expr a, Expr b) {
    return new Expr.Call(TypeRef.MATH, "pow", List.of(a, b), Type.DOUBLE);
  }

  private static Expr math(String function, Expr a, Expr b) {
    return new Expr.Call(TypeRef.MATH, function, List.of(a, b), Type.DOUBLE);
  }

  private static Expr call(String function, Expr x) {
    return new Expr.Call(TypeRef.MATH, function, List.of(x), Type.DOUBLE);
  }

  private static Rule unary(String name, UnaryOperator<Expr> derivative) {
    return new Rule(name, List.of((args, y) -> derivative.apply(args.get(0))), Rule.Result.DOUBLE);
  }

  private static Rule unaryOfResult(String name, BinaryOperator<Expr> derivative) {
    return new Rule(name, List.of((args, y) -> derivative.apply(args.get(0), y)), Rule.Result.DOUBLE);
  }

  private static Rule binary(String name, BinaryOperator<Expr> da, BinaryOperator<Expr> db) {
    return new Rule(
        name,
        List.of(
            (args, y) -> da.apply(args.get(0), args.get(1)),
            (args, y) -> db.apply(args.get(0), args.get(1))),
        Rule.Result.DOUBLE);
  }

  private static Rule binaryOfResult(String name, TernaryPartial da, TernaryPartial db) {
    return new Rule(
        name,
        List.of(
            (args, y) -> da.at(args.get(0), args.get(1), y),
            (args, y) -> db.at(args.get(0), args.get(1), y)),
        Rule.Result.DOUBLE);
  }

  private static Rule withResult(Rule.Result result, Rule rule) {
    return new Rule(rule.name(), rule.partials(), result);
  }

  private static Rule keepingType(Rule rule) {
    return new Rule(rule.name(), rule.partials(), Rule.Result.ARGUMENTS);
  }

  /** A partial of a two-argument primitive that may use the result {@code y}. */
  @FunctionalInterface
  private interface TernaryPartial {
    Expr at(Expr a, Expr b, Expr y);
  }
}
