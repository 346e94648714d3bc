package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.Workspace;
import dev.leibniz.check.FiniteDifferences;
import org.junit.jupiter.api.Test;

class PricingTest {
  private static final double[] SCENARIOS = {-1.2, -0.4, 0.1, 0.7, 1.5};

  @Test
  void gradientMatchesFiniteDifferences() {
    PricingGradients.SmoothCall g = PricingGradients.smoothCall(1.1, 0.3, SCENARIOS, 1.0);
    double[] numeric = FiniteDifferences.gradient(
        p -> Pricing.smoothCall(p[0], p[1], SCENARIOS, 1.0), new double[] {1.1, 0.3});
    assertEquals(Pricing.smoothCall(1.1, 0.3, SCENARIOS, 1.0), g.value(), 0.0);
    assertTrue(FiniteDifferences.relativeError(g.dSpot(), numeric[0]) < 1e-8);
    assertTrue(FiniteDifferences.relativeError(g.dVol(), numeric[1]) < 1e-8);
  }

  @Test
  void privateHelpersAndConstantsAreDifferentiated() {
    double[] x = {1.3, 0.2, 0.4};
    PricingGradients.LogDensity g = PricingGradients.logDensity(x[0], x[1], x[2]);
    double[] numeric = FiniteDifferences.gradient(
        p -> Pricing.logDensity(p[0], p[1], p[2]), x.clone());
    assertEquals(Pricing.logDensity(x[0], x[1], x[2]), g.value(), 1e-15);
    assertTrue(FiniteDifferences.relativeError(g.dSpot(), numeric[0]) < 1e-8);
    assertTrue(FiniteDifferences.relativeError(g.dMean(), numeric[1]) < 1e-8);
    assertTrue(FiniteDifferences.relativeError(g.dSigma(), numeric[2]) < 1e-8);
  }

  @Test
  void pullbackAddsIntoTheAdjoints() {
    PricingGradients.SmoothCall g = PricingGradients.smoothCall(1.1, 0.3, SCENARIOS, 1.0);
    double[] dScalars = {1.0, 2.0};
    var workspace = new Workspace();
    PricingGradients.smoothCallPullback(1.1, 0.3, SCENARIOS, 1.0, 0.5, dScalars, workspace);
    assertEquals(1.0 + 0.5 * g.dSpot(), dScalars[0], 1e-15);
    assertEquals(2.0 + 0.5 * g.dVol(), dScalars[1], 1e-15);
    assertTrue(workspace.isEmpty());
  }
}
