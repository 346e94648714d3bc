package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;

import dev.leibniz.check.FiniteDifferences;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code float}, {@code float[]} and {@code float[][]} differentiated in float arithmetic: each
 * method has a {@code double} twin written the same way, whose central differences are the
 * oracle, with a tolerance from float's precision; gradients and values keep the user's types.
 */
class FloatTest {
  /** Float's unit roundoff is 6e-8; a few hundred operations stay well inside this. */
  private static final double TOLERANCE = 2e-5;

  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package fl;

        import dev.leibniz.Differentiable;
        import dev.leibniz.NoDerivative;

        public class F {
          @Differentiable
          static float logistic(float w, float b, float x, float y) {
            float z = w * x + b;
            float p = 1f / (1f + (float) Math.exp(-z));
            return -(y * (float) Math.log(p) + (1 - y) * (float) Math.log(1 - p));
          }

          /** A float array created with its elements; a float callee of a computed argument. */
          @Differentiable
          static float initialized(float x, float y) {
            float[] g = {x, x * y, 2f};
            return g[0] * g[1] + g[2] * y + square(x * y);
          }

          static double initializedTwin(double x, double y) {
            double[] g = {x, x * y, 2};
            return g[0] * g[1] + g[2] * y + x * y * x * y;
          }

          static double logisticTwin(double w, double b, double x, double y) {
            double z = w * x + b;
            double p = 1 / (1 + Math.exp(-z));
            return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
          }

          /** float * double is a double; a float local halved in a branch; a float result. */
          @Differentiable
          static double mixed(float a, double b) {
            float c = a * a;
            if (c > 1) {
              c /= 2;
            }
            return c * b + Math.sin(a) + square(a) * 0.5f;
          }

          static double mixedTwin(double a, double b) {
            double c = a * a;
            if (c > 1) {
              c /= 2;
            }
            return c * b + Math.sin(a) + a * a * 0.5;
          }

          @Differentiable
          static float square(float a) {
            return a * a;
          }

          @Differentiable
          static float loss(float[] w, float b, @NoDerivative float[][] xs,
              @NoDerivative float[] ys) {
            float s = 0f;
            for (int n = 0; n < xs.length; n++) {
              float z = b;
              for (int i = 0; i < w.length; i++) {
                z += w[i] * xs[n][i];
              }
              s += (z - ys[n]) * (z - ys[n]) + 0.1f * (float) Math.tanh(z);
            }
            return s / xs.length;
          }

          static double lossTwin(double[] w, double b, float[][] xs, float[] ys) {
            double s = 0;
            for (int n = 0; n < xs.length; n++) {
              double z = b;
              for (int i = 0; i < w.length; i++) {
                z += w[i] * xs[n][i];
              }
              s += (z - ys[n]) * (z - ys[n]) + 0.1 * Math.tanh(z);
            }
            return s / xs.length;
          }

          /** Of order 2 in float. */
          @Differentiable(order = 2)
          static float curvy(float x, float[] w) {
            float s = x * x * x;
            for (int i = 0; i < w.length; i++) {
              s += (float) Math.sin(w[i] * x) * w[i];
            }
            return s;
          }

          /** Writes into its matrix and reads a float vector it fills. */
          @Differentiable
          static double scaled(float[][] m, double k) {
            float[] row = new float[m[0].length];
            for (int i = 0; i < row.length; i++) {
              row[i] = m[0][i] * m[1][i];
            }
            m[1][0] = row[0] * 2;
            return k * row[1] + m[1][0] * Math.sin(row[0]);
          }

