package dev.leibniz.processor.random;

import dev.leibniz.processor.Compiled;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomly generated methods over records (a nested record state with a vector, reassigned
 * from its own components, in loops, through a method returning a record and one taking a
 * record, chosen by ?:), against the dual-number oracle, gradients and pushforwards; all are of
 * order 2, and every fifth program's Hessian is checked against differences of its gradient.
 * {@code -Dleibniz.random.batches=N} runs more.
 */
class RecordProgramTest {
  @Test
  void generatedGradientsOfRecordsMatchTheOracle() {
    new OracleBatches<>("record programs", RecordProgram::generate, RecordProgram::java,
        RecordProgram.HELPERS).run(7_000, new OracleBatches.Check<>(RecordProgramTest::check,
            RecordProgramTest::checkHessian));
  }

  /**
   * The Hessian over the record's components and x, in declaration order, against differences
   * of the generated gradient, and a Hessian-vector product with a record direction.
   */
  private static void checkHessian(Compiled compiled, String className, RecordProgram program,
      Random random) {
    double[] point = random.doubles(RecordProgram.INPUTS, -1, 1).toArray();
    double[][] hessian = (double[][]) Compiled.components(compiled.call(className + "Gradients",
        program.name + "Hessian", state(compiled, className, point), x(point))).get("hessian");
    String context = program.name + " at " + Arrays.toString(point) + ":\n" + program.java();
    Hessians.assertDifferencesOfGradient(hessian, p -> gradient(compiled, className, program,
        p), point, context);
    double[] v = random.doubles(RecordProgram.INPUTS, -1, 1).toArray();
    Map<String, Object> hvp = Compiled.components(compiled.call(className + "Gradients",
        program.name + "Hvp", state(compiled, className, point), x(point),
        state(compiled, className, v), x(v)));
    Hessians.assertProduct(hessian, v, flat(hvp.get("hvS0"), (double) hvp.get("hvX")), context);
  }

  /** The state the inputs give: {@code P(Q(v0, v1), v2, {v3, v4})}. */
  private static Object state(Compiled compiled, String className, double[] v) {
    try {
      Object q = compiled.load(className + "$Q").getDeclaredConstructors()[0]
          .newInstance(v[0], v[1]);
      return compiled.load(className + "$P").getDeclaredConstructors()[0].newInstance(q, v[2],
          new double[] {v[3], v[4]});
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The input {@code x}, the last. */
  private static double x(double[] v) {
    return v[RecordProgram.INPUTS - 1];
  }

  /** A state's components in the order of the inputs, then {@code x}'s. */
  private static double[] flat(Object state, double x) {
    Map<String, Object> s = Compiled.components(state);
    Map<String, Object> q = Compiled.components(s.get("q"));
    double[] w = (double[]) s.get("w");
    return new double[] {(double) q.get("a"), (double) q.get("b"), (double) s.get("c"), w[0],
        w[1], x};
  }

  private static double[] gradient(Compiled compiled, String className, RecordProgram program,
      double[] p) {
    Map<String, Object> g = Compiled.components(compiled.call(className + "Gradients",
        program.name, state(compiled, className, p), x(p)));
    return flat(g.get("dS0"), (double) g.get("dX"));
  }

  private static double check(Compiled compiled, String className, RecordProgram program,
      Random random) {
    double[] point = random.doubles(RecordProgram.INPUTS, -1, 1).toArray();
    Object s = state(compiled, className, point);
    Dual expected = program.oracle(point);
    Map<String, Object> g = Compiled.components(compiled.call(className + "Gradients",
        program.name, s, x(point)));
    String context = program.name + " at " + Arrays.toString(point) + ":\n" + program.java();
    double worst = OracleBatches.gradientError(expected, (double) g.get("value"),
        flat(g.get("dS0"), (double) g.get("dX")), context);
    // Forward mode, along a random direction as the method takes it.
    double[] v = random.doubles(RecordProgram.INPUTS, -1, 1).toArray();
    double tangent = (double) Compiled.components(compiled.call(className + "Gradients",
        program.name + "Pushforward", s, x(point), state(compiled, className, v), x(v)))
        .get("tangent");
    return Math.max(worst, OracleBatches.tangentError(expected, tangent, v, context));
  }
}
