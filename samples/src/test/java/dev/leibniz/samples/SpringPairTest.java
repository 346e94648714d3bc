package dev.leibniz.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import dev.leibniz.samples.SpringPair.Particle;
import dev.leibniz.samples.SpringPair.Vec;
import org.junit.jupiter.api.Test;

/** The spring pair's gradient, a record per particle, against finite differences. */
class SpringPairTest {
  private static Particle particle(double[] v, int at) {
    return new Particle(new Vec(v[at], v[at + 1]), new Vec(v[at + 2], v[at + 3]), v[at + 4]);
  }

  private static double energy(double[] v) {
    return SpringPair.energyAfter(particle(v, 0), particle(v, 5), v[10], v[11], 0.01, 200);
  }

  @Test
  void theEnergyAfterManyStepsIsDifferentiatedThroughTheRecords() {
    double[] point = {0, 0, 0, 0.5, 1.0, 1.5, 0.1, 0, -0.5, 2.0, 3.0, 1.0};
    var g = SpringPairGradients.energyAfter(particle(point, 0), particle(point, 5), point[10],
        point[11], 0.01, 200);
    double[] numeric = FiniteDifferences.gradient(SpringPairTest::energy, point.clone());
    double[] generated = {g.dA().pos().x(), g.dA().pos().y(), g.dA().vel().x(),
        g.dA().vel().y(), g.dA().mass(), g.dB().pos().x(), g.dB().pos().y(), g.dB().vel().x(),
        g.dB().vel().y(), g.dB().mass(), g.dStiffness(), g.dRest()};
    for (int i = 0; i < point.length; i++) {
      assertEquals(numeric[i], generated[i], 1e-6 * Math.max(1, Math.abs(numeric[i])),
          "component " + i);
    }
    assertEquals(energy(point), g.value(), 1e-12);
  }

  @Test
  void symplecticEulerNearlyKeepsTheEnergy() {
    var a = new Particle(new Vec(0, 0), new Vec(0, 0.5), 1.0);
    var b = new Particle(new Vec(1.5, 0), new Vec(0, -0.5), 2.0);
    double initial = SpringPair.kinetic(a) + SpringPair.kinetic(b)
        + SpringPair.spring(a, b, 3.0, 1.0);
    assertEquals(initial, SpringPair.energyAfter(a, b, 3.0, 1.0, 0.01, 500), 0.01 * initial);
  }
}
