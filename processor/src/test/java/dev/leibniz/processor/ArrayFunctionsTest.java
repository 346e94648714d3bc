package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.leibniz.check.FiniteDifferences;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Methods returning {@code double[]} and {@code void} methods writing into arrays: their own
 * pullbacks and Jacobians against finite differences of each output, and calls of them inside
 * other differentiable methods (nested, in loops, an RK4 integrator whose rate function fills
 * its output), against finite differences of the caller.
 */
class ArrayFunctionsTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package fn;

        import dev.leibniz.Differentiable;

        public class Geo {
          @Differentiable
          static double[] cross(double[] a, double[] b) {
            return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2],
                a[0] * b[1] - a[1] * b[0]};
          }

          @Differentiable
          static double[] rotate(double[] axisAngle, double[] p) {
            double theta = Math.sqrt(axisAngle[0] * axisAngle[0] + axisAngle[1] * axisAngle[1]
                + axisAngle[2] * axisAngle[2]);
            double[] k = new double[3];
            for (int i = 0; i < 3; i++) {
              k[i] = axisAngle[i] / theta;
            }
            double[] kp = cross(k, p);
            double kDotP = k[0] * p[0] + k[1] * p[1] + k[2] * p[2];
            double[] r = new double[3];
            for (int i = 0; i < 3; i++) {
              r[i] = p[i] * Math.cos(theta) + kp[i] * Math.sin(theta)
                  + k[i] * kDotP * (1 - Math.cos(theta));
            }
            return r;
          }

          @Differentiable
          static double reprojection(double[] camera, double[] point, double[] observed) {
            double[] p = rotate(camera, point);
            double[] q = cross(rotate(camera, p), point);
            double u = p[0] / p[2] - observed[0];
            double v = p[1] / p[2] - observed[1];
            return u * u + v * v + q[0] * 0.01;
          }

          @Differentiable
          static void rate(double t, double[] y, double[] dy) {
            dy[0] = y[1];
            dy[1] = -Math.sin(y[0]) - 0.1 * y[1] * t;
          }

          @Differentiable
          static void axpy(double a, double[] x, double[] y) {
            for (int i = 0; i < y.length; i++) {
              y[i] += a * x[i];
            }
          }

          @Differentiable
          static double rk4(double[] y0, double damping, double h) {
            double[] y = y0.clone();
            double[] k1 = new double[2];
            double[] k2 = new double[2];
            double[] k3 = new double[2];
            double[] k4 = new double[2];
            double[] tmp = new double[2];
            double t = 0;
            for (int step = 0; step < 20; step++) {
              rate(t, y, k1);
              for (int i = 0; i < 2; i++) {
                tmp[i] = y[i] + 0.5 * h * k1[i];
              }
              rate(t + h / 2, tmp, k2);
              for (int i = 0; i < 2; i++) {
                tmp[i] = y[i] + 0.5 * h * k2[i];
              }
              rate(t + h / 2, tmp, k3);
              for (int i = 0; i < 2; i++) {
                tmp[i] = y[i] + h * k3[i];
              }
              rate(t + h, tmp, k4);
              for (int i = 0; i < 2; i++) {
                y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
              }
              axpy(-damping * h, k1, y);
              t += h;
            }
            return y[0] * y[0] + 0.5 * y[1] * y[1];
          }

          @Differentiable
          static void exchange(double s, double[] p, double[] q) {
            double t = p[0];
            p[0] = s * q[0];
            q[0] = s * t + p[1];
          }

          /** Two arrays written by one call, in a loop, one of them the parameter. */
          @Differentiable
          static double exchanges(double[] a, double s) {
            double[] q = {s, 2 * s};
            for (int i = 0; i < 3; i++) {
              exchange(s + i, a, q);
              q[1] += a[0] * q[0];
            }
            return a[0] * q[1] + q[0];
          }

          @Differentiable
          static void expInto(double[] x, double[] out) {
            for (int i = 0; i < out.length; i++) {
              out[i] = Math.exp(x[i]);
            }
          }

          /**
           * Zeroes what a writing callee wrote without reading it: the callee's backward half
           * still reads the values it wrote (exp' = exp).
           */
          @Differentiable
          static double changesWhatACalleeWrote(double[] a) {
            double[] e = new double[2];
            double s = 0;
            for (int k = 0; k < 2; k++) {
              expInto(a, e);
              s += e[0] + 2 * e[1] * (k + 1);
              e[0] = 0;
              e[1] = 0;
            }
            return s;
          }

          @Differentiable
          static double[] roots(double[] a) {
            double[] r = new double[a.length];
            for (int i = 0; i < a.length; i++) {
              r[i] = Math.sqrt(1 + a[i] * a[i]);
            }
            return r;
          }

          /**
           * Overwrites an element of the array a callee returned without reading it: the
           * callee's backward sweep still reads the element it computed.
           */
          @Differentiable
          static double changesAResult(double[] a) {
            double[] r = roots(a);
            r[0] = 0;
            return r[0] * a[1] + r[1] * r[1];
          }

          /** A loop left by break before the array is returned. */
          @Differentiable
          static double[] squaredUntil(double[] a, int n) {
            double[] s = a.clone();
            int k = 0;
            while (true) {
              if (k >= n) {
                break;
              }
              s[0] = s[0] * s[1] + Math.sin(s[1]);
              k++;
            }
            return s;
          }

          @Differentiable
          static double squaredSum(double[] a) {
            double[] s = squaredUntil(a, 3);
            return s[0] + s[1] * s[0];
          }

          @Differentiable
          static double inactiveWriter(double x) {
            double[] constant = {1, 2};
            double[] out = new double[2];
            rate(0.5, constant, out);
            return x * out[1];
          }
        }
        """);
  }

  @Test
  void callersOfArrayFunctionsGiveTheGradient() {
    MixedGradients.assertMatches(compiled, "fn.Geo", "reprojection", 1e-7, new int[] {0, 1, 2},
        new double[] {0.2, -0.3, 0.4}, new double[] {0.5, 0.1, 2.0}, new double[] {0.2, 0.1});
  }

  @Test
  void rk4WithARateFunctionFillingItsOutput() {
    MixedGradients.assertMatches(compiled, "fn.Geo", "rk4", 1e-7, new int[] {0, 1, 2},
        new double[] {1.0, 0.3}, 0.05, 0.1);
  }

  @Test
  void anArrayReturnedAfterALoopLeftByBreak() {
    MixedGradients.assertMatches(compiled, "fn.Geo", "squaredSum", 1e-7, new int[] {0},
        new double[] {0.4, -0.8});
  }

  @Test
  void aCallerMayChangeTheArrayACalleeReturned() {
    MixedGradients.assertMatches(compiled, "fn.Geo", "changesAResult", 1e-8, new int[] {0},
        new double[] {0.4, -1.3});
  }

  @Test
  void aCallerMayChangeWhatACalleeWrote() {
    MixedGradients.assertMatches(compiled, "fn.Geo", "changesWhatACalleeWrote", 1e-8,
        new int[] {0}, new double[] {0.4, -1.3});
  }

  @Test
  void aCallWritingTwoArrays() {
    MixedGradients.assertMatches(compiled, "fn.Geo", "exchanges", 1e-8, new int[] {0, 1},
        new double[] {0.4, -1.3}, 0.7);
  }

  @Test
  void aWriterWhoseArgumentsCarryNoDerivative() {
    MixedGradients.assertMatches(compiled, "fn.Geo", "inactiveWriter", 1e-8, new int[] {0}, 0.7);
  }

  @Test
  void jacobianRowsAreFiniteDifferencesOfEachOutput() {
    double[] axis = {0.2, -0.3, 0.4};
    double[] p = {0.5, 0.1, 2.0};
    Map<String, Object> result =
        Compiled.components(compiled.call("fn.GeoGradients", "rotate", axis, p));
    double[] value = (double[]) result.get("value");
    assertArrayEquals((double[]) compiled.call("fn.Geo", "rotate", axis, p), value, 0.0);
    double[][] dAxis = (double[][]) result.get("dAxisAngle");
    double[][] dP = (double[][]) result.get("dP");
    for (int k = 0; k < 3; k++) {
      int output = k;
      double[] numericAxis = FiniteDifferences.gradient(
          a -> ((double[]) compiled.call("fn.Geo", "rotate", a, p.clone()))[output],
          axis.clone());
      double[] numericP = FiniteDifferences.gradient(
          x -> ((double[]) compiled.call("fn.Geo", "rotate", axis.clone(), x))[output],
          p.clone());
      assertArrayEquals(numericAxis, dAxis[k], 1e-8, "row " + k + " of dAxisAngle");
      assertArrayEquals(numericP, dP[k], 1e-8, "row " + k + " of dP");
    }
  }

  @Test
  void vectorPullbackAddsUpstreamTimesTheJacobian() {
    double[] a = {0.3, -1.2, 0.8};
    double[] b = {1.1, 0.4, -0.5};
    double[] upstream = {0.7, -0.2, 1.3};
    double[] dA = {1, 1, 1};
    double[] dB = {0, 0, 0};
    compiled.call("fn.GeoGradients", "crossPullback", a, b, upstream, dA, dB);
    // uᵀJ by finite differences of u · cross(a, b), plus what dA held before.
    double[] numericA = FiniteDifferences.gradient(x -> dot(upstream, cross(x, b)), a.clone());
    double[] numericB = FiniteDifferences.gradient(x -> dot(upstream, cross(a, x)), b.clone());
    for (int i = 0; i < 3; i++) {
      assertEquals(1 + numericA[i], dA[i], 1e-9);
      assertEquals(numericB[i], dB[i], 1e-9);
    }
  }

  @Test
  void writerPullbackTakesTheAdjointAfterAndLeavesTheAdjointBefore() {
    // y ← y + a x: the adjoint of y before is the adjoint after; x and a receive uᵀ x and a u.
    double[] x = {0.5, -1.5};
    double[] y = {2.0, 3.0};
    double[] dScalars = {0};
    double[] dX = {0, 0};
    double[] dY = {0.25, -4.0};
    compiled.call("fn.GeoGradients", "axpyPullback", 0.3, x, y, dScalars, dX, dY);
    assertArrayEquals(new double[] {2.0, 3.0}, y, 0.0, "the inputs are not changed");
    assertArrayEquals(new double[] {0.25, -4.0}, dY, 1e-15);
    assertArrayEquals(new double[] {0.3 * 0.25, 0.3 * -4.0}, dX, 1e-15);
    assertEquals(0.5 * 0.25 + -1.5 * -4.0, dScalars[0], 1e-15);
    // dy ← rate(y): the contents of dy before the call do not matter, so their adjoint is 0.
    double[] dRate = {1.0, 2.0};
    double[] dYRate = {0, 0};
    compiled.call("fn.GeoGradients", "ratePullback", 0.4, new double[] {0.3, 0.7},
        new double[] {9, 9}, new double[] {0}, dYRate, dRate);
    assertArrayEquals(new double[] {0, 0}, dRate, 0.0);
    assertArrayEquals(new double[] {-Math.cos(0.3) * 2.0, 1.0 - 0.1 * 0.4 * 2.0}, dYRate, 1e-15);
  }

  @Test
  void arrayResultsLeibnizCannotFollowAreErrors() {
    String source = """
        package fn;

        import dev.leibniz.Differentiable;

        class Bad {
          @Differentiable
          static double[] returnsItsParameter(double[] a) {
            return a;
          }
          @Differentiable
          static double[] returnsEarly(double[] a) {
            double[] r = a.clone();
            if (a[0] > 0) {
              return r;
            }
            return r;
          }
          @Differentiable
          static void writesTwo(double[] a, double[] b) {
            a[0] = 1;
            b[0] = 2;
          }
          @Differentiable
          static double usesVoidAsValue(double[] a) {
            double[] b = new double[1];
            writesTwo(a, b);
            return a[0] * b[0];
          }
          @Differentiable
          static void axpy(double s, double[] x, double[] y) {
            y[0] += s * x[0];
          }
          @Differentiable
          static double sameArrayTwice(double[] a) {
            double[] y = a.clone();
            double[] alias = y;
            axpy(2, alias, y);
            return y[0];
          }
        }
        """;
    JavaFileObject file = Compiled.file(source);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("return a copy (a.clone())").inFile(file)
        .onLine(8);
    assertThat(compilation).hadErrorContaining("returns once, at its end").inFile(file)
        .onLine(14);
    assertThat(compilation).hadErrorContaining("may also be its argument 'alias'").inFile(file)
        .onLine(37);
  }

  private static double[] cross(double[] a, double[] b) {
    return (double[]) compiled.call("fn.Geo", "cross", a, b);
  }

  private static double dot(double[] u, double[] v) {
    return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  }
}