          static double scaledTwin(double[][] m, double k) {
            double[] row = new double[m[0].length];
            for (int i = 0; i < row.length; i++) {
              row[i] = m[0][i] * m[1][i];
            }
            m[1][0] = row[0] * 2;
            return k * row[1] + m[1][0] * Math.sin(row[0]);
          }
        }
        """);
  }

  @Test
  void aFloatFunctionsGradientIsFloatAndMatchesItsDoubleTwin() {
    float[] p = {0.7f, -0.2f, 1.3f, 1f};
    Object record = compiled.call("fl.FGradients", "logistic", p[0], p[1], p[2], p[3]);
    Map<String, Object> g = Compiled.components(record);
    assertEquals(Float.class, g.get("value").getClass());
    assertEquals(Float.class, g.get("dW").getClass());
    double[] at = {p[0], p[1], p[2], p[3]};
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("fl.F",
        "logisticTwin", v[0], v[1], v[2], v[3]), at);
    String[] names = {"dW", "dB", "dX", "dY"};
    for (int i = 0; i < names.length; i++) {
      assertClose(numeric[i], (float) g.get(names[i]), names[i]);
    }
    Object pushed = compiled.call("fl.FGradients", "logisticPushforward", p[0], p[1], p[2],
        p[3], 0.5f, -1f, 0.25f, 0f);
    assertClose(0.5 * numeric[0] - numeric[1] + 0.25 * numeric[2],
        (float) Compiled.components(pushed).get("tangent"), "pushforward");
  }

  @Test
  void aFloatArrayInitializerIsDifferentiated() {
    Map<String, Object> g = Compiled.components(
        compiled.call("fl.FGradients", "initialized", 0.6f, -1.3f));
    double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("fl.F",
        "initializedTwin", v[0], v[1]), new double[] {0.6f, -1.3f});
    assertClose(numeric[0], (float) g.get("dX"), "dX");
    assertClose(numeric[1], (float) g.get("dY"), "dY");
    // The pushforward passes square the tangent of x * y as a float, its parameter's type.
    Object pushed = compiled.call("fl.FGradients", "initializedPushforward", 0.6f, -1.3f, 1f,
        -2f);
    assertClose(numeric[0] - 2 * numeric[1], (float) Compiled.components(pushed).get("tangent"),
        "pushforward");
  }

  @Test
  void floatAndDoubleTogetherFollowJavasPromotion() {
    for (float a : new float[] {0.6f, -1.4f}) {
      Map<String, Object> g = Compiled.components(compiled.call("fl.FGradients", "mixed", a,
          0.8));
      double[] numeric = FiniteDifferences.gradient(v -> (double) compiled.call("fl.F",
          "mixedTwin", v[0], v[1]), new double[] {a, 0.8});
      assertClose(numeric[0], (float) g.get("dA"), "dA at " + a);
      assertClose(numeric[1], (double) g.get("dB"), "dB at " + a);
    }
  }

  @Test
  void floatVectorsAndMatricesHaveFloatGradients() {
    float[] w = {0.3f, -0.5f, 0.8f};
    float[][] xs = {{1, 2, 0.5f}, {-1, 0.3f, 2}, {0.2f, -0.7f, 1.1f}};
    float[] ys = {1, 0, 1};
    Map<String, Object> g = Compiled.components(compiled.call("fl.FGradients", "loss", w, 0.1f,
        xs, ys));
    float[] dW = (float[]) g.get("dW");
    double[] at = {w[0], w[1], w[2], 0.1f};
    ToDoubleFunction<double[]> twin = v -> (double) compiled.call("fl.F", "lossTwin",
        new double[] {v[0], v[1], v[2]}, v[3], xs, ys);
    double[] numeric = FiniteDifferences.gradient(twin::applyAsDouble, at);
    for (int i = 0; i < 3; i++) {
      assertClose(numeric[i], dW[i], "dW[" + i + "]");
    }
    assertClose(numeric[3], (float) g.get("dB"), "dB");
    Object pushed = compiled.call("fl.FGradients", "lossPushforward", w, 0.1f, xs, ys,
        new float[] {1, 0, -1}, 0.5f);
    assertClose(numeric[0] - numeric[2] + 0.5 * numeric[3],
        (float) Compiled.components(pushed).get("tangent"), "pushforward");

    float[][] m = {{0.4f, 0.9f}, {1.2f, -0.3f}};
    Map<String, Object> s = Compiled.components(compiled.call("fl.FGradients", "scaled", m,
        0.7));
    float[][] dM = (float[][]) s.get("dM");
    double[] flat = {m[0][0], m[0][1], m[1][0], m[1][1], 0.7};
    double[] expected = FiniteDifferences.gradient(v -> (double) compiled.call("fl.F",
        "scaledTwin", new double[][] {{v[0], v[1]}, {v[2], v[3]}}, v[4]), flat);
    float[] actual = {dM[0][0], dM[0][1], dM[1][0], dM[1][1]};
    for (int i = 0; i < 4; i++) {
      assertClose(expected[i], actual[i], "dM element " + i);
    }
    assertClose(expected[4], (double) s.get("dK"), "dK");
    assertEquals(1.2f, m[1][0], "the input matrix is left as it was");
  }

  @Test
  void aFloatHessianMatchesTheFormula() {
    float x = 0.7f;
    float[] w = {0.4f, -1.2f};
    Map<String, Object> result = Compiled.components(compiled.call("fl.FGradients",
        "curvyHessian", x, w.clone()));
    double[][] hessian = (double[][]) result.get("hessian");
    // f = x³ + Σ sin(wᵢ x) wᵢ, differentiated by hand.
    double[][] expected = new double[3][3];
    expected[0][0] = 6 * x;
    for (int i = 0; i < w.length; i++) {
      double c = Math.cos(w[i] * x);
      double s = Math.sin(w[i] * x);
      expected[0][0] -= w[i] * w[i] * w[i] * s;
      expected[0][1 + i] = 2 * w[i] * c - w[i] * w[i] * x * s;
      expected[1 + i][0] = expected[0][1 + i];
      expected[1 + i][1 + i] = 2 * x * c - w[i] * x * x * s;
    }
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertClose(expected[i][j], hessian[i][j], "H[" + i + "][" + j + "]");
      }
    }
    Map<String, Object> hvp = Compiled.components(compiled.call("fl.FGradients", "curvyHvp", x,
        w.clone(), 1f, new float[] {0, 0}));
    assertClose(expected[0][0], (float) hvp.get("hvX"), "Hv along x");
    assertClose(expected[1][0], ((float[]) hvp.get("hvW"))[0], "Hv along x, w[0]");
  }

  @Test
  void whatFloatDoesNotHaveIsAnErrorAtTheMethod() {
    JavaFileObject file = Compiled.file("""
        package fl;

        import dev.leibniz.Differentiable;

        class Bad {
          @Differentiable
          static float second(float x) {
            return x * x * x;
          }
          @Differentiable
          static float[] vector(float x) {
            float[] r = {x};
            return r;
          }
        }
        """);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("returns float[]: it must return double, float,")
        .inFile(file).onLine(11);
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), what);
  }
}
