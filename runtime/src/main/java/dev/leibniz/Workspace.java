package dev.leibniz;

import java.util.Arrays;

/**
 * The memory a generated gradient keeps between its forward and its backward sweep: primitive
 * stacks for the values the forward sweep saves (overwritten values, branch decisions, trip
 * counts, results of calls) and a pool of small arrays for the adjoints calls hand back.
 *
 * <p>Generated code pushes in its forward sweep and pops the same values, in reverse, in its
 * backward sweep; a call's forward half pushes on the caller's workspace and its backward half
 * pops from it, so nested and recursive calls share one workspace. Every generated method leaves
 * the stacks as it found them when it returns normally, so a workspace can be reused across
 * calls: after the first call it has grown to what the gradient needs and allocates nothing
 * more. Pass one to the {@code mPullback(…, Workspace)} overload in a training loop.
 *
 * <p>A workspace is not thread-safe: give each thread its own. After an exception escaped a
 * gradient method, {@link #clear()} it before reusing it.
 */
public final class Workspace {
  private static final double[] NO_DOUBLES = {};
  private static final int[] NO_INTS = {};
  private static final long[] NO_LONGS = {};
  private static final Object[] NO_OBJECTS = {};
  private static final int FIRST_CAPACITY = 32;

  private double[] doubles = NO_DOUBLES;
  private int doublesTop;
  private int[] ints = NO_INTS;
  private int intsTop;
  private long[] longs = NO_LONGS;
  private int longsTop;
  private Object[] objects = NO_OBJECTS;
  private int objectsTop;
  private Object[] pool = NO_OBJECTS;
  private int poolTop;

  /** An empty workspace; it allocates its stacks when first used. */
  public Workspace() {}

  /** Saves a {@code double}. */
  public void pushDouble(double value) {
    if (doublesTop == doubles.length) {
      doubles = Arrays.copyOf(doubles, grown(doubles.length, 1));
    }
    doubles[doublesTop++] = value;
  }

  /** The {@code double} saved last, taken off its stack. */
  public double popDouble() {
    return doubles[--doublesTop];
  }

  /** Saves the elements of {@code values}, in order, as {@code double}s. */
  void pushDoubles(double[] values) {
    reserveDoubles(values.length);
    System.arraycopy(values, 0, doubles, doublesTop, values.length);
    doublesTop += values.length;
  }

  /** Takes back into {@code into} the elements saved last by {@link #pushDoubles}. */
  void popDoubles(double[] into) {
    doublesTop -= into.length;
    System.arraycopy(doubles, doublesTop, into, 0, into.length);
  }

  /** Saves an {@code int} (or a boolean, as 0 or 1). */
  public void pushInt(int value) {
    if (intsTop == ints.length) {
      ints = Arrays.copyOf(ints, grown(ints.length, 1));
    }
    ints[intsTop++] = value;
  }

  /** The {@code int} saved last, taken off its stack. */
  public int popInt() {
    return ints[--intsTop];
  }

  /** Saves a {@code long}. */
  public void pushLong(long value) {
    if (longsTop == longs.length) {
      longs = Arrays.copyOf(longs, grown(longs.length, 1));
    }
    longs[longsTop++] = value;
  }

  /** The {@code long} saved last, taken off its stack. */
  public long popLong() {
    return longs[--longsTop];
  }

  /** Saves a reference to an array (not a copy: the backward sweep restores its contents). */
  public void pushArray(double[] value) {
    pushObject(value);
  }

  /** The vector saved last, taken off the stack of arrays. */
  public double[] popArray() {
    return (double[]) popObject();
  }

  /** Saves a reference to a matrix. */
  public void pushMatrix(double[][] value) {
    pushObject(value);
  }

  /** The matrix saved last, taken off the stack of arrays. */
  public double[][] popMatrix() {
    return (double[][]) popObject();
  }

  /** Saves a reference to a float array. */
  public void pushFloatArray(float[] value) {
    pushObject(value);
  }

  /** The float array saved last, taken off the stack of arrays. */
  public float[] popFloatArray() {
    return (float[]) popObject();
  }

  /** Saves a reference to an int array. */
  public void pushIntArray(int[] value) {
    pushObject(value);
  }

  /** The int array saved last, taken off the stack of arrays. */
  public int[] popIntArray() {
    return (int[]) popObject();
  }

  /** Saves a reference to a long array. */
  public void pushLongArray(long[] value) {
    pushObject(value);
  }

  /** The long array saved last, taken off the stack of arrays. */
  public long[] popLongArray() {
    return (long[]) popObject();
  }

  /** Saves a reference to a float matrix. */
  public void pushFloatMatrix(float[][] value) {
    pushObject(value);
  }

  /** The float matrix saved last, taken off the stack of arrays. */
  public float[][] popFloatMatrix() {
    return (float[][]) popObject();
  }

  /**
   * Makes room for {@code count} more {@code double}s at once, so that a loop whose trip count
   * is known before it starts grows the stack once instead of doubling it repeatedly.
   */
  public void reserveDoubles(int count) {
    if (count > doubles.length - doublesTop) {
      doubles = Arrays.copyOf(doubles, grown(doubles.length, count - (doubles.length - doublesTop)));
    }
  }

  /** As {@link #reserveDoubles}, for {@code int}s. */
  public void reserveInts(int count) {
    if (count > ints.length - intsTop) {
      ints = Arrays.copyOf(ints, grown(ints.length, count - (ints.length - intsTop)));
    }
  }

  /**
   * An array of at least {@code length} elements, of unspecified contents, for the adjoints a
   * call hands back; give it back with {@link #release} once read. Borrowing and releasing in
   * the same order on every call reuses the same arrays.
   */
  public double[] borrow(int length) {
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
   * a local array. Give it back with {@link #release}.
   */
  public double[] zerosLike(double[] a) {
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
  public void release(double[] array) {
    releaseArray(array);
  }

  /**
   * A copy of {@code a} in an array from the pool (null for null): what a call is about to
   * overwrite, kept for the backward sweep and given back with {@link #release}.
   */
  public double[] copyOf(double[] a) {
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
      pool = Arrays.copyOf(pool, grown(pool.length, 1));
    }
    pool[poolTop++] = array;
  }

  /** Empties the stacks, as after an exception; the memory is kept for reuse. */
  public void clear() {
    doublesTop = 0;
    intsTop = 0;
    longsTop = 0;
    Arrays.fill(objects, 0, objectsTop, null);
    objectsTop = 0;
  }

  /** Whether every stack is empty: every value saved has been taken back. */
  public boolean isEmpty() {
    return doublesTop == 0 && intsTop == 0 && longsTop == 0 && objectsTop == 0;
  }

  private void pushObject(Object value) {
    if (objectsTop == objects.length) {
      objects = Arrays.copyOf(objects, grown(objects.length, 1));
    }
    objects[objectsTop++] = value;
  }

  private Object popObject() {
    Object value = objects[--objectsTop];
    objects[objectsTop] = null;
    return value;
  }

  /** A capacity at least {@code needed} more than {@code capacity}, doubling as it grows. */
  private static int grown(int capacity, int needed) {
    return Math.max(Math.max(FIRST_CAPACITY, 2 * capacity), capacity + needed);
  }
}
