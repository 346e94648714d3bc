package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pushforwards: the derivative along a direction equals the directional finite difference of
 * the user's method, and the pullback's gradient dotted with the direction (uᵀ(Jv) = (uᵀJ)v),
 * over scalars, arrays, branches, loops, calls, rules, private helpers and methods returning
 * arrays.
 */
class ForwardModeTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package fw;

        import dev.leibniz.DerivativeOf;
        import dev.leibniz.Differentiable;
        import dev.leibniz.NoDerivative;

        public class Fw {
          @Differentiable
          static double mixed(double x, double[] a, double[][] m, @NoDerivative double k) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
              if (a[i] * x > 0.1) {
                s += Math.sin(a[i] * x) * m[i % 2][i % 3];
              } else {
                s -= Math.exp(a[i]) / (1 + x * x);
              }
            }
            double[] h = new double[2];
            h[0] = s * k;
            h[1] = Math.hypot(h[0], x);
            for (double[] row : m) {
              s += row[0] * h[1];
            }
            return s + helper(x, a[0]) + smooth(x) + logistic(a[1]);
          }

          private static double helper(double u, double v) {
            return Math.pow(1 + u * u, v) - Math.atan2(v, 1 + u * u);
          }

          @Differentiable
          static double smooth(double x) {
            double y = x;
            for (int i = 0; i < 3; i++) {
              y = y - 0.1 * Math.tanh(y) + x * 0.01;
            }
            return y * y;
          }

          static double logistic(double x) {
            return 1 / (1 + Math.exp(-x));
          }

          @DerivativeOf(type = Fw.class, method = "logistic")
          static double logisticDerivative(double x) {
            double s = logistic(x);
            return s * (1 - s);
          }

          @Differentiable
          static double[] field(double[] p, double t) {
            double[] r = new double[p.length];
            for (int i = 0; i < p.length; i++) {
              r[i] = p[(i + 1) % p.length] * Math.cos(t * p[i]);
            }
            return r;
          }

          /** Five outputs of two numbers and a 1 × 2 matrix: the Jacobian goes forward. */
          @Differentiable
          static double[] curve(double t, double s, double[][] m) {
            double[] r = new double[5];
            for (int i = 0; i < 5; i++) {
              r[i] = Math.sin(t * (i + 1)) * s + m[0][i % 2] * t;
            }
            return r;
          }

          @Differentiable
          static void rate(double t, double[] y, double[] dy) {
            dy[0] = y[1] * t;
            dy[1] = -Math.sin(y[0]) + y[1] * y[1];
          }

          @Differentiable
          static double euler(double[] y0, double t) {
            double[] y = y0.clone();
            double[] k = new double[2];
            for (int step = 0; step < 5; step++) {
              rate(t, y, k);
              for (int i = 0; i < 2; i++) {
                y[i] += 0.1 * k[i];
              }
            }
            return y[0] * y[1];
          }

          @Differentiable
          static double usesField(double[] p, double t) {
            double[] f = field(p, t);
            double[] g = field(f, t * t);
            return f[0] * g[1] + g[2];
          }
        }
        """);
  }

  @Test
  void pushforwardIsTheDirectionalDerivative() {
    double x = 0.7;
    double[] a = {0.4, -0.3, 0.8};
    double[][] m = {{0.1, 0.5, -0.2}, {0.3, -0.6, 0.9}};
    double[] v = {0.3, 0.2, -0.5, 0.7, 0.1, -0.4, 0.6, 0.2, 0.5, -0.3};
    Object[] args = {x, a, m, 1.5};
    Object[] directions = {v[0], Arrays.copyOfRange(v, 1, 4),
        new double[][] {Arrays.copyOfRange(v, 4, 7), Arrays.copyOfRange(v, 7, 10)}};
    double tangent = pushforward("mixed", args, directions);
    double numeric = FiniteDifferences.derivative(h -> (double) compiled.call("fw.Fw", "mixed",
        x + h * v[0], plus(a, h, Arrays.copyOfRange(v, 1, 4)),
        new double[][] {plus(m[0], h, Arrays.copyOfRange(v, 4, 7)),
            plus(m[1], h, Arrays.copyOfRange(v, 7, 10))}, 1.5), 0.0);
    assertEquals(numeric, tangent, 1e-8 * Math.max(1, Math.abs(numeric)));
    Map<String, Object> gradient =
        Compiled.components(compiled.call("fw.FwGradients", "mixed", MixedGradients.copies(args)));
    double dot = (double) gradient.get("dX") * v[0];
    double[] dA = (double[]) gradient.get("dA");
    double[][] dM = (double[][]) gradient.get("dM");
    for (int i = 0; i < 3; i++) {
      dot += dA[i] * v[1 + i] + dM[0][i] * v[4 + i] + dM[1][i] * v[7 + i];
    }
    assertEquals(dot, tangent, 1e-12 * Math.max(1, Math.abs(dot)), "u(Jv) = (uJ)v");
  }

  @Test
  void pushforwardOfAVectorValuedMethodIsTheJacobianTimesTheDirection() {
    double[] p = {0.4, -1.1, 0.7};
    double[] v = {0.2, -0.5, 0.3};
    Object result = compiled.call("fw.FwGradients", "fieldPushforward", p.clone(), 0.9,
        v.clone(), 0.4);
    double[] tangent = (double[]) Compiled.components(result).get("tangent");
    Map<String, Object> jacobian = Compiled.components(
        compiled.call("fw.FwGradients", "field", p.clone(), 0.9));
    double[][] dP = (double[][]) jacobian.get("dP");
    double[] dT = (double[]) jacobian.get("dT");
    for (int k = 0; k < 3; k++) {
      double expected = dT[k] * 0.4;
      for (int j = 0; j < 3; j++) {
        expected += dP[k][j] * v[j];
      }
      assertEquals(expected, tangent[k], 1e-12);
    }
    double numeric = FiniteDifferences.derivative(h -> (double) compiled.call("fw.Fw",
        "usesField", plus(p, h, v), 0.9 + 0.4 * h), 0.0);
    double pushed = pushforward("usesField", new Object[] {p, 0.9}, new Object[] {v, 0.4});
    assertEquals(numeric, pushed, 1e-8 * Math.max(1, Math.abs(numeric)));
  }

  @Test
  void aJacobianWithMoreOutputsThanInputsGoesForward() {
    double[][] m = {{0.3, -0.4}};
    Map<String, Object> jacobian =
        Compiled.components(compiled.call("fw.FwGradients", "curve", 0.7, 1.3, m));
    double[] dT = (double[]) jacobian.get("dT");
    double[] dS = (double[]) jacobian.get("dS");
    double[][][] dM = (double[][][]) jacobian.get("dM");
    for (int k = 0; k < 5; k++) {
      int output = k;
      double numericT = FiniteDifferences.derivative(t -> ((double[]) compiled.call("fw.Fw",
          "curve", t, 1.3, m))[output], 0.7);
      double numericS = FiniteDifferences.derivative(s -> ((double[]) compiled.call("fw.Fw",
          "curve", 0.7, s, m))[output], 1.3);
      double numericM = FiniteDifferences.derivative(x -> ((double[]) compiled.call("fw.Fw",
          "curve", 0.7, 1.3, new double[][] {{x, -0.4}}))[output], 0.3);
      assertEquals(numericT, dT[k], 1e-8 * Math.max(1, Math.abs(numericT)));
      assertEquals(numericS, dS[k], 1e-8 * Math.max(1, Math.abs(numericS)));
      assertEquals(numericM, dM[k][0][0], 1e-8 * Math.max(1, Math.abs(numericM)));
    }
  }

  @Test
  void pushforwardThroughAMethodWritingIntoAnArray() {
    double[] y0 = {0.3, -0.6};
    double[] v = {0.5, 0.2};
    double pushed = pushforward("euler", new Object[] {y0, 0.8}, new Object[] {v, -0.3});
    double numeric = FiniteDifferences.derivative(h -> (double) compiled.call("fw.Fw", "euler",
        plus(y0, h, v), 0.8 - 0.3 * h), 0.0);
    assertEquals(numeric, pushed, 1e-8 * Math.max(1, Math.abs(numeric)));
    // The writer's own pushforward writes the new contents and their tangents in place.
    double[] dy = new double[2];
    double[] dyDot = new double[2];
    compiled.call("fw.FwGradients", "ratePushforward", 0.8, y0.clone(), dy, 1.0,
        new double[] {0, 0}, dyDot);
    assertEquals(y0[1], dyDot[0], 1e-15, "d(y1 t)/dt");
    assertEquals(0.0, dyDot[1], 0.0);
    assertEquals(y0[1] * 0.8, dy[0], 1e-15);
  }

  private static double pushforward(String method, Object[] args, Object[] directions) {
    Object[] all = new Object[args.length + directions.length];
    Object[] copies = MixedGradients.copies(args);
    System.arraycopy(copies, 0, all, 0, args.length);
    System.arraycopy(MixedGradients.copies(directions), 0, all, args.length, directions.length);
    Object record = compiled.call("fw.FwGradients", method + "Pushforward", all);
    return (double) Compiled.components(record).get("tangent");
  }

  private static double[] plus(double[] a, double h, double[] v) {
    double[] r = a.clone();
    for (int i = 0; i < r.length; i++) {
      r[i] += h * v[i];
    }
    return r;
  }
}
