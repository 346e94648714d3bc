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
  private final ArrayPool pool = new ArrayPool();
  private final long maxBytes;
  /** The bytes of the arrays on the stack of objects, counted only under a budget. */
  private long objectBytes;
  private long snapshotBytes;
  private long peakBytes;
  private long recomputedSteps;
  private int mostSnapshots;
  /** Snapshots loops gave back, for the next to take. */
  private final java.util.ArrayDeque<Snapshot> snapshots = new java.util.ArrayDeque<>();

  /** An empty workspace without a bound; it allocates its stacks when first used. */
  public Workspace() {
    this.maxBytes = Long.MAX_VALUE;
  }

  /**
   * An empty workspace whose gradients keep at most {@code maxBytes}: a loop whose saved values
   * would pass the budget keeps snapshots of its state at iterations binomial checkpointing
   * (<em>revolve</em>) chooses and runs the iterations between them again in its backward
   * sweep. The gradient is bit for bit the one without a budget.
   *
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  public Workspace(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("a budget of " + maxBytes + " bytes: give a positive"
          + " number of bytes");
    }
    this.maxBytes = maxBytes;
  }

  /** The most bytes the gradients run with this workspace held at once, snapshots included. */
  public long peakBytes() {
    return peakBytes;
  }

  /**
   * How many loop iterations the backward sweeps run with this workspace ran again from
   * snapshots, as plain code, because the budget did not hold what they kept: 0 without a
   * budget, or where it held everything.
   */
  public long recomputedSteps() {
    return recomputedSteps;
  }

  /**
   * The most snapshots a loop's backward sweep planned with, the one of its entry included: with
   * s of them, reversing n iterations runs r·n − C(s + r, s + 1) of them again, r the least
   * number with C(s + r, s) ≥ n (Griewank and Walther). 0 where every loop was recorded.
   */
  public int mostSnapshots() {
    return mostSnapshots;
  }

  /** Whether this workspace has a budget: generated code then checkpoints its loops. */
  public boolean hasBudget() {
    return maxBytes != Long.MAX_VALUE;
  }

  /** Notes what the workspace holds now toward {@link #peakBytes}; generated code calls it. */
  public void notePeak() {
    peakBytes = Math.max(peakBytes, bytesInUse());
  }

  /** The bytes the stacks and snapshots hold now. */
  long bytesInUse() {
    return 8L * doublesTop + 4L * intsTop + 8L * longsTop + 8L * objectsTop + objectBytes
        + snapshotBytes;
  }

  /**
   * Starts the forward sweep of a loop checkpointed under this workspace's budget, whose state
   * is {@code scalars} numbers and {@code arrays} arrays; generated code saves the state the
   * loop starts from into what this returns, then calls {@link Checkpoints#startLoop()}.
   */
  public Checkpoints beginCheckpoints(int scalars, int arrays) {
    return new Checkpoints(this, scalars, arrays);
  }

  /** Takes back the snapshots of the loop whose backward sweep starts, as its forward left them. */
  public Checkpoints resumeCheckpoints() {
    Checkpoints frame = (Checkpoints) popObject();
    frame.schedule(maxBytes - bytesInUse());
    return frame;
  }

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
    return pool.borrow(length);
  }

  /**
   * An array of zeros exactly as long as {@code a}, from the pool (null for null): the adjoint of
   * a local array. Give it back with {@link #release}.
   */
  public double[] zerosLike(double[] a) {
    return pool.zerosLike(a);
  }

  /** Gives back an array from {@link #borrow} or {@link #zerosLike}; null is ignored. */
  public void release(double[] array) {
    pool.release(array);
  }

  /**
   * A copy of {@code a} in an array from the pool (null for null): what a call is about to
   * overwrite, kept for the backward sweep and given back with {@link #release}.
   */
  public double[] copyOf(double[] a) {
    return pool.copyOf(a);
  }

  /** Empties the stacks, as after an exception; the memory is kept for reuse. */
  public void clear() {
    doublesTop = 0;
    intsTop = 0;
    longsTop = 0;
    Arrays.fill(objects, 0, objectsTop, null);
    objectsTop = 0;
    objectBytes = 0;
    snapshotBytes = 0;
  }

  /** The tops of the stacks, to forget what is pushed after them with {@link #dropTo}. */
  long[] mark() {
    return new long[] {doublesTop, intsTop, longsTop, objectsTop, objectBytes};
  }

  /** Forgets what was pushed since {@code mark}, with the snapshots of loops kept in it. */
  void dropTo(long[] mark) {
    doublesTop = (int) mark[0];
    intsTop = (int) mark[1];
    longsTop = (int) mark[2];
    for (int k = (int) mark[3]; k < objectsTop; k++) {
      if (objects[k] instanceof Checkpoints parked) {
        snapshotBytes -= parked.heldBytes();
      }
      objects[k] = null;
    }
    objectsTop = (int) mark[3];
    objectBytes = mark[4];
  }

  /** Counts the snapshots a loop made toward what the workspace holds. */
  void held(long bytes) {
    snapshotBytes += bytes;
  }

  long maxBytes() {
    return maxBytes;
  }

  /** Keeps a loop's snapshots on the stack of objects, for its backward sweep. */
  void park(Checkpoints frame) {
    pushObject(frame);
  }

  /** Ends a loop's backward sweep: its snapshots are given back. */
  void end(Checkpoints frame) {
    snapshotBytes -= frame.heldBytes();
    recomputedSteps += frame.recomputed();
    mostSnapshots = Math.max(mostSnapshots, frame.snapshots());
    frame.giveBack(snapshots);
  }

  /** A snapshot for a state of {@code scalars} scalars and {@code arrays} arrays. */
  Snapshot snapshot(int scalars, int arrays) {
    Snapshot kept = snapshots.poll();
    return kept != null && kept.fits(scalars, arrays) ? kept : new Snapshot(scalars, arrays);
  }

  /** The refusal of a budget too small for what a loop needs, saying how many bytes would do. */
  IllegalStateException tooSmall(String what, long needed) {
    return new IllegalStateException("a Workspace budget of " + maxBytes + " bytes is too small: "
        + what + "; give it at least " + needed + " bytes");
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
    if (maxBytes != Long.MAX_VALUE) {
      objectBytes += ArrayBytes.of(value);
    }
  }

  private Object popObject() {
    Object value = objects[--objectsTop];
    objects[objectsTop] = null;
    if (maxBytes != Long.MAX_VALUE) {
      objectBytes -= ArrayBytes.of(value);
    }
    return value;
  }

  /** A capacity at least {@code needed} more than {@code capacity}, doubling as it grows. */
  static int grown(int capacity, int needed) {
    return Math.max(Math.max(FIRST_CAPACITY, 2 * capacity), capacity + needed);
  }
}
