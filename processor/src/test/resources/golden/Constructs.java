package golden;

import dev.leibniz.Differentiable;

/** Methods that reach every part of the sweeps: loops, branches, calls, records, float, order 2. */
public class Constructs {
  record Point(double x, double y) {}

  @Differentiable(order = 2)
  static double smooth(double x, double y) {
    double r = Math.sqrt(x * x + y * y + 1);
    return Math.log(r) * Math.exp(-x) + Math.sin(y) / r;
  }

  @Differentiable
  static double sum(double[] x, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      if (x[i] > 0) {
        s += Math.sqrt(x[i]) * x[i];
      } else {
        s -= x[i] * x[i];
      }
    }
    return s;
  }

  @Differentiable
  static double heat(double[] u, int steps) {
    double[] v = u.clone();
    double[] next = new double[v.length];
    for (int t = 0; t < steps; t++) {
      for (int i = 1; i < v.length - 1; i++) {
        next[i] = v[i] + 0.1 * (v[i - 1] - 2 * v[i] + v[i + 1]) + 0.01 * Math.sin(v[i]);
      }
      for (int i = 1; i < v.length - 1; i++) {
        v[i] = next[i];
      }
    }
    double total = 0;
    for (int i = 0; i < v.length; i++) {
      total += v[i] * v[i];
    }
    return total;
  }

  @Differentiable
  static double newton(double a) {
    double x = a;
    int k = 0;
    while (k < 20 && Math.abs(x * x - a) > 1e-12) {
      x = 0.5 * (x + a / x);
      k++;
    }
    return x;
  }

  @Differentiable
  static double calls(double x, double y, double[] pair) {
    return smooth(x, y) * sum(pair, 2) + newton(x * x + 1);
  }

  @Differentiable
  static double distance(Point p, Point q) {
    double dx = p.x() - q.x();
    double dy = p.y() - q.y();
    return Math.hypot(dx, dy);
  }

  @Differentiable
  static float single(float a, float b) {
    float c = a * b + 1.5f;
    return c * c / (1 + a * a);
  }

  @Differentiable
  static double piecewise(double x, int mode) {
    switch (mode) {
      case 0:
        return x * x;
      case 1:
        return Math.tanh(x);
      default:
        return Math.max(x, 0) + Math.pow(x, 3);
    }
  }

  @Differentiable
  static double softmax(double[] z) {
    double m = z[0];
    for (int i = 1; i < z.length; i++) {
      m = Math.max(m, z[i]);
    }
    double s = 0;
    for (double v : z) {
      s += Math.exp(v - m);
    }
    return Math.log(s) + m;
  }
}
