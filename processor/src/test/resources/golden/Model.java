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
}
