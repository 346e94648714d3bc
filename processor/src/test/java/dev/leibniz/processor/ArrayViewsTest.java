package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Names for arrays a method does not own: row views of parameter matrices, a name reassigned
 * layer by layer to different arrays, names of names, for-each over rows, and writes through
 * names, against finite differences; and the names Leibniz cannot follow, each an error that
 * says why.
 */
class ArrayViewsTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package views;

        import dev.leibniz.Differentiable;

        public class Nets {
          @Differentiable(order = 2)
          static double ownThenRows(double[] x, int k) {
            double[][] hidden = new double[3][x.length];
            for (int l = 0; l < 3; l++) {
              for (int i = 0; i < x.length; i++) {
                hidden[l][i] = Math.cos(x[i] * (l + 1));
              }
            }
            double[] input = new double[x.length];
            for (int i = 0; i < x.length; i++) {
              input[i] = x[i] * 0.5;
            }
            double[] first = input;
            double s = 0;
            for (int layer = 0; layer < 3; layer++) {
              for (int i = 0; i < x.length; i++) {
                s += Math.sin(input[i]) * hidden[layer][i];
              }
              if (layer == k) {
                input[0] = s * x[1];
              }
              input = hidden[layer];
            }
            return s + hidden[1][0] * first[0] + input[1];
          }

          @Differentiable
          static double mlp(double[][] params, double[] x, int layers) {
            int n = x.length;
            double[][] hidden = new double[layers][n];
            double[] input = x;
            for (int layer = 0; layer < layers; layer++) {
              double[] w = params[2 * layer];
              double[] b = params[2 * layer + 1];
              for (int j = 0; j < n; j++) {
                double s = b[j];
                for (int k = 0; k < input.length; k++) {
                  s += w[(j + k) % n] * input[k];
                }
                hidden[layer][j] = Math.tanh(s);
              }
              input = hidden[layer];
            }
            double total = 0;
            for (double[] h : hidden) {
              for (double v : h) {
                total += v * v;
              }
            }
            return total + input[0];
          }

          @Differentiable
          static double writeThrough(double[] a, double[][] m) {
            double[] row = m[1];
            double[] same = a;
            row[0] = row[0] * a[0];
            same[1] = same[1] * row[1];
            double s = 0;
            for (double[] r : m) {
              s += r[0] * r[1];
            }
            return s + a[1] * a[0];
          }

          @Differentiable
          static double namesOfNames(double[][] m, double[] v) {
            double[] row = m[0];
            double[] alias = row;
            double s = 0;
            for (int i = 0; i < m.length; i++) {
              row = m[i];
              alias = row;
              s += alias[0] * v[i % v.length];
              alias[1] = s;
            }
            double[][] whole = m;
            return s * whole[1][1] + alias[1];
          }

          /** One LSTM cell over a sequence, its gate weights read through row views. */
          @Differentiable
          static double lstm(double[][] weights, double[][] inputs, double[] h0) {
            int n = h0.length;
            double[] h = h0.clone();
            double[] c = new double[n];
            for (double[] x : inputs) {
              double[] gates = new double[4 * n];
              for (int g = 0; g < 4 * n; g++) {
                double[] w = weights[g];
                double s = w[0];
                for (int i = 0; i < x.length; i++) {
                  s += w[1 + i] * x[i];
                }
                for (int j = 0; j < n; j++) {
                  s += w[1 + x.length + j] * h[j];
                }
                gates[g] = s;
              }
              for (int j = 0; j < n; j++) {
                double forget = 1 / (1 + Math.exp(-gates[j]));
                double input = 1 / (1 + Math.exp(-gates[n + j]));
                double output = 1 / (1 + Math.exp(-gates[2 * n + j]));
                double candidate = Math.tanh(gates[3 * n + j]);
                c[j] = forget * c[j] + input * candidate;
                h[j] = output * Math.tanh(c[j]);
              }
            }
            double loss = 0;
            for (double v : h) {
              loss += v * v;
            }
            return loss;
          }

          /** The k-means objective: each point's squared distance to its nearest centre. */
          @Differentiable
          static double kMeans(double[][] centres, double[][] points) {
            double total = 0;
            for (double[] p : points) {
              double best = Double.MAX_VALUE;
              for (double[] centre : centres) {
                double d = 0;
                for (int i = 0; i < p.length; i++) {
                  double diff = p[i] - centre[i];
                  d += diff * diff;
                }
                best = Math.min(best, d);
              }
              total += best;
            }
            return total;
          }

          @Differentiable
          static double branchOnName(double[] a, double[] b, double t) {
            double[] pick = a;
            if (t <= 0) {
              pick = b;
            }
            return pick[0] * t;
          }
        }
        """);
  }

  @Test
  void rowViewsAndANameReassignedLayerByLayer() {
    double[][] params = {
        {0.3, -0.2, 0.5}, {0.1, 0.0, -0.1}, {-0.4, 0.6, 0.2}, {0.05, -0.05, 0.1}};
    double[] x = {0.7, -1.1, 0.4};
    MixedGradients.assertMatches(compiled, "views.Nets", "mlp", 1e-7, new int[] {0, 1},
        params, x, 2);
  }

  /**
   * A local declared with an array of its own, later made to name rows of a matrix; a write
   * through it is seen through the other names of the same array ({@code first},
   * {@code hidden[layer]}) as Java's aliasing has it.
   */
  @Test
  void aLocalThatOwnsItsArrayAndLaterNamesARow() {
    double[] x = {0.4, -0.8, 1.1};
    double[] direction = {0.2, 0.5, -0.3};
    for (int k = -1; k < 3; k++) {
      MixedGradients.assertMatches(compiled, "views.Nets", "ownThenRows", 1e-7, new int[] {0},
          x, k);
      ArrayDirections.assertPushforwardMatches(compiled, "views.Nets", "ownThenRows", x, k,
          direction);
      ArrayDirections.assertHvpMatches(compiled, "views.Nets", "ownThenRows", x, k, direction);
    }
  }

  @Test
  void writesThroughNamesReachTheOwnersAdjoint() {
    MixedGradients.assertMatches(compiled, "views.Nets", "writeThrough", 1e-8, new int[] {0, 1},
        new double[] {0.9, -0.6}, new double[][] {{0.2, 0.3}, {-0.5, 1.2}, {0.8, 0.1}});
  }

  @Test
  void lstmCellReadingWeightRowsThroughViews() {
    int n = 2;
    int inputs = 3;
    var random = new java.util.Random(7);
    double[][] weights = new double[4 * n][1 + inputs + n];
    for (double[] row : weights) {
      for (int i = 0; i < row.length; i++) {
        row[i] = random.nextGaussian() * 0.5;
      }
    }
    double[][] sequence = {{0.3, -0.2, 0.8}, {-0.5, 0.1, 0.4}, {0.9, 0.6, -0.3}};
    MixedGradients.assertMatches(compiled, "views.Nets", "lstm", 1e-7, new int[] {0, 1, 2},
        weights, sequence, new double[] {0.1, -0.2});
  }

  @Test
  void kMeansOverPointsAndCentresWithForEach() {
    MixedGradients.assertMatches(compiled, "views.Nets", "kMeans", 1e-8, new int[] {0, 1},
        new double[][] {{0.0, 0.1}, {1.0, 0.9}},
        new double[][] {{0.2, 0.3}, {0.9, 1.2}, {-0.1, 0.2}, {1.4, 0.7}});
  }

  @Test
  void namesOfNamesAndWholeMatrices() {
    MixedGradients.assertMatches(compiled, "views.Nets", "namesOfNames", 1e-8, new int[] {0, 1},
        new double[][] {{0.2, 0.3}, {-0.5, 1.2}, {0.8, 0.1}}, new double[] {0.4, -0.9});
  }

  @Test
  void aNameChosenByABranch() {
    for (double t : new double[] {0.6, -0.6}) {
      MixedGradients.assertMatches(compiled, "views.Nets", "branchOnName", 1e-8,
          new int[] {0, 1, 2}, new double[] {0.9, -0.6}, new double[] {0.3, 0.2}, t);
    }
  }

  @Test
  void namesLeibnizCannotFollowAreErrorsThatSayWhy() {
    String source = """
        package views;

        import dev.leibniz.Differentiable;

        class Bad {
          @Differentiable
          static double ownsThenNames(double[] a, double[] b) {
            double[] h = new double[2];
            a = b;
            return h[0] + a[0];
          }
          @Differentiable
          static double namesThenOwns(double[] a) {
            double[] h = a;
            h = new double[2];
            return h[0];
          }
          @Differentiable
          static double ownerReassigned(double[] a) {
            double[] h = new double[2];
            double[] v = h;
            h = new double[3];
            return v[0] + h[0] + a[0];
          }
          @Differentiable
          static double loopConditionThroughName(double[] a, double[] b) {
            double[] p = a;
            double s = 0;
            for (int i = 0; i < 2; i++) {
              while (p[0] > s) {
                s += 1;
              }
              p = b;
            }
            return s * a[0];
          }
          @Differentiable
          static double outlivesItsArray(double[] s0) {
            double[] s = s0;
            for (int k = 0; k < 3; k++) {
              double[] q = new double[s.length];
              for (int i = 0; i < q.length; i++) {
                q[i] = s[i] * 0.5 + Math.sin(s[i]);
              }
              s = q;
            }
            return s[0] * s[1];
          }
        }
        """;
    JavaFileObject file = Compiled.file(source);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("'a' holds an array of its own").inFile(file)
        .onLine(9);
    assertThat(compilation).hadErrorContaining("'h' names another array").inFile(file)
        .onLine(15);
    assertThat(compilation).hadErrorContaining("'h' is reassigned while another variable names")
        .inFile(file).onLine(22);
    assertThat(compilation).hadErrorContaining("the loop's condition reads an array through a"
        + " name").inFile(file).onLine(30);
    assertThat(compilation).hadErrorContaining("'s' outlives 'q'").inFile(file).onLine(45);
  }
}
