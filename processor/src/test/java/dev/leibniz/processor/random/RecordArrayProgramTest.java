package dev.leibniz.processor.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import dev.leibniz.processor.Compiled;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomly generated methods over an array of records (elements replaced, a new array given to
 * the local in a loop, a method writing into an array of records, one taking it, for-each),
 * against the dual-number oracle, gradients and pushforwards; all are of order 2, and every
 * fifth program's Hessian is checked against differences of its gradient.
 * {@code -Dleibniz.random.batches=N} runs more.
 */
class RecordArrayProgramTest {
  private static final double TOLERANCE = OracleBatches.tolerance();

  /** Where each input is among the Hessian's numbers: every x of the array, then every v. */
  private static final int[] IN_HESSIAN = {0, 2, 1, 3, 4};

  @Test
  void generatedGradientsOfArraysOfRecordsMatchTheOracle() {
    new OracleBatches<>("array-of-record programs", RecordArrayProgram::generate,
        RecordArrayProgram::java, RecordArrayProgram.HELPERS).run(8_000,
        new OracleBatches.Check<>(RecordArrayProgramTest::check,
            RecordArrayProgramTest::checkHessian));
  }

  private static double check(Compiled compiled, String className, RecordArrayProgram program,
      Random random) {
    double[] point = random.doubles(RecordArrayProgram.INPUTS, -1, 1).toArray();
    Dual expected = program.oracle(point);
    Map<String, Object> g = Compiled.components(compiled.call(className + "Gradients",
        program.name, bodies(compiled, className, point), x(point)));
    String context = program.name + " at " + Arrays.toString(point) + ":\n" + program.java();
    assertEquals(expected.value(), (double) g.get("value"),
        1e-12 * Math.max(1, Math.abs(expected.value())), "value of " + context);
    double[] actual = flat(g.get("dBs"), (double) g.get("dX"));
    double worst = 0;
    for (int i = 0; i < actual.length; i++) {
      double error = FiniteDifferences.relativeError(actual[i], expected.tangent()[i]);
      assertTrue(error <= TOLERANCE, "input " + i + " of " + context + " generated " + actual[i]
          + ", oracle " + expected.tangent()[i]);
      worst = Math.max(worst, error);
    }
    // Forward mode, along a random direction given as an array of records of tangents.
    double[] v = random.doubles(RecordArrayProgram.INPUTS, -1, 1).toArray();
    double tangent = (double) Compiled.components(compiled.call(className + "Gradients",
        program.name + "Pushforward", bodies(compiled, className, point), x(point),
        bodies(compiled, className, v), x(v))).get("tangent");
    double along = 0;
    for (int i = 0; i < v.length; i++) {
      along += expected.tangent()[i] * v[i];
    }
    double error = FiniteDifferences.relativeError(tangent, along);
    assertTrue(error <= TOLERANCE, "pushforward of " + context + " generated " + tangent
        + ", oracle " + along);
    return Math.max(worst, error);
  }

  /** The Hessian, put in the inputs' order, against differences of the generated gradient. */
  private static void checkHessian(Compiled compiled, String className,
      RecordArrayProgram program, Random random) {
    double[] point = random.doubles(RecordArrayProgram.INPUTS, -1, 1).toArray();
    double[][] generated = (double[][]) Compiled.components(compiled.call(className
        + "Gradients", program.name + "Hessian", bodies(compiled, className, point), x(point)))
        .get("hessian");
    double[][] hessian = new double[point.length][point.length];
    for (int i = 0; i < point.length; i++) {
      for (int j = 0; j < point.length; j++) {
        hessian[i][j] = generated[IN_HESSIAN[i]][IN_HESSIAN[j]];
      }
    }
    String context = program.name + " at " + Arrays.toString(point) + ":\n" + program.java();
    Hessians.assertDifferencesOfGradient(hessian, p -> {
      Map<String, Object> g = Compiled.components(compiled.call(className + "Gradients",
          program.name, bodies(compiled, className, p), x(p)));
      return flat(g.get("dBs"), (double) g.get("dX"));
    }, point, context);
  }

  /** The array of records the inputs give: {@code {B(v0, v1), B(v2, v3)}}. */
  private static Object bodies(Compiled compiled, String className, double[] v) {
    try {
      Class<?> type = compiled.load(className + "$B");
      Object bodies = Array.newInstance(type, 2);
      for (int k = 0; k < 2; k++) {
        Array.set(bodies, k, type.getDeclaredConstructors()[0].newInstance(v[2 * k],
            v[2 * k + 1]));
      }
      return bodies;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double x(double[] v) {
    return v[RecordArrayProgram.INPUTS - 1];
  }

  /** A gradient's records and {@code dX}, in the inputs' order. */
  private static double[] flat(Object records, double dX) {
    Object[] bodies = (Object[]) records;
    double[] flat = new double[RecordArrayProgram.INPUTS];
    for (int k = 0; k < 2; k++) {
      Map<String, Object> b = Compiled.components(bodies[k]);
      flat[2 * k] = (double) b.get("x");
      flat[2 * k + 1] = (double) b.get("v");
    }
    flat[4] = dX;
    return flat;
  }
}
