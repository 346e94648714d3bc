package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Methods and parameters named like what the generated code uses — the runtime's array
 * operations, the workspace, the upstream gradient, the value — compile and differentiate.
 */
class GeneratedNamesTest {
  @Test
  void userNamesNeverClashWithGeneratedOnes() {
    Compiled compiled = Compiled.compile(
        """
        package n;

        import dev.leibniz.Differentiable;

        public class Clash {
          @Differentiable static double copyOf(double[] a) {
            double[] c = new double[2];
            c[0] = a[0] * a[1];
            return c[0] + a[1];
          }
          @Differentiable static double written(double[] a) {
            a[0] = a[0] * a[1];
            return a[0] + a[1];
          }
          @Differentiable static double zerosLike(double[][] m) {
            return m[0][0] * m[1][0];
          }
          @Differentiable static double addInto(double workspace, double upstream, double value) {
            double[] pair = {value, workspace};
            return workspace * upstream + copyOf(pair);
          }
          @Differentiable static double push(double[] a) {
            double[] b = new double[a.length];
            double[][] m = new double[2][1];
            for (int i = 0; i < a.length; i++) {
              m[0][0] = a[i];
              m[1][0] = a[i] * a[i];
              b[i] = zerosLike(m);
            }
            return b[0] + b[1];
          }
        }
        """);
    double[] point = {0.7, -1.3, 0.4};
    Map<String, Object> result = Compiled.components(
        compiled.call("n.ClashGradients", "addInto", point[0], point[1], point[2]));
    double[] numeric = FiniteDifferences.gradient(
        p -> (double) compiled.call("n.Clash", "addInto", p[0], p[1], p[2]), point.clone());
    assertEquals(numeric[0], (double) result.get("dWorkspace"), 1e-8);
    assertEquals(numeric[1], (double) result.get("dUpstream"), 1e-8);
    assertEquals(numeric[2], (double) result.get("dValue"), 1e-8);

    double[] w = {0.5, 2.0};
    double[] dW = (double[]) Compiled.components(
        compiled.call("n.ClashGradients", "written", (Object) w.clone())).get("dA");
    // a[0] a[1] + a[1]: the gradient is (a[1], a[0] + 1).
    assertEquals(w[1], dW[0], 1e-12);
    assertEquals(w[0] + 1, dW[1], 1e-12);

    double[] a = {0.5, 2.0};
    double[] dA = (double[]) Compiled.components(
        compiled.call("n.ClashGradients", "push", (Object) a.clone())).get("dA");
    double[] numericA = FiniteDifferences.gradient(
        p -> (double) compiled.call("n.Clash", "push", (Object) p), a.clone());
    assertEquals(numericA[0], dA[0], 1e-8);
    assertEquals(numericA[1], dA[1], 1e-8);
  }

  @Test
  void companionsMayCallAuxiliaryClassesWithoutWarnings() {
    Compiled compiled = Compiled.compile(
        """
        package n;

        import dev.leibniz.Differentiable;

        public class Main {
          @Differentiable static double f(double x, int n) {
            return x * Helper.scale(n) + Helper.OFFSET * x;
          }
        }

        class Helper {
          static double OFFSET = 0.5;
          static double scale(int n) { return n * 0.5; }
        }
        """);
    Map<String, Object> result = Compiled.components(compiled.call("n.MainGradients", "f", 1.5, 4));
    assertEquals(4 * 0.5 + 0.5, (double) result.get("dX"), 0.0);
  }

