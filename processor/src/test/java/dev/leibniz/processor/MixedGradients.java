package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.fail;

import dev.leibniz.check.FiniteDifferences;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test support for methods whose differentiable parameters mix {@code double}, {@code double[]}
 * and {@code double[][]}: every number of those arguments is one coordinate, perturbed in turn
 * for central differences of the user's own method, and compared with the matching entry of the
 * generated gradient.
 */
final class MixedGradients {
  private MixedGradients() {}

  /**
   * Asserts the generated value and gradient of {@code owner.method} at {@code args} against
   * the method itself; {@code differentiable} lists the positions of the differentiable
   * arguments, in order.
   */
  static void assertMatches(Compiled compiled, String owner, String method, double tolerance,
      int[] differentiable, Object... args) {
    Object record = compiled.call(Gradients.companion(owner), method, copies(args));
    double value = (double) compiled.call(owner, method, copies(args));
    double[] flat = flatten(args, differentiable);
    double[] numeric = FiniteDifferences.gradient(
        p -> (double) compiled.call(owner, method, unflatten(p, args, differentiable)), flat);
    double[] exact = generated(record, differentiable.length);
    if (Double.compare(value, component(record, 0)) != 0 && Math.abs(value - component(record, 0))
        > 1e-12 * Math.max(1, Math.abs(value))) {
      fail(owner + "." + method + ": value " + component(record, 0) + ", method " + value);
    }
    for (int i = 0; i < flat.length; i++) {
      double error = FiniteDifferences.relativeError(exact[i], numeric[i]);
      if (!(error <= tolerance)) {
        fail(String.format("%s.%s: coordinate %d generated %s, finite differences %s",
            owner, method, i, exact[i], numeric[i]));
      }
    }
  }

  private static double[] flatten(Object[] args, int[] positions) {
    var values = new ArrayList<Double>();
    for (int position : positions) {
      add(args[position], values);
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void add(Object value, List<Double> values) {
    if (value instanceof Double d) {
      values.add(d);
    } else if (value instanceof double[] v) {
      Arrays.stream(v).forEach(values::add);
    } else {
      for (double[] row : (double[][]) value) {
        Arrays.stream(row).forEach(values::add);
      }
    }
  }

  private static Object[] unflatten(double[] flat, Object[] args, int[] positions) {
    Object[] result = copies(args);
    int k = 0;
    for (int position : positions) {
      if (result[position] instanceof Double) {
        result[position] = flat[k++];
      } else if (result[position] instanceof double[] v) {
        for (int i = 0; i < v.length; i++) {
          v[i] = flat[k++];
        }
      } else {
        for (double[] row : (double[][]) result[position]) {
          for (int i = 0; i < row.length; i++) {
            row[i] = flat[k++];
          }
        }
      }
    }
    return result;
  }

  /** Deep copies, so that neither the method nor its gradient sees another call's changes. */
  static Object[] copies(Object[] args) {
    Object[] copy = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof double[] v) {
        copy[i] = v.clone();
      } else if (args[i] instanceof double[][] m) {
        copy[i] = Arrays.stream(m).map(double[]::clone).toArray(double[][]::new);
      } else {
        copy[i] = args[i];
      }
    }
    return copy;
  }

  private static double[] generated(Object record, int count) {
    var values = new ArrayList<Double>();
    for (int c = 1; c <= count; c++) {
      add(accessor(record, c), values);
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double component(Object record, int index) {
    return (double) accessor(record, index);
  }

  private static Object accessor(Object record, int index) {
    RecordComponent component = record.getClass().getRecordComponents()[index];
    try {
      var accessor = component.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
