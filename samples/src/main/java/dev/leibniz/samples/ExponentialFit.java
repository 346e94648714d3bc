package dev.leibniz.samples;

import dev.leibniz.Differentiable;
import dev.leibniz.NoDerivative;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * A sum of two decaying exponentials fitted to data with Hipparchus' Levenberg–Marquardt
 * optimizer, whose model function is the value and Jacobian Leibniz generates for
 * {@link #model}: the way a Java user consumes Jacobians.
 */
public final class ExponentialFit {
  private ExponentialFit() {}

  /** a₁ e^(−k₁ t) + a₂ e^(−k₂ t) at each time; {@code p} is (a₁, k₁, a₂, k₂). */
  @Differentiable
  public static double[] model(double[] p, @NoDerivative double[] times) {
    double[] y = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      y[i] = p[0] * Math.exp(-p[1] * times[i]) + p[2] * Math.exp(-p[3] * times[i]);
    }
    return y;
  }

  /** The model as Hipparchus asks for it: value and Jacobian (one row per observation). */
  static MultivariateJacobianFunction asHipparchusModel(double[] times) {
    return point -> {
      var fitted = ExponentialFitGradients.model(point.toArray(), times);
      RealVector value = new ArrayRealVector(fitted.value(), false);
      return new Pair<>(value, new Array2DRowRealMatrix(fitted.dP(), false));
    };
  }

  /** The parameters that fit {@code observed} at {@code times} best, from {@code start}. */
  public static LeastSquaresOptimizer.Optimum fit(double[] times, double[] observed,
      double[] start) {
    var problem = new LeastSquaresBuilder()
        .model(asHipparchusModel(times))
        .target(observed)
        .start(start)
        .maxEvaluations(1_000)
        .maxIterations(1_000)
        .build();
    return new LevenbergMarquardtOptimizer().optimize(problem);
  }
}
