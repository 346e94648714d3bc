package dev.leibniz.check;

import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Numerical derivatives that owe nothing to Leibniz, for checking generated gradients.
 *
 * <p>Each derivative is a central difference {@code D(h) = (f(x + h) - f(x - h)) / 2h} improved by
 * one step of Richardson extrapolation, {@code (4 D(h/2) - D(h)) / 3}, which cancels the
 * {@code h²} error term and leaves an error of order {@code h⁴}. The step {@code h} is relative:
 * {@code step · max(|x|, 1)}; a function that changes on a smaller scale than that near
 * zero needs a smaller {@code step}.
 */
public final class FiniteDifferences {
  private static final double DEFAULT_STEP = 1e-3;

  /** The step scales with |x|, but not below this, so that it never vanishes near zero. */
  private static final double SMALLEST_SCALE = 1.0;

  private FiniteDifferences() {}

  /** The derivative of {@code f} at {@code x}. */
  public static double derivative(DoubleUnaryOperator f, double x) {
    return derivative(f, x, DEFAULT_STEP);
  }

  /**
   * The derivative of {@code f} at {@code x} with a relative step of {@code step}: smaller than
   * the default for a function with kinks (ReLU networks), so that the differences rarely
   * straddle one.
   */
  public static double derivative(DoubleUnaryOperator f, double x, double step) {
    double h = step * Math.max(SMALLEST_SCALE, Math.abs(x));
    return richardson(f, x, h);
  }

  /**
   * The gradient of {@code f} at {@code x}: one partial derivative per coordinate. {@code x} is
   * restored before this method returns.
   */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
    return gradient(f, x, DEFAULT_STEP);
  }

  /** The gradient with a relative step of {@code step}, as for {@link #derivative}. */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double step) {
    double[] gradient = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int coordinate = i;
      double original = x[i];
      DoubleUnaryOperator along = t -> {
        x[coordinate] = t;
        return f.applyAsDouble(x);
      };
      gradient[i] = derivative(along, original, step);
      x[i] = original;
    }
    return gradient;
  }

  /**
   * The relative error of {@code actual} against {@code expected}, scaled so that values near
   * zero are compared absolutely: {@code |actual - expected| / max(1, |expected|)}.
   */
  public static double relativeError(double actual, double expected) {
    return Math.abs(actual - expected) / Math.max(1.0, Math.abs(expected));
  }

  private static double richardson(DoubleUnaryOperator f, double x, double h) {
    double coarse = central(f, x, h);
    double fine = central(f, x, h / 2);
    return (4 * fine - coarse) / 3;
  }

  private static double central(DoubleUnaryOperator f, double x, double h) {
    return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
  }
}
