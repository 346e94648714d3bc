package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.leibniz.check.FiniteDifferences;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loops whose backward sweep computes each iteration again from a snapshot of its state:
 * Runge–Kutta steps whose stages a callee fills, scratch arrays rebuilt every iteration (one of
 * them read before the loop too), state that a statement before the loop reads, a {@code while}
 * loop stopping on data, a {@code break}, a
 * replayed loop inside a batch loop, a state array a callee writes only in part; compiled with
 * {@code -Aleibniz.replay=always}, so that each is replayed whatever the cost model says. The
 * cost model itself replays a Runge–Kutta integrator of n variables and saves a loop of costly
 * functions and one of short literal loops. Every
 * gradient is checked against finite differences, a Hessian against differences of the
 * gradient, and the generated code against the plan's cost model: what each iteration keeps.
 */
class ReplayedLoopsTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compileWith(List.of("-Aleibniz.replay=always"), """
        package rl;

        import dev.leibniz.Differentiable;

        public class Steps {
          /** z₀ = x₀, zᵢ = xᵢ yᵢ₋₁: writes all of z. */
          @Differentiable(order = 2) static void chain(double[] x, double[] y, double[] z) {
            z[0] = x[0];
            for (int i = 1; i < x.length; i++) {
              z[i] = x[i] * y[i - 1];
            }
          }

          /** Writes z past its first element only: z₀ is what it was. */
          @Differentiable static void tail(double[] x, double[] y, double[] z) {
            for (int i = 1; i < x.length; i++) {
              z[i] = Math.sin(x[i] * y[i - 1]);
            }
          }

          @Differentiable(order = 2) static double rk4(double[] x, int s) {
            int n = x.length;
            double h = 1.0 / s;
            double[] y = new double[n];
            double[] k1 = new double[n];
            double[] k2 = new double[n];
            double[] stage = new double[n];
            for (int step = 0; step < s; step++) {
              chain(x, y, k1);
              for (int i = 0; i < n; i++) {
                stage[i] = y[i] + 0.5 * h * k1[i];
              }
              chain(x, stage, k2);
              for (int i = 0; i < n; i++) {
                stage[i] = y[i] + h * k2[i];
              }
              chain(x, stage, k1);
              for (int i = 0; i < n; i++) {
                y[i] += h * (k1[i] + k2[i]) / 2 + y[i] * y[i] * h;
              }
            }
            return y[n - 1] + y[0] * y[0];
          }

          @Differentiable static double scratchReadBefore(double[] x, int steps) {
            int n = x.length;
            double[] tmp = new double[n];
            for (int i = 0; i < n; i++) {
              tmp[i] = x[i] * x[i];
            }
            double first = tmp[0] * tmp[1];
            double[] y = x.clone();
            for (int k = 0; k < steps; k++) {
              for (int i = 0; i < n; i++) {
                tmp[i] = y[i] * y[i] * x[i];
              }
              for (int i = 0; i < n; i++) {
                y[i] += 0.1 * tmp[i] * tmp[(i + 1) % n];
              }
            }
            return first + y[n - 1];
          }

          @Differentiable static double untilTime(double[] x, double rate) {
            int n = x.length;
            double[] y = x.clone();
            double[] slope = new double[n];
            double t = 0;
            double energy = 0;
            while (t < 1 && energy < 50) {
              for (int i = 0; i < n; i++) {
                slope[i] = -rate * y[i] * y[(i + 1) % n];
              }
              for (int i = 0; i < n; i++) {
                y[i] += 0.125 * slope[i] * slope[i];
                energy += y[i] * y[i];
              }
              t += 0.125;
            }
            return energy + y[0];
          }

          @Differentiable static double withBreak(double[] x) {
            int n = x.length;
            double[] y = x.clone();
            double[] next = new double[n];
            for (int k = 0; k < 20; k++) {
              for (int i = 0; i < n; i++) {
                next[i] = y[i] * y[i] * x[(i + 1) % n];
              }
              if (next[0] > 0.9) {
                break;
              }
              for (int i = 0; i < n; i++) {
                y[i] = 0.5 * y[i] + 0.5 * next[i] * next[i];
              }
            }
            return y[0] * y[n - 1];
          }

          @Differentiable static double batch(double[][] points, double[] x) {
            int n = x.length;
            double total = 0;
            double[] y = new double[n];
            double[] k1 = new double[n];
            for (double[] p : points) {
              for (int i = 0; i < n; i++) {
                y[i] = p[i];
              }
              for (int step = 0; step < 4; step++) {
                chain(x, y, k1);
                for (int i = 0; i < n; i++) {
                  y[i] += 0.25 * k1[i] * y[i];
                }
              }
              total += y[n - 1];
            }
            return total;
          }

          /** The statement before the loop reads b, which the iterations need not put back. */
          @Differentiable static double stateReadBefore(double[] x) {
            double[] b = new double[3];
            double s = x[0] * x[1];
            b[0] = s;
            b[2] = x[2];
            double t = b[0] * b[2];
            double u = x[1];
            for (int k = 0; k < 4; k++) {
              u = Math.sin(u) + x[0];
              for (int j = 0; j < x.length; j++) {
                b[j % 3] = 0.5 * j;
                b[0] = u / (1.5 + u * u) + b[0];
              }
            }
            return t + b[0] * b[1];
          }

          @Differentiable static double mixture(double[][] points, double[] w, double[] mu) {
            int d = points[0].length;
            double[] centered = new double[d];
            double[] scaled = new double[d];
            double total = 0;
            for (int i = 0; i < points.length; i++) {
              for (int j = 0; j < d; j++) {
                centered[j] = points[i][j] - mu[j];
              }
              for (int j = 0; j < d; j++) {
                scaled[j] = w[j] * w[j] * centered[j];
              }
              double sq = 0;
              for (int j = 0; j < d; j++) {
                sq += scaled[j] * scaled[j];
              }
              total += Math.log(1 + sq);
            }
            return total;
          }

          @Differentiable static double partlyWritten(double[] x, int s) {
            int n = x.length;
            double[] y = x.clone();
            double[] z = new double[n];
            z[0] = 0.5;
            for (int step = 0; step < s; step++) {
              tail(x, y, z);
              for (int i = 0; i < n; i++) {
                y[i] = y[i] * 0.9 + Math.sin(z[i]) * 0.1;
              }
              tail(x, y, z);
              for (int i = 0; i < n; i++) {
                y[i] += z[i] * z[i] * 0.05;
              }
              z[0] = z[0] + y[1];
            }
            return y[n - 1] + z[0];
          }
        }
        """);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    double[] x = {0.3, -0.8, 0.55, 1.1, -0.2};
    check("rk4", x, 7);
    check("scratchReadBefore", x, 5);
    check("partlyWritten", x, 6);
    check("withBreak", x);
    check("stateReadBefore", x);
    checkUntilTime(x, 0.7);
    double[][] points = {{0.2, 0.1, -0.3, 0.4, 0.5}, {-0.1, 0.3, 0.2, 0.6, -0.4}};
    MixedGradients.assertMatches(compiled, "rl.Steps", "batch", 1e-7, new int[] {0, 1},
        points, x);
    MixedGradients.assertMatches(compiled, "rl.Steps", "mixture", 1e-7, new int[] {0, 1, 2},
        points, x, new double[] {0.1, -0.2, 0.3, 0.05, -0.15});
  }

  @Test
  void aHessianThroughAReplayedLoopMatchesDifferencesOfTheGradient() {
    double[] x = {0.3, -0.8, 0.55, 0.9};
    double[][] hessian = (double[][]) Compiled.components(
        compiled.call("rl.StepsGradients", "rk4Hessian", x.clone(), 5)).get("hessian");
    for (int i = 0; i < x.length; i++) {
      int row = i;
      double[] numeric = FiniteDifferences.gradient(p -> ((double[]) Compiled.components(
          compiled.call("rl.StepsGradients", "rk4", p, 5)).get("dX"))[row], x.clone());
      for (int j = 0; j < x.length; j++) {
        assertTrue(FiniteDifferences.relativeError(hessian[i][j], numeric[j]) < 1e-6,
            "H[" + i + "][" + j + "] " + hessian[i][j] + ", differences " + numeric[j]);
      }
    }
  }

  /**
   * The state a step keeps, as the cost model reads it: y alone where every other array a step
   * writes is rebuilt before it is read (the stages, by loops over their length and by
   * {@code chain}, which writes all of its last argument); z too where {@code tail} leaves its
   * first element as it was, and the scalars a {@code while} loop carries (its time and energy). Saving would keep,
   * per RK4 step, the elements of the two stage loops and the update (3), and what the three
   * calls keep (3). A loop over a batch is replayed as a whole and keeps only the running
   * total: it rebuilds y from each point, and each step of its inner loop rebuilds k1 by a call;
   * so does a loop over the rows of a matrix whose scratch arrays are as long as a row.
   */
  @Test
  void eachIterationKeepsOnlyTheStateItStartsFrom() {
    assertEquals("y", kept("rk4"));
    assertEquals("y", kept("scratchReadBefore"));
    assertEquals("z, y", kept("partlyWritten"));
    assertEquals("y and 2 scalars", kept("untilTime"));
    assertEquals("1 scalar", kept("batch"));
    assertEquals("1 scalar", kept("mixture"));
    // A loop left by break is not counted again: its counter and the flag break sets.
    assertEquals("y and 2 scalars", kept("withBreak"));
    // What the statement before the loop reads of b is kept once around it, not per element.
    assertEquals("b and 1 scalar", kept("stateReadBefore"));
    assertEquals(2, count(pullback("stateReadBefore"), "AdjointArrays.snapshot(b"));
    // tmp, which the statement before the loop reads, is kept once around it.
    String body = pullback("scratchReadBefore");
    assertEquals(1, count(body, "AdjointArrays.snapshot(tmp"), body);
    assertFalse(body.contains("workspace.pushDouble(_tmp"), body);
  }

  /**
   * GradBench's ODE step: saving would keep, per step, the elements of three stage loops and
   * the update (4) and what four calls keep (4); running a step again costs a pass per loop and
   * per call (8), no more. A loop of exp and tanh would cost 10 passes to run again, to save 2.
   */
  @Test
  void theCostModelReplaysATimeStepperAndSavesALoopOfCostlyFunctions() {
    var costModel = Compiled.compile("""
        package rl;

        import dev.leibniz.Differentiable;

        public class Costs {
          @Differentiable static void chain(double[] x, double[] y, double[] z) {
            z[0] = x[0];
            for (int i = 1; i < x.length; i++) {
              z[i] = x[i] * y[i - 1];
            }
          }

          @Differentiable static double ode(double[] x, int s) {
            int n = x.length;
            double h = 2.0 / s;
            double[] y = new double[n];
            double[] k1 = new double[n];
            double[] k2 = new double[n];
            double[] k3 = new double[n];
            double[] k4 = new double[n];
            double[] stage = new double[n];
            for (int step = 0; step < s; step++) {
              chain(x, y, k1);
              for (int i = 0; i < n; i++) {
                stage[i] = y[i] + 0.5 * h * k1[i];
              }
              chain(x, stage, k2);
              for (int i = 0; i < n; i++) {
                stage[i] = y[i] + 0.5 * h * k2[i];
              }
              chain(x, stage, k3);
              for (int i = 0; i < n; i++) {
                stage[i] = y[i] + h * k3[i];
              }
              chain(x, stage, k4);
              for (int i = 0; i < n; i++) {
                y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
              }
            }
            return y[n - 1];
          }

          /** Saved, not replayed: running a step again would evaluate exp and tanh again. */
          @Differentiable static double costly(double[] x, int steps) {
            int n = x.length;
            double[] y = x.clone();
            double[] gate = new double[n];
            for (int k = 0; k < steps; k++) {
              for (int i = 0; i < n; i++) {
                gate[i] = 1 / (1 + Math.exp(-y[i]));
              }
              for (int i = 0; i < n; i++) {
                y[i] = Math.tanh(gate[i] * y[(i + 1) % n]);
              }
            }
            return y[0];
          }

        }
        """);
    String ode = costModel.pullbackBody("rl.CostsGradients", "odePullback");
    assertTrue(ode.contains("// replayed: each iteration keeps y and runs again before its\n"
        + "    // adjoint; saving would keep the elements of 8 arrays per iteration,\n"
        + "    // running it again costs 8 passes over an array"), ode);
    String costly = costModel.pullbackBody("rl.CostsGradients", "costlyPullback");
    assertFalse(costly.contains("replayed"), costly);
    double[] x = {0.3, -0.8, 0.55, 1.1, -0.2};
    for (String method : List.of("ode", "costly")) {
      double[] numeric = FiniteDifferences.gradient(
          p -> (double) costModel.call("rl.Costs", method, p, 6), x.clone());
      Object result = costModel.call("rl.CostsGradients", method, x.clone(), 6);
      assertClose(method, (double[]) Compiled.components(result).get("dX"), numeric);
    }
  }

  /** Wherever possible: a loop of short literal loops, which the cost model saves. */
  @Test
  void theProcessorOptionReplaysEveryLoopItCan() {
    String source = """
        package rl;

        import dev.leibniz.Differentiable;

        public class Small {
          @Differentiable static double spiral(double[] y0, int steps) {
            double[] y = y0.clone();
            for (int k = 0; k < steps; k++) {
              for (int i = 0; i < 2; i++) {
                y[i] = Math.sin(y[i]) * y[(i + 1) % 2] + 0.1;
              }
            }
            return y[0] * y[1];
          }
        }
        """;
    String always = Compiled.compileWith(List.of("-Aleibniz.replay=always"), source)
        .pullbackBody("rl.SmallGradients", "spiralPullback");
    String byCost = Compiled.compile(source).pullbackBody("rl.SmallGradients", "spiralPullback");
    assertTrue(always.contains("replayed: each iteration keeps y"), always);
    assertFalse(byCost.contains("replayed"), byCost);
    var compilation = Compiled.compilation(List.of("-Aleibniz.replay=sometimes"),
        Compiled.file(source));
    assertEquals(Compilation.Status.FAILURE, compilation.status());
    assertTrue(compilation.errors().get(0).getMessage(null).contains(
        "[LZ194] the processor option 'leibniz.replay' takes one of cost, always, not"
            + " 'sometimes'"), compilation.errors().toString());
  }

  private static String kept(String method) {
    Matcher m = Pattern.compile("replayed: each iteration keeps (.*) and runs again")
        .matcher(pullback(method));
    assertTrue(m.find(), method + " is not replayed:\n" + pullback(method));
    return m.group(1);
  }

  private static String pullback(String method) {
    return compiled.pullbackBody("rl.StepsGradients", method + "Pullback");
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  private static void check(String method, double[] x, int steps) {
    double[] numeric = FiniteDifferences.gradient(
        p -> (double) compiled.call("rl.Steps", method, p, steps), x.clone());
    Object result = compiled.call("rl.StepsGradients", method, x.clone(), steps);
    assertClose(method, (double[]) Compiled.components(result).get("dX"), numeric);
  }

  private static void check(String method, double[] x) {
    double[] numeric = FiniteDifferences.gradient(
        p -> (double) compiled.call("rl.Steps", method, (Object) p), x.clone());
    Object result = compiled.call("rl.StepsGradients", method, (Object) x.clone());
    assertClose(method, (double[]) Compiled.components(result).get("dX"), numeric);
  }

  private static void checkUntilTime(double[] x, double rate) {
    double[] numeric = FiniteDifferences.gradient(
        p -> (double) compiled.call("rl.Steps", "untilTime", p, rate), x.clone());
    Object result = compiled.call("rl.StepsGradients", "untilTime", x.clone(), rate);
    assertClose("untilTime", (double[]) Compiled.components(result).get("dX"), numeric);
    double numericRate = FiniteDifferences.derivative(
        r -> (double) compiled.call("rl.Steps", "untilTime", x.clone(), r), rate);
    assertTrue(FiniteDifferences.relativeError(
        (double) Compiled.components(result).get("dRate"), numericRate) < 1e-7, "dRate");
  }

  private static void assertClose(String method, double[] exact, double[] numeric) {
    for (int i = 0; i < exact.length; i++) {
      assertTrue(FiniteDifferences.relativeError(exact[i], numeric[i]) < 1e-7,
          method + ": dX[" + i + "] " + exact[i] + ", differences " + numeric[i]);
    }
  }
}
