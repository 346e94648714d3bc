package golden;

import dev.leibniz.Differentiable;
import dev.leibniz.NoDerivative;

public class Model {
  static final double RATE = 0.5;
  double scale = 2;

  @Differentiable
  static double f(double x, double y) {
    double q = x + y;
    return q * Math.sin(x);
  }

  @Differentiable
  double decay(double x, @NoDerivative double t, int steps) {
    x = x * Math.exp(-RATE * t);
    x += scale * x / steps;
    return Math.sqrt(x);
  }

  @Differentiable
  static double sumOfSines(double[] x, double w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.sin(w * x[i]);
    }
    return s;
  }

  @Differentiable
  static double piecewise(double x) {
    double y;
    if (x > 0) {
      y = Math.log1p(x);
    } else {
      y = x * x;
    }
    return y;
  }
}
