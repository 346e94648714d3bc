package dev.leibniz;

/**
 * One snapshot of a checkpointed loop's state: its scalars as the bits of {@code long}s, and
 * copies of its arrays. A workspace keeps the snapshots loops gave back, so that a gradient run
 * again with it allocates none.
 */
final class Snapshot {
  final long[] scalars;
  final double[][] arrays;

  Snapshot(int scalars, int arrays) {
    this.scalars = new long[scalars];
    this.arrays = new double[arrays][];
  }

  /** Whether this snapshot can hold a state of {@code scalars} scalars and {@code arrays}. */
  boolean fits(int scalars, int arrays) {
    return this.scalars.length >= scalars && this.arrays.length >= arrays;
  }
}
