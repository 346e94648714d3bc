package dev.leibniz;

/** The bytes an array the workspace keeps a reference to holds, rows of a matrix included. */
final class ArrayBytes {
  private static final int HEADER = 16;

  private ArrayBytes() {}

  static long of(Object value) {
    if (value instanceof double[] v) {
      return HEADER + 8L * v.length;
    } else if (value instanceof float[] v) {
      return HEADER + 4L * v.length;
    } else if (value instanceof int[] v) {
      return HEADER + 4L * v.length;
    } else if (value instanceof long[] v) {
      return HEADER + 8L * v.length;
    } else if (value instanceof Object[] rows) {
      long bytes = HEADER + 4L * rows.length;
      for (Object row : rows) {
        bytes += of(row);
      }
      return bytes;
    }
    return 0;
  }
}
