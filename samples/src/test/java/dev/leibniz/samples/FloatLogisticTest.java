package dev.leibniz.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import org.junit.jupiter.api.Test;

/** The float logistic regression against its double twin and finite differences. */
class FloatLogisticTest {
  private static final TwoMoons TRAIN = TwoMoons.generate(200, 0.12, 42);
  private static final double[][] XS = FloatLogistic.features(TRAIN.points);

  @Test
  void theFloatGradientIsTheDoubleGradientToFloatPrecision() {
    double[] w = {0.4, -0.7, 0.2, 0.9, -0.3};
    double b = 0.1;
    var g = FloatLogisticGradients.loss(FloatLogistic.toFloat(w), (float) b,
        FloatLogistic.toFloat(XS), FloatLogistic.toFloat(TRAIN.labels));
    double[] numeric = FiniteDifferences.gradient(v -> FloatLogistic.lossDouble(v, b, XS,
        TRAIN.labels), w.clone());
    for (int i = 0; i < w.length; i++) {
      assertEquals(numeric[i], g.dW()[i], 1e-4 * Math.max(1, Math.abs(numeric[i])), "dW" + i);
    }
    var exact = FloatLogisticGradients.lossDouble(w, b, XS, TRAIN.labels);
    assertEquals(exact.dB(), g.dB(), 1e-4 * Math.max(1, Math.abs(exact.dB())));
  }

  @Test
  void trainedInFloatItClassifiesAsWellAsInDouble() {
    TwoMoons test = TwoMoons.generate(400, 0.12, 7);
    double[][] testXs = FloatLogistic.features(test.points);
    float[] wbFloat = FloatLogistic.trainFloat(FloatLogistic.toFloat(XS),
        FloatLogistic.toFloat(TRAIN.labels), 500, 0.5f);
    double[] wbDouble = FloatLogistic.trainDouble(XS, TRAIN.labels, 500, 0.5);
    double[] widened = new double[wbFloat.length];
    for (int i = 0; i < widened.length; i++) {
      widened[i] = wbFloat[i];
      assertEquals(wbDouble[i], widened[i], 1e-3 * Math.max(1, Math.abs(wbDouble[i])),
          "parameter " + i);
    }
    double inFloat = FloatLogistic.accuracy(widened, testXs, test.labels);
    double inDouble = FloatLogistic.accuracy(wbDouble, testXs, test.labels);
    assertTrue(inDouble > 0.8, "accuracy " + inDouble);
    assertEquals(inDouble, inFloat, 0.01);
  }
}
