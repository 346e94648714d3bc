package dev.leibniz.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rosenbrock, softmax cross-entropy, Newton's square root and the demo's network. */
class LoopSamplesTest {

  @Test
  void rosenbrockGradientMatchesTheFormulaAndFiniteDifferences() {
    var random = new Random(11);
    for (int trial = 0; trial < 5; trial++) {
      double[] x = random.doubles(6, -2, 2).toArray();
      double[] g = RosenbrockGradients.value(x).dX();
      double[] expected = new double[x.length];
      for (int i = 0; i + 1 < x.length; i++) {
        expected[i] += -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i]);
        expected[i + 1] += 200 * (x[i + 1] - x[i] * x[i]);
      }
      assertArrayEquals(expected, g, 1e-9);
      assertArrayEquals(FiniteDifferences.gradient(Rosenbrock::value, x.clone()), g, 1e-6);
    }
  }

  @Test
  void rosenbrockIsMinimisedWithTheGeneratedGradient() {
    double[] start = {-1.2, 1, -1.2, 1};
    double[] minimum = Rosenbrock.minimise(start, 1e-6, 200_000);
    for (double xi : minimum) {
      assertEquals(1.0, xi, 1e-4, Arrays.toString(minimum));
    }
    assertTrue(Rosenbrock.value(minimum) < 1e-10);
  }

  @Test
  void softmaxCrossEntropyGradientIsSoftmaxMinusOneHot() {
    double[][] cases = {{1.0, 2.0, 0.5}, {-3, 0, 3, 0.1}, {1000, 999, 1001}};
    for (double[] logits : cases) {
      int label = 1;
      SoftmaxCrossEntropyGradients.Loss r = SoftmaxCrossEntropyGradients.loss(logits, label);
      double max = Arrays.stream(logits).max().orElseThrow();
      double sum = Arrays.stream(logits).map(z -> Math.exp(z - max)).sum();
      for (int i = 0; i < logits.length; i++) {
        double softmax = Math.exp(logits[i] - max) / sum;
        assertEquals(softmax - (i == label ? 1 : 0), r.dLogits()[i], 1e-12);
      }
      assertTrue(Double.isFinite(r.value()), "stable for large logits");
      double[] numeric = FiniteDifferences.gradient(
          z -> SoftmaxCrossEntropy.loss(z, label), logits.clone(), 1e-6);
      assertArrayEquals(numeric, r.dLogits(), 1e-7);
    }
  }

  @Test
  void newtonIterationDifferentiatesToOneOverTwoRootA() {
    for (double a : new double[] {0.01, 0.5, 2, 10, 12345.678}) {
      NewtonSqrtGradients.Sqrt r = NewtonSqrtGradients.sqrt(a);
      assertEquals(Math.sqrt(a), r.value(), 1e-15 * Math.sqrt(a) * 4);
      assertEquals(1 / (2 * Math.sqrt(a)), r.dA(), 1e-12 / Math.sqrt(a));
      double step = 1e-3 * Math.min(1, a);
      assertEquals(FiniteDifferences.derivative(NewtonSqrt::sqrt, a, step), r.dA(),
          1e-8 / Math.sqrt(a));
    }
  }

  @Test
  void networkGradientMatchesFiniteDifferencesAndTrainingLearnsTheMoons() {
    TwoMoons data = TwoMoons.generate(120, 0.12, 5);
    var trainer = new Trainer(new Network(6, 9), data);
    assertTrue(trainer.gradientCheck() < 1e-4, "gradient check");
    double before = trainer.accuracy();
    trainer.train(60, 16, 0.2, 1);
    assertTrue(trainer.accuracy() > 0.95, "accuracy " + trainer.accuracy() + " from " + before);
    assertTrue(trainer.lossPerEpoch.get(59) < trainer.lossPerEpoch.get(0) / 4);
  }
}
