package dev.leibniz.processor;

import org.junit.jupiter.api.Test;

/**
 * A loop with no adjoint of its own (what it computes is never used) still overwrites a value
 * a statement before it reads in the backward sweep: the plan keeps that value around it. The
 * cost model replays such loops; their gradients were once computed from the value the loop
 * left. Checked against finite differences.
 */
class DeadLoopsTest {
  @Test
  void aLoopWithoutAnAdjointPutsBackWhatItOverwrote() {
    Compiled dead = Compiled.compile("""
        package dl;

        import dev.leibniz.Differentiable;

        public class Dead {
          @Differentiable static double nested(double a, double x) {
            double y = Math.sin(a / (1.5 + x * x));
            for (int i = 0; i < 1; i++) {
              for (int j = 0; j < 2; j++) {
                x = x + a;
              }
            }
            return y * y;
          }

          @Differentiable static double counted(double a, double x) {
            double y = Math.exp(a * x) / (1 + x * x);
            int k = 0;
            while (k < 3) {
              for (int j = 0; j < 2; j++) {
                x = x * 0.5 + a;
              }
              k++;
            }
            return y + a;
          }
        }
        """);
    for (double[] point : new double[][] {{0.7, 0.4}, {-0.3, 1.2}}) {
      Gradients.assertMatchesFiniteDifferences(dead, "dl.Dead", "nested", 1e-8, point);
      Gradients.assertMatchesFiniteDifferences(dead, "dl.Dead", "counted", 1e-8, point);
    }
  }
}
