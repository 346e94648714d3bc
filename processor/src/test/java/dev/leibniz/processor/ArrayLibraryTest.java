package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code clone()}, {@code Arrays.copyOf}, {@code copyOfRange}, {@code fill} (whole and ranged)
 * and {@code System.arraycopy}, overlapping in both directions, against finite differences and
 * against what Java itself computes; and the copies Leibniz rejects.
 */
class ArrayLibraryTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("""
        package lib;

        import dev.leibniz.Differentiable;
        import java.util.Arrays;

        public class Lib {
          @Differentiable
          static double copies(double[] a, double[][] m, double x) {
            double[] c = a.clone();
            c[0] = c[0] * x;
            double[] longer = Arrays.copyOf(a, a.length + 2);
            longer[a.length + 1] = x * x;
            double[] shorter = java.util.Arrays.copyOf(m[0], 1);
            double[] middle = Arrays.copyOfRange(m[1], 1, 3);
            double s = 0;
            for (int i = 0; i < longer.length; i++) {
              s += Math.sin(longer[i]) * (i + 1);
            }
            return s + c[0] * c[1] + middle[0] * middle[1] + a[0] + shorter[0] * x;
          }

          @Differentiable
          static double grows(double[] a, double x) {
            double[] b = a.clone();
            b = Arrays.copyOf(b, 5);
            b[4] = x * b[1];
            b = b.clone();
            b = Arrays.copyOfRange(b, 1, 5);
            return b[0] * b[3] + b[2];
          }

          @Differentiable
          static double fills(double[] a, double x) {
            double[] r = new double[5];
            Arrays.fill(r, x * 0.5);
            Arrays.fill(r, 1, 3, a[0] * x);
            Arrays.fill(a, 3, 4, x);
            double s = 0;
            for (int i = 0; i < r.length; i++) {
              s += r[i] * (i + 1) * a[i % a.length];
            }
            return s;
          }

          @Differentiable
          static double copiesBetweenArrays(double[] a, double[][] m, double x) {
            double[] r = new double[6];
            System.arraycopy(a, 0, r, 1, 3);
            System.arraycopy(r, 0, r, 2, 4);
            System.arraycopy(r, 2, r, 0, 3);
            double[] row = m[1];
            System.arraycopy(row, 0, m[1], 1, 2);
            System.arraycopy(m[1], 0, r, 3, 3);
            double s = 0;
            for (int i = 0; i < r.length; i++) {
              s += r[i] * r[i] * (i + x);
            }
            return s + m[1][2] * m[0][1];
          }

          @Differentiable
          static double shifted(double[] a) {
            double[] r = new double[6];
            System.arraycopy(a, 0, r, 1, 3);
            System.arraycopy(r, 0, r, 2, 4);
            System.arraycopy(r, 2, r, 0, 3);
            double code = 0;
            for (int i = 0; i < r.length; i++) {
              code = 10 * code + r[i];
            }
            return code;
          }
        }
        """);
  }

  @Test
  void copiesGiveTheGradient() {
    MixedGradients.assertMatches(compiled, "lib.Lib", "copies", 1e-8, new int[] {0, 1, 2},
        new double[] {0.4, -0.3, 0.8}, new double[][] {{0.1, 0.2, 0.3}, {0.5, -0.6, 0.7}}, 1.3);
  }

  @Test
  void copiesIntoTheArrayTheyReadGiveTheGradient() {
    MixedGradients.assertMatches(compiled, "lib.Lib", "grows", 1e-8, new int[] {0, 1},
        new double[] {0.4, -0.3, 0.8}, 1.3);
  }

  @Test
  void fillsGiveTheGradient() {
    MixedGradients.assertMatches(compiled, "lib.Lib", "fills", 1e-8, new int[] {0, 1},
        new double[] {0.4, -0.3, 0.8, 1.1}, 0.7);
  }

  @Test
  void overlappingCopiesGiveTheGradient() {
    MixedGradients.assertMatches(compiled, "lib.Lib", "copiesBetweenArrays", 1e-8,
        new int[] {0, 1, 2}, new double[] {0.4, -0.3, 0.8},
        new double[][] {{0.1, 0.2, 0.3}, {0.5, -0.6, 0.7}}, 1.3);
  }

  @Test
  void overlappingCopiesMoveWhatJavaMoves() {
    // The loops Leibniz writes must copy as System.arraycopy does, also within one array.
    double[] java = new double[6];
    double[] a = {1, 2, 3};
    System.arraycopy(a, 0, java, 1, 3);
    System.arraycopy(java, 0, java, 2, 4);
    System.arraycopy(java, 2, java, 0, 3);
    double code = 0;
    for (double v : java) {
      code = 10 * code + v;
    }
    Object generated = compiled.call("lib.LibGradients", "shifted", (Object) a.clone());
    assertEquals(code, (double) Compiled.components(generated).get("value"), 0.0);
    double[] gradient = (double[]) Compiled.components(generated).get("dA");
    // d code / d a[k] is the power of ten of the place a[k] ends up in, read from Java's copy.
    for (int k = 0; k < a.length; k++) {
      double[] moved = a.clone();
      moved[k] += 1;
      double[] shifted = new double[6];
      System.arraycopy(moved, 0, shifted, 1, 3);
      System.arraycopy(shifted, 0, shifted, 2, 4);
      System.arraycopy(shifted, 2, shifted, 0, 3);
      double changed = 0;
      for (double v : shifted) {
        changed = 10 * changed + v;
      }
      assertEquals(changed - code, gradient[k], 1e-9);
    }
  }

  @Test
  void copiesLeibnizCannotFollowAreErrors() {
    String source = """
        package lib;

        import dev.leibniz.Differentiable;
        import java.util.Arrays;

        class Bad {
          @Differentiable
          static double matrixCopy(double[][] m) {
            double[][] c = m.clone();
            return c[0][0];
          }
          @Differentiable
          static double copyOfRow(double[][] m) {
            double[][] c = m;
            double[] r = Arrays.copyOf(c, 2)[0];
            return r[0];
          }
        }
        """;
    JavaFileObject file = Compiled.file(source);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadErrorContaining("[LZ").inFile(file).onLine(9);
    assertThat(compilation).hadErrorContaining("[LZ131]").inFile(file).onLine(15);
  }
}
