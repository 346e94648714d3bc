package dev.leibniz.processor.random;

import java.util.function.DoubleUnaryOperator;

/**
 * A forward-mode dual number with one tangent per input: the oracle for random programs. It
 * shares no code with the processor; each operation is the textbook rule.
 */
record Dual(double value, double[] tangent) {

  static Dual constant(double value, int inputs) {
    return new Dual(value, new double[inputs]);
  }

  static Dual input(double value, int index, int inputs) {
    double[] tangent = new double[inputs];
    tangent[index] = 1;
    return new Dual(value, tangent);
  }

  Dual plus(Dual o) {
    return combine(o, value + o.value, 1, 1);
  }

  Dual minus(Dual o) {
    return combine(o, value - o.value, 1, -1);
  }

  Dual times(Dual o) {
    return combine(o, value * o.value, o.value, value);
  }

  Dual over(Dual o) {
    return combine(o, value / o.value, 1 / o.value, -value / (o.value * o.value));
  }

  /**
   * This number stored in a {@code float}: the value rounded as the cast rounds it, the
   * tangents carried through as the derivative of a cast, which is 1.
   */
  Dual toFloat() {
    return new Dual((float) value, tangent);
  }

  Dual negate() {
    return chain(-value, -1);
  }

  /** f(this) where f'(x) is given. */
  Dual apply(DoubleUnaryOperator f, DoubleUnaryOperator derivative) {
    return chain(f.applyAsDouble(value), derivative.applyAsDouble(value));
  }

  /** this^o for this > 0: d/da = b a^(b-1), d/db = a^b ln a. */
  Dual pow(Dual o) {
    double result = Math.pow(value, o.value);
    return combine(o, result, o.value * Math.pow(value, o.value - 1), result * Math.log(value));
  }

  Dual hypot(Dual o) {
    double h = Math.hypot(value, o.value);
    return combine(o, h, value / h, o.value / h);
  }

  Dual max(Dual o) {
    return value > o.value ? this : o;
  }

  Dual min(Dual o) {
    return value < o.value ? this : o;
  }

  private Dual chain(double result, double derivative) {
    double[] t = new double[tangent.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = derivative * tangent[i];
    }
    return new Dual(result, t);
  }

  private Dual combine(Dual o, double result, double da, double db) {
    double[] t = new double[tangent.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = da * tangent[i] + db * o.tangent[i];
    }
    return new Dual(result, t);
  }
}
