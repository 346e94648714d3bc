package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user-facing generated method leaves its inputs untouched at every instant, so that
 * threads may share them: methods that write into their array parameters directly, through a
 * method of the same compilation, and through a method in a jar, each called through its
 * gradient, pullback, pushforward, Hessian, Hessian-vector product and Jacobian by several
 * threads at once on the same arrays while another thread watches the arrays.
 */
class InputsUntouchedTest {
  private static final String LIBRARY = """
      package lib;

      import dev.leibniz.Differentiable;

      public final class Scaling {
        private Scaling() {}

        @Differentiable(order = 2) public static void scale(double[] a, double s) {
          for (int i = 0; i < a.length; i++) {
            a[i] = a[i] * a[i] * s;
          }
        }
      }
      """;

  private static final String APPLICATION = """
      package app;

      import dev.leibniz.Differentiable;

      public final class Writes {
        private Writes() {}

        @Differentiable(order = 2) static void scale(double[] a, double s) {
          for (int i = 0; i < a.length; i++) {
            a[i] = a[i] * a[i] * s;
          }
        }

        @Differentiable(order = 2) public static double direct(double[] a, double s) {
          for (int i = 0; i < a.length; i++) {
            a[i] = a[i] * a[i] * s;
          }
          return a[0] * a[1] + a[2];
        }

        @Differentiable(order = 2) public static double local(double[] a, double s) {
          scale(a, s);
          return a[0] * a[1] + a[2];
        }

        @Differentiable(order = 2) public static double jar(double[] a, double s) {
          lib.Scaling.scale(a, s);
          return a[0] * a[1] + a[2];
        }

        @Differentiable(order = 2) public static double rows(double[][] m, double s) {
          scale(m[1], s);
          return m[0][0] * m[1][0] + m[1][1];
        }

        @Differentiable public static double[] directVector(double[] a, double s) {
          a[1] = a[1] * a[2] * s;
          return new double[] {a[0] * a[1], a[2] + a[1]};
        }

        @Differentiable public static double[] localVector(double[] a, double s) {
          scale(a, s);
          return new double[] {a[0] * a[1], a[2] + a[1]};
        }

        @Differentiable public static double[] jarVector(double[] a, double s) {
          lib.Scaling.scale(a, s);
          return new double[] {a[0] * a[1], a[2] + a[1]};
        }
      }
      """;

  private static final int THREADS = 4;
  private static final int ROUNDS = 400;

  @Test
  void threadsShareInputsOfEveryKindOfGeneratedMethod(@TempDir Path dir) throws Exception {
    try (var loader = Jars.libraryAndApplication(dir, LIBRARY, "Scaling", APPLICATION, "Writes")) {
      Class<?> primal = loader.loadClass("app.Writes");
      Class<?> gradients = loader.loadClass("app.WritesGradients");
      double[] a = {0.7, -1.2, 0.4};
      double[] aDot = {0.3, 0.5, -0.2};
      double[][] m = {{0.8, -0.3}, {1.1, 0.6}};
      double[][] mDot = {{0.1, 0.2}, {-0.4, 0.3}};
      var calls = new ArrayList<Call>();
      for (String method : List.of("direct", "local", "jar")) {
        checkGradient(primal, gradients, method, a);
        calls.addAll(scalarCalls(gradients, method, a, aDot, double[].class));
        calls.add(call(gradients, method + "Vector", a, 0.9));
        calls.add(call(gradients, method + "VectorPullback", a, 0.9, new double[] {1.0, -2.0},
            new double[1], new double[3]));
        calls.add(call(gradients, method + "VectorPushforward", a, 0.9, aDot, 0.5));
      }
      calls.addAll(scalarCalls(gradients, "rows", m, mDot, double[][].class));
      runShared(calls, List.of(a, aDot, m[0], m[1], mDot[0], mDot[1]));
    }
  }

  @Test
  void pullbacksAddToAdjointsGivenNonZero(@TempDir Path dir) throws Exception {
    try (var loader = Jars.libraryAndApplication(dir, LIBRARY, "Scaling", APPLICATION, "Writes")) {
      Class<?> primal = loader.loadClass("app.Writes");
      Class<?> gradients = loader.loadClass("app.WritesGradients");
      double[] a = {0.7, -1.2, 0.4};
      for (String method : List.of("direct", "local", "jar")) {
        double[] numeric = numericGradient(primal, method, a);
        double[] dScalars = {10.0};
        double[] dA = {1.0, 2.0, 3.0};
        Call pullback = call(gradients, method + "Pullback", a, 0.9, 2.0, dScalars, dA);
        pullback.method().invoke(null, pullback.args());
        for (int i = 0; i < 3; i++) {
          assertEquals(1.0 + i + 2.0 * numeric[i], dA[i], 1e-7, method + " dA[" + i + "]");
        }
        assertEquals(10.0 + 2.0 * numeric[3], dScalars[0], 1e-7, method + " dS");
      }
    }
  }

