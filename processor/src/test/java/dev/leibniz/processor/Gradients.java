package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.leibniz.check.FiniteDifferences;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Test support: the value and gradient a generated method returns, and checks of them against
 * finite differences of the user's own method.
 */
final class Gradients {
  private Gradients() {}

  /** The components of a result record in declaration order: value first, then gradients. */
  static double[] valueAndGradient(Object record) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    double[] values = new double[components.length];
    for (int i = 0; i < components.length; i++) {
      try {
        var accessor = components[i].getAccessor();
        accessor.setAccessible(true); // the record of a private method is package-private
        values[i] = ((Number) accessor.invoke(record)).doubleValue();
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return values;
  }

  /** The generated gradient of {@code owner.method} at {@code x}, all parameters double. */
  static double[] generated(Compiled compiled, String owner, String method, double... x) {
    Object record = compiled.call(companion(owner), method, box(x));
    return Arrays.copyOfRange(valueAndGradient(record), 1, x.length + 1);
  }

  /** The generated value of {@code owner.method} at {@code x}. */
  static double generatedValue(Compiled compiled, String owner, String method, double... x) {
    return valueAndGradient(compiled.call(companion(owner), method, box(x)))[0];
  }

  /** The user's method itself at {@code x}. */
  static double primal(Compiled compiled, String owner, String method, double... x) {
    return (double) compiled.call(owner, method, box(x));
  }

  /**
   * Asserts that the generated value equals the method's own value and that the generated
   * gradient matches central differences with Richardson extrapolation to {@code tolerance}.
   */
  static void assertMatchesFiniteDifferences(
      Compiled compiled, String owner, String method, double tolerance, double... x) {
    double expectedValue = primal(compiled, owner, method, x);
    assertEquals(expectedValue, generatedValue(compiled, owner, method, x), 0.0, "value");
    double[] numeric =
        FiniteDifferences.gradient(point -> primal(compiled, owner, method, point), x.clone());
    double[] exact = generated(compiled, owner, method, x);
    for (int i = 0; i < x.length; i++) {
      double error = FiniteDifferences.relativeError(exact[i], numeric[i]);
      if (!(error <= tolerance)) {
        fail(String.format(
            "%s.%s at %s: d/dx%d generated %s, finite differences %s (relative error %.3g)",
            owner, method, Arrays.toString(x), i, exact[i], numeric[i], error));
      }
    }
  }

  /** The companion class of a class given by its binary name: {@code p.A$B → p.A_BGradients}. */
  static String companion(String owner) {
    return owner.replace('$', '_') + "Gradients";
  }

  static Object[] box(double... x) {
    return Arrays.stream(x).boxed().toArray();
  }
}