  /**
   * Locals and parameters named like every variable the generated methods declare —
   * temporaries, saved values, counters, flags, adjoints, tangents, directions and the locals
   * of the Hessian and Jacobian methods — in methods of every kind, records among them.
   */
  @Test
  void localsAndParametersNamedLikeEveryGeneratedVariable() {
    Compiled compiled = Compiled.compile(
        """
        package n;

        import dev.leibniz.Differentiable;

        public class Taken {
          record P(double v, double[] w) {}

          @Differentiable(order = 2) static double unread(double x) {
            double _t1 = 1;
            double _t0 = 2;
            return x * x * x;
          }

          @Differentiable(order = 2) static double record(P p, double pDot, double pDot2) {
            return p.v() * pDot + p.w()[0] * p.v() * pDot2;
          }

          @Differentiable(order = 2) static double locals(double[] a, double aDot, double sDot,
              double hvScalars, double dScalars, double row, double at, double hessian,
              double dValue, double dAOut, double xDot) {
            double _n = 1, _k = 1, _a = 1, _g0 = 1, _scratch = 1, _i = 1, _partials = 1;
            double _branch = 1, _element = 1, _frame = 1, _broken = 1, _choice = 1;
            double _continued = 1, _decided = 1, _discard = 1, _fill = 1, _old = 1;
            double _result = 1, _returned = 1, _vector = 1, _t0 = 1, _t2 = 1, _x = 1;
            double tangent = 1, each = 1, upstream = 1, workspace = 1, self = 1, dA = 1;
            double value = a[0] * aDot * sDot * hvScalars * dScalars * row * at * hessian
                * dValue * dAOut * xDot;
            for (int i = 0; i < a.length; i++) {
              if (a[i] > 0) {
                value += a[i] * a[i] * _n * _k * _a * _g0 * _scratch * _i * _partials * _branch;
              } else {
                value -= a[i] * _element * _frame * _broken * _choice * _continued * _decided;
              }
              value += _discard * _fill * _old * _result * _returned * _vector * _t0 * _t2 * _x
                  * tangent * each * upstream * workspace * self * dA * Math.sin(value);
            }
            return value;
          }

          @Differentiable static double[] vector(double[] a, double outputs, double inputs,
              double output, double j, double pushed, double aDirection, double k) {
            return new double[] {a[0] * outputs * inputs * output, j * pushed * aDirection * k};
          }
        }
        """);
    Gradients.assertMatchesFiniteDifferences(compiled, "n.Taken", "unread", 1e-8, 0.7);
    Object[] rest = {0.8, 1.1, 0.9, 1.2, 0.8, 1.05, 0.95, 1.1, 0.9, 1.02};
    double[] a = {0.4, -0.9, 0.3};
    double[] numeric = FiniteDifferences.gradient(
        x -> (double) compiled.call("n.Taken", "locals", withArray(x, rest)), a.clone());
    var result = Compiled.components(
        compiled.call("n.TakenGradients", "locals", withArray(a.clone(), rest)));
    double[] dA = (double[]) result.get("dA");
    for (int i = 0; i < a.length; i++) {
      assertEquals(numeric[i], dA[i], 1e-7 * Math.max(1, Math.abs(numeric[i])));
    }
    double[] direction = {0.3, 0.5, -0.2};
    Object[] pushArgs = new Object[2 + 2 * rest.length];
    Object[] primalArgs = withArray(a.clone(), rest);
    System.arraycopy(primalArgs, 0, pushArgs, 0, primalArgs.length);
    pushArgs[primalArgs.length] = direction;
    for (int k = primalArgs.length + 1; k < pushArgs.length; k++) {
      pushArgs[k] = 0.0;
    }
    var pushed = Compiled.components(compiled.call("n.TakenGradients", "localsPushforward",
        pushArgs));
    double along = 0;
    for (int i = 0; i < a.length; i++) {
      along += numeric[i] * direction[i];
    }
    assertEquals(along, (double) pushed.get("tangent"), 1e-7 * Math.max(1, Math.abs(along)));

    Class<?> recordType = compiled.load("n.Taken$P");
    double[] q = {0.6, 1.3, -0.7, 0.9};
    java.util.function.ToDoubleFunction<double[]> record = x -> (double) compiled.call(
        "n.Taken", "record", newP(recordType, x[0], x[1]), x[2], x[3]);
    double[] expected = FiniteDifferences.gradient(record, q.clone());
    var gradient = Compiled.components(compiled.call("n.TakenGradients", "record",
        newP(recordType, q[0], q[1]), q[2], q[3]));
    assertEquals(expected[2], (double) gradient.get("dPDot"), 1e-8);
    assertEquals(expected[3], (double) gradient.get("dPDot2"), 1e-8);
    var hessian = Compiled.components(compiled.call("n.TakenGradients", "recordHessian",
        newP(recordType, q[0], q[1]), q[2], q[3]));
    assertEquals(expected[3], (double) hessian.get("dPDot2"), 1e-8);

    var jacobian = Compiled.components(compiled.call("n.TakenGradients", "vector",
        new double[] {0.5}, 2.0, 3.0, 5.0, 7.0, 11.0, 13.0, 17.0));
    // d(a0 · outputs · inputs · output)/d outputs = a0 · inputs · output.
    assertEquals(0.5 * 3.0 * 5.0, ((double[]) jacobian.get("dOutputs"))[0], 1e-12);
    assertEquals(7.0 * 11.0 * 13.0, ((double[]) jacobian.get("dK"))[1], 1e-12);
  }

  private static Object[] withArray(double[] a, Object[] rest) {
    Object[] args = new Object[1 + rest.length];
    args[0] = a;
    System.arraycopy(rest, 0, args, 1, rest.length);
    return args;
  }

  private static Object newP(Class<?> type, double v, double w0) {
    try {
      var constructor = type.getDeclaredConstructor(double.class, double[].class);
      constructor.setAccessible(true);
      return constructor.newInstance(v, new double[] {w0});
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
