package dev.leibniz.processor.random;

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
    double worst = OracleBatches.gradientError(expected, (double) g.get("value"),
        flat(g.get("dBs"), (double) g.get("dX")), context);
    // Forward mode, along a random direction as the method takes it.
    double[] v = random.doubles(RecordArrayProgram.INPUTS, -1, 1).toArray();
    double tangent = (double) Compiled.components(compiled.call(className + "Gradients",
        program.name + "Pushforward", bodies(compiled, className, point), x(point),
        bodies(compiled, className, v), x(v))).get("tangent");
    return Math.max(worst, OracleBatches.tangentError(expected, tangent, v, context));
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