  @Test
  void everyKindOfMethodThatWritesItsInputsMatchesDifferences(@TempDir Path dir)
      throws Exception {
    try (var loader = Jars.libraryAndApplication(dir, LIBRARY, "Scaling", APPLICATION, "Writes")) {
      Class<?> primal = loader.loadClass("app.Writes");
      Class<?> gradients = loader.loadClass("app.WritesGradients");
      double[] a = {0.7, -1.2, 0.4};
      double[] direction = {0.3, 0.5, -0.2, 0.5};
      for (String method : List.of("direct", "local", "jar")) {
        double[] numeric = numericGradient(primal, method, a);
        Object pushed = call(gradients, method + "Pushforward", a, 0.9,
            Arrays.copyOf(direction, 3), direction[3]).invoke();
        assertEquals(dot(numeric, direction),
            (double) Compiled.components(pushed).get("tangent"), 1e-7, method + " tangent");
        double[][] hessian = (double[][]) Compiled.components(
            call(gradients, method + "Hessian", a, 0.9).invoke()).get("hessian");
        for (int i = 0; i < 4; i++) {
          int row = i;
          double[] rowNumeric = FiniteDifferences.gradient(p -> generatedGradient(gradients,
              method, p)[row], new double[] {a[0], a[1], a[2], 0.9});
          for (int j = 0; j < 4; j++) {
            assertEquals(rowNumeric[j], hessian[i][j], 1e-6 * Math.max(1, Math.abs(hessian[i][j])),
                method + " H[" + i + "][" + j + "]");
          }
        }
        var hvp = Compiled.components(call(gradients, method + "Hvp", a, 0.9,
            Arrays.copyOf(direction, 3), direction[3]).invoke());
        double[] hvA = (double[]) hvp.get("hvA");
        for (int i = 0; i < 4; i++) {
          double product = i < 3 ? hvA[i] : (double) hvp.get("hvS");
          assertEquals(dot(hessian[i], direction), product, 1e-9, method + " Hv[" + i + "]");
        }
        checkJacobian(primal, gradients, method + "Vector", a);
      }
    }
  }

