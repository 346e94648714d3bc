package dev.leibniz;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by code generated with {@code -Aleibniz.checkFinite=true} at the first value of the
 * forward sweep, or the first adjoint of the backward sweep, that is not finite: it names the
 * sweep, the source location and text, the operands' values and, in the backward sweep, the
 * local partial derivative at fault, so that a {@code NaN} gradient is traced to where it was
 * made rather than to where it was noticed.
 */
public final class NonFiniteException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  /** The sweep in which a non-finite number appeared. */
  public enum Sweep {
    /** While computing values. */
    FORWARD,
    /** While computing adjoints. */
    BACKWARD;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Sweep sweep;
  private final String location;
  private final String expression;
  private final transient Map<String, Double> operands;
  private final String partial;

  private NonFiniteException(Sweep sweep, String location, String expression,
      Map<String, Double> operands, String partial, String message) {
    super(message);
    this.sweep = sweep;
    this.location = location;
    this.expression = expression;
    this.operands = Collections.unmodifiableMap(operands);
    this.partial = partial;
  }

  /**
   * Throws for a value of the forward sweep that is not finite.
   *
   * @param location {@code File.java:line}, with the enclosing loops' counters
   * @param expression the source text of the expression evaluated
   * @param value what it evaluated to
   * @param operands each operand's source text followed by its value
   */
  public static void throwForward(String location, String expression, double value,
      Object... operands) {
    Map<String, Double> named = operands(operands);
    throw new NonFiniteException(Sweep.FORWARD, location, expression, named, "",
        "forward sweep: " + expression + " = " + value + " at " + location + describe(named));
  }

  /**
   * Throws for an adjoint of the backward sweep that is not finite: {@code local × upstream},
   * passed from {@code expression} to {@code operand}.
   *
   * @param partial the local partial's formula, {@code 0.5 / Math.sqrt(x)}
   * @param local its value
   * @param upstream the adjoint it multiplies
   * @param operands each operand's source text followed by its value
   */
  public static void throwBackward(String location, String expression, String operand,
      String partial, double local, double upstream, Object... operands) {
    Map<String, Double> named = operands(operands);
    String fault = "∂(" + expression + ")/∂(" + operand + ") = " + partial + " = " + local;
    throw new NonFiniteException(Sweep.BACKWARD, location, expression, named, fault,
        "backward sweep: the gradient passed from " + expression + " to " + operand
            + " at " + location + " is not finite: local partial " + fault + ", upstream "
            + upstream + describe(named));
  }

  /**
   * Throws for a derivative of a pushforward that is not finite: the tangent of
   * {@code expression} along the direction given, its value finite or not.
   *
   * @param tangent the derivative along the direction
   * @param operands each operand's source text followed by its value
   */
  public static void throwTangent(String location, String expression, double tangent,
      Object... operands) {
    Map<String, Double> named = operands(operands);
    throw new NonFiniteException(Sweep.FORWARD, location, expression, named,
        "d(" + expression + ") = " + tangent,
        "forward sweep: the derivative of " + expression + " along the direction is " + tangent
            + " at " + location + describe(named));
  }

  private static Map<String, Double> operands(Object[] namesAndValues) {
    var operands = new LinkedHashMap<String, Double>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      operands.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).doubleValue());
    }
    return operands;
  }

  private static String describe(Map<String, Double> operands) {
    if (operands.isEmpty()) {
      return "";
    }
    var text = new StringBuilder("; operands: ");
    operands.forEach((name, value) -> text.append(name).append(" = ").append(value).append(", "));
    return text.substring(0, text.length() - 2);
  }

  /** Whether the number appeared computing values or adjoints. */
  public Sweep sweep() {
    return sweep;
  }

  /** {@code File.java:line} of the expression, with the enclosing loops' counters if any. */
  public String location() {
    return location;
  }

  /** The source text of the expression at fault. */
  public String expression() {
    return expression;
  }

  /**
   * In the backward sweep, the local partial derivative at fault with its formula and value
   * ({@code ∂(Math.sqrt(x))/∂(x) = 0.5 / Math.sqrt(x) = Infinity}); in a pushforward, the
   * derivative along the direction ({@code d(Math.sqrt(x)) = Infinity}); empty for a value.
   */
  public String partial() {
    return partial;
  }

  /** The operands' values, by their source text, in order. */
  public Map<String, Double> operands() {
    return operands;
  }
}
