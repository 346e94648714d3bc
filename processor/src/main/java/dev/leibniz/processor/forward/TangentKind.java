package dev.leibniz.processor.forward;

import dev.leibniz.processor.ir.ArrayOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Algebra;
import java.util.List;

/**
 * What the forward phase carries next to each value. For the pushforward, its tangent: a number,
 * and an operation's tangent is Σ local partialᵢ × operandᵢ'. For a trace, the value's node: an
 * {@code int} id, 0 for a constant, and an operation's node is recorded with its operands' nodes
 * and the same local partials on its edges. Both read the partials from the rule table in the
 * same walk; only what is made of them differs.
 */
sealed interface TangentKind permits TangentKind.Sums, TraceNodes {
  /** What the name of a variable's tangent adds to the variable's: {@code xDot}, {@code xNode}. */
  String suffix();

  /** The type of the tangent of a value of type {@code value}. */
  Type typeOf(Type value);

  /** The tangent of a constant of {@code e}'s type and shape. */
  Expr zero(Expr e);

  /** The tangent of a new array: a new array of tangents, all zero, of the same dimensions. */
  Expr fresh(Expr.NewArray array);

  /** An operand's tangent and the local partial derivative that multiplies it. */
  record Term(Expr tangent, Expr local) {}

  /**
   * The tangent of {@code operation}, just computed into {@code value}, from its operands'
   * tangents, each with its local partial; null if none is active.
   */
  Expr combine(Expr operation, Expr.Var value, List<Term> terms);

  /**
   * Whether a call of a differentiable method goes through its pushforward; if not, through its
   * pullback, which gives the partials a trace draws on the call's edges.
   */
  boolean pushesForward();

  /** Where the statement being walked comes from, for what is recorded of it. */
  default void at(String fileName, Source source) {}

  /** What marks the start of a loop's iteration: nothing, or a trace's context. */
  default List<Stmt> iterationStart(Stmt.Loop loop) {
    return List.of();
  }

  /** What marks the end of an iteration {@link #iterationStart} marked. */
  default List<Stmt> iterationEnd(Stmt.Loop loop) {
    return List.of();
  }

  /** The type of the local that holds what {@link #combine} gives. */
  Type combinedType();

  /** Tangents as numbers: the pushforward's. */
  record Sums() implements TangentKind {
    @Override
    public String suffix() {
      return "Dot";
    }

    @Override
    public Type typeOf(Type value) {
      return value;
    }

    @Override
    public Expr zero(Expr e) {
      return switch (e.type().rank()) {
        case 1 -> new Expr.NewArray(e.type(), List.of(new Expr.Length(e)));
        case 2 -> ArrayOp.ZEROS_LIKE.of(e);
        default -> Expr.zero();
      };
    }

    @Override
    public Expr fresh(Expr.NewArray array) {
      return array;
    }

    @Override
    public Expr combine(Expr operation, Expr.Var value, List<Term> terms) {
      Expr sum = null;
      for (Term t : terms) {
        Expr term = Algebra.product(t.local(), t.tangent());
        sum = sum == null ? term : sum.plus(term);
      }
      return sum;
    }

    @Override
    public boolean pushesForward() {
      return true;
    }

    @Override
    public Type combinedType() {
      return Type.DOUBLE;
    }
  }
}
