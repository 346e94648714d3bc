package dev.leibniz.samples;

import dev.leibniz.Differentiable;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Robertson's chemical kinetics, the classic stiff system, integrated by implicit Euler: each
 * step solves y − yₙ − h f(y) = 0 by Newton's method, whose matrix I − h J needs the Jacobian
 * of the right-hand side, which Leibniz generates.
 */
public final class Robertson {
  private Robertson() {}

  /** The reaction rates: A → B slowly, B + B → C + B very fast, B + C → A + C fast. */
  @Differentiable
  public static double[] rates(double[] y) {
    double slow = 0.04 * y[0];
    double fast = 3e7 * y[1] * y[1];
    double medium = 1e4 * y[1] * y[2];
    return new double[] {-slow + medium, slow - medium - fast, fast};
  }

  /**
   * The concentrations at time {@code end} from {@code y0}, with {@code steps} implicit Euler
   * steps; {@code newtonIterations[0]} receives the Newton iterations they took in all.
   */
  public static double[] integrate(double[] y0, double end, int steps, int[] newtonIterations) {
    double h = end / steps;
    double[] y = y0.clone();
    for (int step = 0; step < steps; step++) {
      double[] next = y.clone();
      for (int iteration = 0; iteration < 50; iteration++) {
        newtonIterations[0]++;
        var f = RobertsonGradients.rates(next);
        double[] residual = new double[3];
        RealMatrix matrix = new Array2DRowRealMatrix(3, 3);
        for (int i = 0; i < 3; i++) {
          residual[i] = next[i] - y[i] - h * f.value()[i];
          for (int j = 0; j < 3; j++) {
            matrix.setEntry(i, j, (i == j ? 1 : 0) - h * f.dY()[i][j]);
          }
        }
        double[] delta = new LUDecomposition(matrix).getSolver()
            .solve(new ArrayRealVector(residual, false)).toArray();
        double size = 0;
        for (int i = 0; i < 3; i++) {
          next[i] -= delta[i];
          size = Math.max(size, Math.abs(delta[i]));
        }
        if (size < 1e-14) {
          break;
        }
      }
      y = next;
    }
    return y;
  }
}
