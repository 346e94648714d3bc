package dev.leibniz;

/**
 * The array operations generated gradient code calls: zero arrays shaped like others, copies
 * of arrays a method writes into, element-wise sums. Public so that companion classes in any
 * package can call them; not meant to be called by hand.
 */
public final class AdjointArrays {
  private AdjointArrays() {}

  /** A new array of zeros with the length of {@code a}; null for null. */
  public static double[] zerosLike(double[] a) {
    return a == null ? null : new double[a.length];
  }

  /** A new array of zeros with the shape of {@code a}, row by row; null for null. */
  public static double[][] zerosLike(double[][] a) {
    if (a == null) {
      return null;
    }
    double[][] zeros = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      zeros[i] = zerosLike(a[i]);
    }
    return zeros;
  }

  /**
   * A new array of zeros with the length of {@code a} but for a one at {@code i}: the direction
   * along which a derivative is the gradient's component {@code i}.
   */
  public static double[] unit(double[] a, int i) {
    double[] unit = new double[a.length];
    unit[i] = 1;
    return unit;
  }

  /** A new array of zeros with the shape of {@code a} but for a one at {@code [i][j]}. */
  public static double[][] unit(double[][] a, int i, int j) {
    double[][] unit = zerosLike(a);
    unit[i][j] = 1;
    return unit;
  }

  /**
   * {@code adjoint} set to zeros if it has the length of {@code a}, else a new array of zeros
   * with that length; null for a null {@code a}. For an adjoint whose contents were used up,
   * reset to the shape of the array it belongs to, without allocating in a loop.
   */
  public static double[] zeroed(double[] adjoint, double[] a) {
    if (a == null) {
      return null;
    }
    if (adjoint == null || adjoint.length != a.length) {
      return new double[a.length];
    }
    java.util.Arrays.fill(adjoint, 0.0);
    return adjoint;
  }

  /** A copy of {@code a}, so that writing to it leaves the caller's array alone. */
  public static double[] copyOf(double[] a) {
    return a.clone();
  }

  /** A copy of {@code a}, row by row. */
  public static double[][] copyOf(double[][] a) {
    double[][] copy = a.clone();
    for (int i = 0; i < copy.length; i++) {
      copy[i] = copy[i] == null ? null : copy[i].clone();
    }
    return copy;
  }

  /** Puts {@code saved}, a copy taken earlier, back into {@code target}. */
  public static void copyInto(double[] target, double[] saved) {
    System.arraycopy(saved, 0, target, 0, saved.length);
  }

  /** Puts {@code saved}, a copy taken earlier, back into {@code target}, row by row. */
  public static void copyInto(double[][] target, double[][] saved) {
    for (int i = 0; i < saved.length; i++) {
      copyInto(target[i], saved[i]);
    }
  }

  /**
   * Puts back into {@code target} the copy of its contents on top of the workspace's array
   * stack, and gives the copy back to the workspace's pool.
   */
  public static void restore(double[] target, Workspace workspace) {
    double[] saved = workspace.popArray();
    copyInto(target, saved);
    workspace.release(saved);
  }

  /**
   * Keeps the contents of {@code a} on the workspace: the state of a loop at the start of an
   * iteration the backward sweep computes again instead of keeping what it overwrites.
   */
  public static void snapshot(double[] a, Workspace workspace) {
    workspace.pushDoubles(a);
  }

  /** Puts back into {@code a} the contents {@link #snapshot} kept last. */
  public static void restoreSnapshot(double[] a, Workspace workspace) {
    workspace.popDoubles(a);
  }

  /** {@code sum += part}, element by element. */
  public static void addInto(double[] sum, double[] part) {
    for (int i = 0; i < part.length; i++) {
      sum[i] += part[i];
    }
  }

  /** {@code sum += part}, element by element, row by row. */
  public static void addInto(double[][] sum, double[][] part) {
    for (int i = 0; i < part.length; i++) {
      addInto(sum[i], part[i]);
    }
  }

  /** Σ a[i] · b[i]. */
  public static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** Σ a[i][j] · b[i][j]. */
  public static double dot(double[][] a, double[][] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += dot(a[i], b[i]);
    }
    return sum;
  }

  // The same for float arrays, whose adjoints are float arrays.

  /** A new array of zeros with the length of {@code a}; null for null. */
  public static float[] zerosLike(float[] a) {
    return a == null ? null : new float[a.length];
  }

  /** A new array of zeros with the shape of {@code a}, row by row; null for null. */
  public static float[][] zerosLike(float[][] a) {
    if (a == null) {
      return null;
    }
    float[][] zeros = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      zeros[i] = zerosLike(a[i]);
    }
    return zeros;
  }

  /** As {@link #zeroed(double[], double[])}. */
  public static float[] zeroed(float[] adjoint, float[] a) {
    if (a == null) {
      return null;
    }
    if (adjoint == null || adjoint.length != a.length) {
      return new float[a.length];
    }
    java.util.Arrays.fill(adjoint, 0f);
    return adjoint;
  }

  /** A copy of {@code a}. */
  public static float[] copyOf(float[] a) {
    return a.clone();
  }

  /** A copy of {@code a}, row by row. */
  public static float[][] copyOf(float[][] a) {
    float[][] copy = a.clone();
    for (int i = 0; i < copy.length; i++) {
      copy[i] = copy[i] == null ? null : copy[i].clone();
    }
    return copy;
  }

  /** Puts {@code saved} back into {@code target}. */
  public static void copyInto(float[] target, float[] saved) {
    System.arraycopy(saved, 0, target, 0, saved.length);
  }

  /** Puts {@code saved} back into {@code target}, row by row. */
  public static void copyInto(float[][] target, float[][] saved) {
    for (int i = 0; i < saved.length; i++) {
      copyInto(target[i], saved[i]);
    }
  }

  /** {@code sum += part}, element by element. */
  public static void addInto(float[] sum, float[] part) {
    for (int i = 0; i < part.length; i++) {
      sum[i] += part[i];
    }
  }

  /** {@code sum += part}, element by element, row by row. */
  public static void addInto(float[][] sum, float[][] part) {
    for (int i = 0; i < part.length; i++) {
      addInto(sum[i], part[i]);
    }
  }

  /** A new array of zeros with the length of {@code a} but for a one at {@code i}. */
  public static float[] unit(float[] a, int i) {
    float[] unit = new float[a.length];
    unit[i] = 1;
    return unit;
  }

  /** A new array of zeros with the shape of {@code a} but for a one at {@code [i][j]}. */
  public static float[][] unit(float[][] a, int i, int j) {
    float[][] unit = zerosLike(a);
    unit[i][j] = 1;
    return unit;
  }

  /** Σ a[i] · b[i], in float arithmetic. */
  public static float dot(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** Σ a[i][j] · b[i][j], in float arithmetic. */
  public static float dot(float[][] a, float[][] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += dot(a[i], b[i]);
    }
    return sum;
  }

  // Arrays of constants (an int component of an array of records) are copied and put back too.

  /** A copy of {@code a}. */
  public static int[] copyOf(int[] a) {
    return a.clone();
  }

  /** Puts {@code saved} back into {@code target}. */
  public static void copyInto(int[] target, int[] saved) {
    System.arraycopy(saved, 0, target, 0, saved.length);
  }

  /** A copy of {@code a}. */
  public static long[] copyOf(long[] a) {
    return a.clone();
  }

  /** Puts {@code saved} back into {@code target}. */
  public static void copyInto(long[] target, long[] saved) {
    System.arraycopy(saved, 0, target, 0, saved.length);
  }
}
