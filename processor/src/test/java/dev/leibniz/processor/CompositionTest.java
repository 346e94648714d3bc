package dev.leibniz.processor;

import static dev.leibniz.processor.Gradients.assertMatchesFiniteDifferences;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls between differentiable methods (same class, other classes, instance methods,
 * recursion, in branches and loops, with array arguments), rules for functions Leibniz cannot
 * see into, and the pullback's accumulating contract.
 */
class CompositionTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile(
        """
        package k;

        import dev.leibniz.Differentiable;
        import dev.leibniz.NoDerivative;

        public class Activations {
          @Differentiable public static double sigmoid(double z) {
            return 1 / (1 + Math.exp(-z));
          }
          @Differentiable public static double softplus(double z) {
            return Math.log1p(Math.exp(z));
          }
        }
        """,
        """
        package k;

        import dev.leibniz.Differentiable;
        import dev.leibniz.NoDerivative;

        public class Layers {
          double scale = 1.5;

          @Differentiable static double dot(double[] w, double[] x) {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
              s += w[i] * x[i];
            }
            return s;
          }
          @Differentiable static double neuron(double[] w, double[] x, double b) {
            return Activations.sigmoid(dot(w, x) + b);
          }
          @Differentiable static double network(double[][] w, double[] x, double b) {
            double total = 0;
            for (int i = 0; i < w.length; i++) {
              double h = neuron(w[i], x, b);
              if (h > 0.5) {
                total += Activations.softplus(h * total + 1);
              } else {
                total -= h * h;
              }
            }
            return total;
          }
          @Differentiable static double power(double x, int n) {
            if (n == 0) {
              return 1;
            }
            return x * power(x, n - 1);
          }
          @Differentiable double scaled(double x) {
            return scale * x * x;
          }
          @Differentiable double useInstance(double x) {
            return scaled(x) + this.scaled(2 * x);
          }
          @Differentiable static double nested(double x, double y) {
            return Activations.sigmoid(Activations.softplus(x * y) - sigmoid2(y));
          }
          @Differentiable static double sigmoid2(double y) {
            return Activations.sigmoid(y) * Activations.sigmoid(y);
          }
          @Differentiable static double withConstantHelper(double x, int k) {
            return x * constantHelper(k) + Layers.table(3);
          }
          static double constantHelper(int k) {
            return k * 0.5;
          }
          static double table(int i) {
            return i * i;
          }
          @Differentiable static double twice(double x) {
            return 2 * x;
          }
          static double twice(int n) {
            return 3 * n;
          }
          @Differentiable static double overloads(double x, int n) {
            return twice(x) + twice(n) * x;
          }
          @Differentiable static double special(double x, double y) {
            return Special.cube(x) + Special.blend(x, y) * Special.cube(y);
          }
        }
        """,
        """
        package k;

        import dev.leibniz.DerivativeOf;

        public class Special {
          public static double cube(double x) {
            return x * x * x;
          }
          public static double blend(double a, double b) {
            return Math.sin(a) * Math.exp(b);
          }
          @DerivativeOf(type = Special.class, method = "cube")
          static double cubeDerivative(double x) {
            return 3 * x * x;
          }
          @DerivativeOf(type = Special.class, method = "blend")
          static void blendPartials(double a, double b, double[] partials) {
            partials[0] = Math.cos(a) * Math.exp(b);
            partials[1] = Math.sin(a) * Math.exp(b);
          }
        }
        """);
  }

  @Test
  void callsAcrossClassesWithArraysBranchesAndLoops() {
    double[][] w = {{0.3, -0.2, 0.1}, {0.5, 0.4, -0.3}, {-0.6, 0.2, 0.9}};
    double[] x = {1.0, -0.5, 0.25};
    Map<String, Object> r =
        Compiled.components(compiled.call("k.LayersGradients", "network", w, x, 0.1));
    double[][] dW = (double[][]) r.get("dW");
    for (int i = 0; i < w.length; i++) {
      int row = i;
      double[] numeric = FiniteDifferences.gradient(v -> {
        double[][] copy = w.clone();
        copy[row] = v;
        return (double) compiled.call("k.Layers", "network", copy, x, 0.1);
      }, w[i].clone());
      assertArrayEquals(numeric, dW[i], 1e-8, "row " + i);
    }
    assertArrayEquals(
        FiniteDifferences.gradient(v -> (double) compiled.call("k.Layers", "network", w, v, 0.1),
            x.clone()),
        (double[]) r.get("dX"), 1e-8);
    assertEquals(FiniteDifferences.derivative(
        b -> (double) compiled.call("k.Layers", "network", w, x, b), 0.1),
        (double) r.get("dB"), 1e-8);
  }

  @Test
  void overloadsResolveAsJavaResolvesThem() {
    double[] g = compiled.valueAndGradient("k.Layers", "overloads", 1.5, 4);
    assertEquals(3 + 12 * 1.5, g[0]);
    assertEquals(2 + 12, g[1]);
  }

  @Test
  void recursion() {
    double[] g = compiled.valueAndGradient("k.Layers", "power", 1.3, 5);
    assertEquals(Math.pow(1.3, 5), g[0], 1e-12);
    assertEquals(5 * Math.pow(1.3, 4), g[1], 1e-12);
  }

  @Test
  void instanceMethodsCallEachOtherThroughTheReceiver() throws Exception {
    Object layers = compiled.load("k.Layers").getDeclaredConstructor().newInstance();
    double[] g = Gradients.valueAndGradient(
        compiled.call("k.LayersGradients", "useInstance", layers, 0.7));
    assertEquals(1.5 * 0.49 + 1.5 * 4 * 0.49, g[0], 1e-12);
    assertEquals(2 * 1.5 * 0.7 + 8 * 1.5 * 0.7, g[1], 1e-12);
  }

  @Test
  void nestedCallsAndConstantCalls() {
    assertMatchesFiniteDifferences(compiled, "k.Layers", "nested", 1e-8, 0.4, -0.8);
    double[] g = compiled.valueAndGradient("k.Layers", "withConstantHelper", 2.0, 3);
    assertEquals(2.0 * 1.5 + 9, g[0]);
    assertEquals(1.5, g[1]);
  }

  @Test
  void rulesForOneAndForSeveralParameters() {
    for (double[] p : new double[][] {{0.3, 0.7}, {-1.2, 0.4}}) {
      double[] g = Gradients.generated(compiled, "k.Layers", "special", p);
      double x = p[0];
      double y = p[1];
      double blend = Math.sin(x) * Math.exp(y);
      assertEquals(3 * x * x + Math.cos(x) * Math.exp(y) * y * y * y, g[0], 1e-12);
      assertEquals(blend * y * y * y + blend * 3 * y * y, g[1], 1e-12);
      assertMatchesFiniteDifferences(compiled, "k.Layers", "special", 1e-8, p);
    }
  }

  @Test
  void pullbacksAccumulateIntoTheCallersArrays() {
    double[] w = {0.3, -0.2};
    double[] x = {1.0, 2.0};
    double[] dScalars = {10.0};
    double[] dW = {1.0, 1.0};
    double[] dX = {0.0, 0.0};
    double value = (double) compiled.call("k.LayersGradients", "neuronPullback",
        w, x, 0.5, 2.0, dScalars, dW, dX);
    Map<String, Object> once =
        Compiled.components(compiled.call("k.LayersGradients", "neuron", w, x, 0.5));
    assertEquals((double) once.get("value"), value);
    double[] gradientW = (double[]) once.get("dW");
    assertArrayEquals(new double[] {1 + 2 * gradientW[0], 1 + 2 * gradientW[1]}, dW, 1e-15);
    assertEquals(10 + 2 * (double) once.get("dB"), dScalars[0], 1e-15);
    assertArrayEquals(new double[] {0.3, -0.2}, w, "inputs unchanged");
    compiled.call("k.LayersGradients", "neuronPullback", w, x, 0.5, 1.0, dScalars, dW, dX);
    assertEquals(1 + 3 * gradientW[0], dW[0], 1e-15, "a second call adds again");
  }
}
