package dev.leibniz.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import dev.leibniz.samples.model.LayersGradients;
import dev.leibniz.samples.model.LossesGradients;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

/** Black-Scholes Greeks through a rule for a library's erf; a model split across classes. */
class CompositionSamplesTest {
  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

  @Test
  void greeksFromOneGradientMatchTheAnalyticGreeks() {
    double[][] cases = {{100, 95, 0.5, 0.03, 0.2}, {42, 40, 0.25, 0.1, 0.35}, {80, 120, 2, 0.01, 0.6}};
    for (double[] c : cases) {
      double s = c[0];
      double k = c[1];
      double t = c[2];
      double r = c[3];
      double sigma = c[4];
      BlackScholesGradients.Call g = BlackScholesGradients.call(s, k, t, r, sigma);
      double d1 = (Math.log(s / k) + (r + sigma * sigma / 2) * t) / (sigma * Math.sqrt(t));
      double d2 = d1 - sigma * Math.sqrt(t);
      double price = s * NORMAL.cumulativeProbability(d1)
          - k * Math.exp(-r * t) * NORMAL.cumulativeProbability(d2);
      double delta = NORMAL.cumulativeProbability(d1);
      double vega = s * NORMAL.density(d1) * Math.sqrt(t);
      double rho = k * t * Math.exp(-r * t) * NORMAL.cumulativeProbability(d2);
      double theta = -s * NORMAL.density(d1) * sigma / (2 * Math.sqrt(t))
          - r * k * Math.exp(-r * t) * NORMAL.cumulativeProbability(d2);
      assertEquals(price, g.value(), 1e-9 * s);
      assertEquals(delta, g.dSpot(), 1e-9);
      assertEquals(vega, g.dSigma(), 1e-9 * s);
      assertEquals(rho, g.dRate(), 1e-9 * s);
      assertEquals(theta, -g.dYears(), 1e-9 * s, "theta = −∂C/∂(time to expiry)");
      assertEquals(FiniteDifferences.derivative(x -> BlackScholes.call(x, k, t, r, sigma), s),
          g.dSpot(), 1e-7);
    }
  }

  @Test
  void layersAndLossesAreDifferentiableOnTheirOwn() {
    double[] w = {0.2, -0.7, 0.4};
    double[] x = {1.5, 0.5, -2};
    LayersGradients.Affine a = LayersGradients.affine(w, 0.1, x);
    assertEquals(0.3 - 0.35 - 0.8 + 0.1, a.value(), 1e-15);
    assertArrayEquals(x, a.dW());
    assertArrayEquals(w, a.dX());
    assertEquals(1.0, a.dB());
    for (double z : new double[] {-30, -1, 0.5, 40}) {
      double p = 1 / (1 + Math.exp(-z));
      assertEquals(p - 1, LossesGradients.logisticLoss(z, 1).dZ(), 1e-12, "σ(z) − y");
      assertEquals(p, LossesGradients.logisticLoss(z, 0).dZ(), 1e-12);
    }
  }

  @Test
  void theNetworkGradientFlowsThroughLayersActivationsAndLoss() {
    TwoMoons data = TwoMoons.generate(40, 0.1, 3);
    var network = new Network(5, 4);
    NetworkGradients.Loss g = network.lossAndGradient(data.points, data.labels, 0, 40);
    for (int i = 0; i < network.b2.length; i++) {
      int unit = i;
      double original = network.b2[i];
      double numeric = FiniteDifferences.derivative(v -> {
        network.b2[unit] = v;
        return network.loss(data.points, data.labels);
      }, original);
      network.b2[i] = original;
      assertEquals(numeric, g.dB2()[i], 1e-9);
    }
  }
}
