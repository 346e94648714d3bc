package dev.leibniz.processor.rules;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Rewrite;
import dev.leibniz.processor.ir.Type;
import java.util.List;

/**
 * The derivative rule of one primitive: for each argument, the partial derivative of the
 * primitive's result with respect to that argument, as an expression of the arguments and of the
 * result itself (so that {@code exp} can reuse its value instead of computing it twice).
 *
 * @param name the primitive: an operator name such as {@code mul} or a {@code Math} function
 * @param partials one entry per argument
 * @param result the type of the result, given the arguments'
 */
public record Rule(String name, List<Partial> partials, Result result) {

  /** What a primitive returns, as Java's overloads of {@code Math} decide it. */
  public enum Result {
    /** Always {@code double}, as {@code Math.sin}. */
    DOUBLE,
    /** The promoted type of the arguments, as {@code Math.abs(int)} and {@code Math.max}. */
    ARGUMENTS,
    /**
     * An integer: {@code long} for a {@code double} argument, {@code int} otherwise, as
     * {@code Math.round(double)} and {@code Math.round(float)} (which an {@code int} argument
     * selects).
     */
    ROUNDED,
    /** Always {@code int}, as {@code Math.getExponent}. */
    INT;

    /** The result's type for arguments of these types. */
    public Type of(List<Type> arguments) {
      Type promoted = arguments.stream().reduce(Type.INT, Type::promote);
      return switch (this) {
        case DOUBLE -> Type.DOUBLE;
        case ARGUMENTS -> promoted;
        case ROUNDED -> promoted == Type.DOUBLE ? Type.LONG : Type.INT;
        case INT -> Type.INT;
      };
    }
  }

  /** ∂f/∂argᵢ, given the arguments and the result {@code y = f(args)}. */
  @FunctionalInterface
  public interface Partial {
    Expr at(List<Expr> args, Expr result);
  }

  private static final Expr.Var PROBE = new Expr.Var("$result", Type.DOUBLE);

  public Rule {
    partials = List.copyOf(partials);
  }

  /** The number of arguments the primitive takes. */
  public int arity() {
    return partials.size();
  }

  /**
   * ∂f/∂args[index] at the given arguments and result; among arguments none of which is a
   * {@code double}, its constants are {@code float}s, so that float code stays in float.
   */
  public Expr partial(int index, List<Expr> args, Expr result) {
    Expr partial = partials.get(index).at(args, result);
    boolean floats = args.stream().anyMatch(a -> a.type() == Type.FLOAT)
        && args.stream().noneMatch(a -> a.type() == Type.DOUBLE);
    return floats ? Rewrite.map(partial, Rule::asFloat) : partial;
  }

  /** The functions of {@code Math} whose result is a {@code float} for {@code float}s. */
  private static final java.util.Set<String> FLOAT_OVERLOADS =
      java.util.Set.of("abs", "signum", "max", "min", "copySign", "ulp", "nextUp", "nextDown");

  private static Expr asFloat(Expr e) {
    if (e instanceof Expr.Literal l && l.type() == Type.DOUBLE
        && l.value() instanceof Number n) {
      return new Expr.Literal(Type.FLOAT, n.floatValue());
    } else if (e instanceof Expr.Binary b && b.type() == Type.DOUBLE
        && b.left().type() != Type.DOUBLE && b.right().type() != Type.DOUBLE) {
      return new Expr.Binary(b.op(), b.left(), b.right(), Type.promote(b.left().type(),
          b.right().type()));
    } else if (e instanceof Expr.Unary u && u.type() == Type.DOUBLE
        && u.operand().type() != Type.DOUBLE) {
      return new Expr.Unary(u.op(), u.operand(), u.operand().type());
    } else if (e instanceof Expr.Cast c && c.type() == c.operand().type()) {
      return c.operand();
    } else if (e instanceof Expr.Call c && c.type() == Type.DOUBLE
        && FLOAT_OVERLOADS.contains(c.name()) && c.owner().nestedName().equals("Math")
        && c.args().stream().allMatch(a -> a.type() == Type.FLOAT)) {
      // Math.signum(float) is a float: typed so, no cast back to float is written.
      return new Expr.Call(c.owner(), c.name(), c.args(), Type.FLOAT);
    } else if (e instanceof Expr.Conditional c && c.type() == Type.DOUBLE
        && c.then().type() != Type.DOUBLE && c.otherwise().type() != Type.DOUBLE) {
      return new Expr.Conditional(c.condition(), c.then(), c.otherwise(),
          Type.promote(c.then().type(), c.otherwise().type()));
    }
    return e;
  }

  /** Whether the partial with respect to {@code index} refers to the primitive's result. */
  public boolean partialUsesResult(int index, List<Expr> args) {
    return Exprs.mentions(partial(index, args, PROBE), PROBE);
  }
}
