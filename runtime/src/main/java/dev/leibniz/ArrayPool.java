package dev.leibniz;

import java.util.Arrays;

/**
 * The arrays a {@link Workspace} lends for adjoints and copies: given back in the order they
 * were taken, the same arrays serve every call.
 */
final class ArrayPool {
  private Object[] pool = {};
  private int poolTop;

  /**
   * An array of at least {@code length} elements, of unspecified contents, for the adjoints a
   * call hands back; give it back with {@link Workspace#release} once read. Borrowing and releasing in
   * the same order on every call reuses the same arrays.
   */
  double[] borrow(int length) {
    if (poolTop > 0) {
      double[] top = (double[]) pool[--poolTop];
      pool[poolTop] = null;
      if (top.length >= length) {
        return top;
      }
    }
    return new double[Math.max(length, 4)];
  }

  /**
   * An array of zeros exactly as long as {@code a}, from the pool (null for null): the adjoint of
   * a local array. Give it back with {@link Workspace#release}.
   */
  double[] zerosLike(double[] a) {
    if (a == null) {
      return null;
    }
    if (poolTop > 0 && ((double[]) pool[poolTop - 1]).length == a.length) {
      double[] top = (double[]) pool[--poolTop];
      pool[poolTop] = null;
      Arrays.fill(top, 0);
      return top;
    }
    return new double[a.length];
  }

  /** Gives back an array from {@link #borrow} or {@link #zerosLike}; null is ignored. */
  void release(double[] array) {
    releaseArray(array);
  }

  /**
   * A copy of {@code a} in an array from the pool (null for null): what a call is about to
   * overwrite, kept for the backward sweep and given back with {@link Workspace#release}.
   */
  double[] copyOf(double[] a) {
    if (a == null) {
      return null;
    }
    double[] copy = zerosLike(a);
    System.arraycopy(a, 0, copy, 0, a.length);
    return copy;
  }

  private void releaseArray(double[] array) {
    if (array == null) {
      return;
    }
    if (poolTop == pool.length) {
      pool = Arrays.copyOf(pool, Workspace.grown(pool.length, 1));
    }
    pool[poolTop++] = array;
  }
}
