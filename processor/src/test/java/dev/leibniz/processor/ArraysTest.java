package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import java.util.Arrays;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Array parameters and local arrays: gradients of the same shape, element reads and overwrites,
 * lengths, initializers and for-each, all against finite differences; inputs never change.
 */
class ArraysTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package a;

        import dev.leibniz.Differentiable;
        import dev.leibniz.NoDerivative;

        public class Arr {
          @Differentiable static double dot(double[] w, @NoDerivative double[] x) {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
              s += w[i] * x[i];
            }
            return s;
          }
          @Differentiable static double forEach(double[] xs, double scale) {
            double s = 0;
            for (double v : xs) {
              s += Math.sin(v * scale);
            }
            return s;
          }
          @Differentiable static double layer(double[][] w, double[] b, double[] x) {
            int n = b.length;
            double[] h = new double[n];
            for (int i = 0; i < n; i++) {
              h[i] = b[i];
              for (int j = 0; j < x.length; j++) {
                h[i] += w[i][j] * x[j];
              }
              h[i] = Math.tanh(h[i]);
            }
            double out = 0;
            for (int i = 0; i < n; i++) {
              out += h[i] * h[i];
            }
            return out;
          }
          @Differentiable static double initializerAndOverwrite(double x, double y) {
            double[] v = {x, y, x * y};
            v[1] = v[0] * v[2];
            v[2] = Math.exp(v[1]) + v[2];
            double[][] m = new double[2][3];
            m[1][2] = v[2] * x;
            m[1][2] *= m[1][2];
            return v[0] + v[1] + m[1][2] + m[0].length;
          }
          @Differentiable static double writesIntoInput(double[] w) {
            w[0] = w[0] * w[1];
            w[1] = Math.sin(w[0]);
            return w[0] + w[1];
          }
          @Differentiable static double reallocatedInLoop(double[] x, int steps) {
            double acc = 0;
            for (int s = 0; s < steps; s++) {
              double[] t = new double[x.length];
              for (int i = 0; i < x.length; i++) {
                t[i] = x[i] * (s + 1) + acc;
              }
              acc = 0;
              for (int i = 0; i < t.length; i++) {
                acc += Math.sin(t[i]);
              }
            }
            return acc;
          }
          @Differentiable static double writesIntoMatrix(double[][] m, double x) {
            m[0][1] = m[0][1] * x + m[1][0];
            return m[0][1] * m[0][1] + sumAll(m, x);
          }
          @Differentiable static double sumAll(double[][] m, double x) {
            return (m[0][0] + m[0][1] + m[1][0]) * x;
          }
          @Differentiable static double constantMatrixArgument(double x, @NoDerivative double[][] c) {
            return sumAll(c, x) * x;
          }
          @Differentiable static double prefixSums(double[] x) {
            double[] p = new double[x.length];
            p[0] = x[0];
            for (int i = 1; i < x.length; i++) {
              p[i] = p[i - 1] * 0.5 + x[i] * x[i];
            }
            return p[p.length - 1];
          }
          @Differentiable static double matrixParameterUnused(double[][] m, double x) {
            return x * m.length;
          }
        }
        """);
  }

  @Test
  void dotProductGradientIsTheOtherVector() {
    double[] w = {1, 2, 3};
    double[] x = {0.5, -1, 4};
    Map<String, Object> r = Compiled.components(compiled.call("a.ArrGradients", "dot", w, x));
    assertEquals(0.5 - 2 + 12, (double) r.get("value"));
    assertArrayEquals(x, (double[]) r.get("dW"));
    assertEquals(2, r.size(), "no accessor for the @NoDerivative array");
  }

  @Test
  void forEachOverAnArray() {
    double[] xs = {0.1, 0.7, -0.4};
    Map<String, Object> r = Compiled.components(compiled.call("a.ArrGradients", "forEach", xs, 1.3));
    double[] expected = new double[3];
    double dScale = 0;
    for (int i = 0; i < 3; i++) {
      expected[i] = Math.cos(xs[i] * 1.3) * 1.3;
      dScale += Math.cos(xs[i] * 1.3) * xs[i];
    }
    assertArrayEquals(expected, (double[]) r.get("dXs"), 1e-15);
    assertEquals(dScale, (double) r.get("dScale"), 1e-15);
  }

  @Test
  void denseLayerGradientsHaveTheShapesOfTheirParameters() {
    double[][] w = {{0.1, -0.2, 0.3}, {0.4, 0.5, -0.6}};
    double[] b = {0.05, -0.1};
    double[] x = {1.0, -0.5, 0.25};
    Map<String, Object> r = Compiled.components(compiled.call("a.ArrGradients", "layer", w, b, x));
    double[][] dW = (double[][]) r.get("dW");
    assertEquals(2, dW.length);
    assertEquals(3, dW[0].length);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        int row = i;
        int col = j;
        double numeric = numeric(v -> {
          double[][] copy = deepCopy(w);
          copy[row][col] = v;
          return (double) compiled.call("a.Arr", "layer", copy, b, x);
        }, w[i][j]);
        assertEquals(numeric, dW[i][j], 1e-8, "dW[" + i + "][" + j + "]");
      }
    }
    assertArrayEquals(numericGradient(v -> (double) compiled.call("a.Arr", "layer", w, v, x), b),
        (double[]) r.get("dB"), 1e-8);
    assertArrayEquals(numericGradient(v -> (double) compiled.call("a.Arr", "layer", w, b, v), x),
        (double[]) r.get("dX"), 1e-8);
    assertArrayEquals(new double[] {0.1, -0.2, 0.3}, w[0], "inputs are unchanged");
  }

  @Test
  void localArraysInitializersAndOverwrittenElements() {
    Gradients.assertMatchesFiniteDifferences(
        compiled, "a.Arr", "initializerAndOverwrite", 1e-7, 0.3, 0.8);
  }

  @Test
  void theGradientMethodNeverChangesItsInputs() {
    double[] w = {0.7, 1.1};
    double[] before = w.clone();
    Map<String, Object> r =
        Compiled.components(compiled.call("a.ArrGradients", "writesIntoInput", w));
    assertArrayEquals(before, w);
    double[] numeric = numericGradient(
        v -> (double) compiled.call("a.Arr", "writesIntoInput", (Object) v.clone()), before);
    assertArrayEquals(numeric, (double[]) r.get("dW"), 1e-8);
  }

  @Test
  void matrixParametersWrittenIntoOrPassedAsConstants() {
    double[][] m = {{0.4, -0.3}, {1.2}};
    double[][] before = deepCopy(m);
    Map<String, Object> r =
        Compiled.components(compiled.call("a.ArrGradients", "writesIntoMatrix", m, 0.7));
    assertArrayEquals(before[0], m[0], "inputs unchanged");
    double[][] dM = (double[][]) r.get("dM");
    for (int i = 0; i < m.length; i++) {
      int row = i;
      double[] numeric = FiniteDifferences.gradient(v -> {
        double[][] copy = deepCopy(before);
        copy[row] = v.clone();
        return (double) compiled.call("a.Arr", "writesIntoMatrix", copy, 0.7);
      }, before[i].clone());
      assertArrayEquals(numeric, dM[i], 1e-8, "row " + i);
    }
    assertEquals(numeric(v -> (double) compiled.call("a.Arr", "writesIntoMatrix",
        deepCopy(before), v), 0.7), (double) r.get("dX"), 1e-8);
    double[] g = Gradients.valueAndGradient(
        compiled.call("a.ArrGradients", "constantMatrixArgument", 0.9, before));
    assertEquals(numeric(v -> (double) compiled.call("a.Arr", "constantMatrixArgument", v,
        before), 0.9), g[1], 1e-8);
  }

  @Test
  void arraysReallocatedInLoopsAndPrefixRecurrences() {
    double[] x = {0.2, -0.3, 0.5};
    Map<String, Object> r =
        Compiled.components(compiled.call("a.ArrGradients", "reallocatedInLoop", x, 3));
    assertArrayEquals(
        numericGradient(v -> (double) compiled.call("a.Arr", "reallocatedInLoop", v, 3), x),
        (double[]) r.get("dX"), 1e-8);
    double[] y = {0.9, 0.1, -0.7, 0.4};
    Map<String, Object> p = Compiled.components(compiled.call("a.ArrGradients", "prefixSums", y));
    assertArrayEquals(numericGradient(v -> (double) compiled.call("a.Arr", "prefixSums", v), y),
        (double[]) p.get("dX"), 1e-8);
  }

  @Test
  void anUnusedArrayParameterHasAZeroGradientOfItsShape() {
    double[][] m = {{1, 2}, {3}};
    Map<String, Object> r =
        Compiled.components(compiled.call("a.ArrGradients", "matrixParameterUnused", m, 2.0));
    double[][] dM = (double[][]) r.get("dM");
    assertEquals(2, dM.length);
    assertArrayEquals(new double[2], dM[0]);
    assertArrayEquals(new double[1], dM[1]);
    assertEquals(2.0, (double) r.get("dX"));
  }

  private static double numeric(java.util.function.DoubleUnaryOperator f, double at) {
    return FiniteDifferences.derivative(f, at);
  }

  private static double[] numericGradient(ToDoubleFunction<double[]> f, double[] at) {
    return FiniteDifferences.gradient(f, at.clone());
  }

  private static double[][] deepCopy(double[][] m) {
    return Arrays.stream(m).map(double[]::clone).toArray(double[][]::new);
  }
}