  /** Each row of the Jacobian of a method returning two values against differences. */
  private static void checkJacobian(Class<?> primal, Class<?> gradients, String method,
      double[] a) throws Exception {
    Method f = primal.getMethod(method, double[].class, double.class);
    var jacobian = Compiled.components(call(gradients, method, a, 0.9).invoke());
    double[][] dA = (double[][]) jacobian.get("dA");
    double[] dS = (double[]) jacobian.get("dS");
    for (int k = 0; k < 2; k++) {
      int output = k;
      double[] numeric = FiniteDifferences.gradient(p -> {
        try {
          return ((double[]) f.invoke(null, Arrays.copyOf(p, 3), p[3]))[output];
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }, new double[] {a[0], a[1], a[2], 0.9});
      for (int i = 0; i < 3; i++) {
        assertEquals(numeric[i], dA[k][i], 1e-7, method + " J[" + k + "][" + i + "]");
      }
      assertEquals(numeric[3], dS[k], 1e-7, method + " J[" + k + "][s]");
    }
  }

  /** The generated gradient (∂/∂a₀, ∂/∂a₁, ∂/∂a₂, ∂/∂s) at (a, s) = p. */
  private static double[] generatedGradient(Class<?> gradients, String method, double[] p) {
    try {
      var result = Compiled.components(
          call(gradients, method, Arrays.copyOf(p, 3), p[3]).invoke());
      double[] dA = (double[]) result.get("dA");
      return new double[] {dA[0], dA[1], dA[2], (double) result.get("dS")};
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static double dot(double[] u, double[] v) {
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      sum += u[i] * v[i];
    }
    return sum;
  }

  /** The gradient, pullback, pushforward, Hessian and Hessian-vector product of one method. */
  private static List<Call> scalarCalls(Class<?> gradients, String method, Object x,
      Object xDot, Class<?> type) {
    Object dX = type == double[].class ? new double[3] : new double[][] {new double[2],
        new double[2]};
    return List.of(
        call(gradients, method, x, 0.9),
        call(gradients, method + "Pullback", x, 0.9, 1.0, new double[1], dX),
        call(gradients, method + "Pushforward", x, 0.9, xDot, 0.5),
        call(gradients, method + "Hessian", x, 0.9),
        call(gradients, method + "Hvp", x, 0.9, xDot, 0.5));
  }

  /** The generated gradient of {@code method} at {@code a}, s = 0.9, against differences. */
  private static void checkGradient(Class<?> primal, Class<?> gradients, String method,
      double[] a) throws Exception {
    Object result = call(gradients, method, a, 0.9).invoke();
    double[] numeric = numericGradient(primal, method, a);
    double[] dA = (double[]) Compiled.components(result).get("dA");
    for (int i = 0; i < 3; i++) {
      assertEquals(numeric[i], dA[i], 1e-7, method + " dA[" + i + "]");
    }
    assertEquals(numeric[3], (double) Compiled.components(result).get("dS"), 1e-7, method);
  }

  /** Differences of the user's method on copies: (∂/∂a₀, ∂/∂a₁, ∂/∂a₂, ∂/∂s). */
  private static double[] numericGradient(Class<?> primal, String method, double[] a)
      throws Exception {
    Method f = primal.getMethod(method, double[].class, double.class);
    double[] point = {a[0], a[1], a[2], 0.9};
    return FiniteDifferences.gradient(p -> {
      try {
        return (double) f.invoke(null, Arrays.copyOf(p, 3), p[3]);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }, point);
  }

  /**
   * Runs every call from several threads on the same arrays while a watcher compares the
   * arrays with their contents before: each result must equal the one computed alone, and the
   * arrays must never change.
   */
  private static void runShared(List<Call> calls, List<double[]> shared) throws Exception {
    var expected = new ArrayList<List<Double>>();
    for (Call c : calls) {
      expected.add(Flat.of(c.invoke()));
    }
    List<double[]> before = shared.stream().map(double[]::clone).toList();
    var done = new AtomicBoolean();
    var changes = new AtomicInteger();
    var wrong = new AtomicInteger();
    Thread watcher = new Thread(() -> {
      while (!done.get()) {
        for (int k = 0; k < shared.size(); k++) {
          if (!Arrays.equals(before.get(k), shared.get(k))) {
            changes.incrementAndGet();
          }
        }
      }
    });
    watcher.start();
    var workers = new ArrayList<Thread>();
    var failures = new ArrayList<Throwable>();
    for (int t = 0; t < THREADS; t++) {
      Thread worker = new Thread(() -> {
        for (int round = 0; round < ROUNDS; round++) {
          for (int k = 0; k < calls.size(); k++) {
            if (!expected.get(k).equals(Flat.of(calls.get(k).invokeUnchecked()))) {
              wrong.incrementAndGet();
            }
          }
        }
      });
      worker.setUncaughtExceptionHandler((th, e) -> {
        synchronized (failures) {
          failures.add(e);
        }
      });
      workers.add(worker);
      worker.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    done.set(true);
    watcher.join();
    assertTrue(failures.isEmpty(), () -> "a worker failed: " + failures);
    assertEquals(0, wrong.get(), "results differing from the one computed alone");
    assertEquals(0, changes.get(), "times the watcher saw a shared input changed");
    for (int k = 0; k < shared.size(); k++) {
      assertArrayEquals(before.get(k), shared.get(k));
    }
  }

  private static Call call(Class<?> type, String name, Object... args) {
    Method method = Arrays.stream(type.getMethods())
        .filter(m -> m.getName().equals(name) && m.getParameterCount() == args.length)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no method " + name));
    return new Call(method, args);
  }

  /**
   * A generated method and its arguments. Adjoint arrays are given fresh to each call (they
   * are outputs); every other argument is the shared input itself.
   */
  private record Call(Method method, Object[] args) {
    /** The position of a pullback's {@code upstream}: after the primal's x and s. */
    private static final int UPSTREAM = 2;

    /** The method's result, or for a pullback its value and the adjoints it filled. */
    Object invoke() throws Exception {
      Object[] fresh = args.clone();
      boolean pullback = method.getName().endsWith("Pullback");
      int firstAdjoint = pullback ? UPSTREAM + 1 : args.length;
      for (int i = firstAdjoint; i < fresh.length; i++) {
        fresh[i] = Flat.zerosLike(args[i]);
      }
      try {
        Object value = method.invoke(null, fresh);
        if (!pullback) {
          return value;
        }
        var all = new ArrayList<Object>();
        all.add(value);
        all.addAll(Arrays.asList(fresh).subList(firstAdjoint, fresh.length));
        return all;
      } catch (InvocationTargetException e) {
        throw (Exception) e.getCause();
      }
    }

    Object invokeUnchecked() {
      try {
        return invoke();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Every number a result holds, in order: results are compared by content. */
  private static final class Flat {
    private Flat() {}

    static List<Double> of(Object result) {
      var numbers = new ArrayList<Double>();
      add(result, numbers);
      return numbers;
    }

    private static void add(Object o, List<Double> numbers) {
      if (o instanceof Double d) {
        numbers.add(d);
      } else if (o instanceof double[] v) {
        Arrays.stream(v).forEach(numbers::add);
      } else if (o instanceof Object[] rows) {
        Arrays.stream(rows).forEach(r -> add(r, numbers));
      } else if (o instanceof List<?> list) {
        list.forEach(e -> add(e, numbers));
      } else if (o instanceof Record r) {
        for (var c : r.getClass().getRecordComponents()) {
          try {
            add(c.getAccessor().invoke(r), numbers);
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        }
      } else if (o != null) {
        throw new AssertionError("unexpected result part " + o);
      }
    }

    static Object zerosLike(Object adjoint) {
      if (adjoint instanceof double[] v) {
        return new double[v.length];
      }
      return Arrays.stream((double[][]) adjoint).map(r -> new double[r.length])
          .toArray(double[][]::new);
    }
  }
}
