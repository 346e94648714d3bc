package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Results holding arrays print, compare and hash by content: a gradient printed shows its
 * numbers, and two equal gradients are equal.
 */
class ResultRecordsTest {
  private static final String SOURCE = """
      package r;
      import dev.leibniz.Differentiable;
      public class Shapes {
        @Differentiable(order = 2) static double f(double[] a, double[][] m, double s) {
          return a[0] * a[1] * s + m[0][0] * m[1][0];
        }
        @Differentiable static double[] v(double[] a) {
          return new double[] {a[0] * a[1], a[1]};
        }
      }
      """;

  @Test
  void gradientsWithArraysPrintCompareAndHashByContent() {
    Compiled compiled = Compiled.compile(SOURCE);
    double[] a = {2.0, 3.0};
    double[][] m = {{5.0}, {7.0}};
    Object first = compiled.call("r.ShapesGradients", "f", a, m, 0.5);
    Object second = compiled.call("r.ShapesGradients", "f", a.clone(),
        new double[][] {{5.0}, {7.0}}, 0.5);
    // f = a0 a1 s + m00 m10: ∂/∂a = (a1 s, a0 s), ∂/∂m = ((m10), (m00)), ∂/∂s = a0 a1.
    assertEquals("F[value=38.0, dA=[1.5, 1.0], dM=[[7.0], [5.0]], dS=6.0]", first.toString());
    assertEquals(first, second);
    assertEquals(first.hashCode(), second.hashCode());
    Object elsewhere = compiled.call("r.ShapesGradients", "f", a, m, 0.25);
    assertNotEquals(first, elsewhere);

    Object hessian = compiled.call("r.ShapesGradients", "fHessian", a, m, 0.5);
    assertEquals(hessian, compiled.call("r.ShapesGradients", "fHessian", a.clone(), m, 0.5));
    String printed = hessian.toString();
    assertEquals(true, printed.contains("hessian=[[0.0, 0.5, 0.0, 0.0, 3.0], "), printed);

    Object jacobian = compiled.call("r.ShapesGradients", "v", (Object) a);
    assertEquals("V[value=[6.0, 3.0], dA=[[3.0, 2.0], [0.0, 1.0]]]", jacobian.toString());
    Object pushed = compiled.call("r.ShapesGradients", "vPushforward", a, new double[] {1, 0});
    assertEquals("VTangent[value=[6.0, 3.0], tangent=[3.0, 0.0]]", pushed.toString());
    assertEquals(Arrays.hashCode(new double[] {6.0, 3.0}) * 31
        + Arrays.hashCode(new double[] {3.0, 0.0}) + 31 * 31, pushed.hashCode());
  }
}
