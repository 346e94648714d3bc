package dev.leibniz.processor.random;

/** Prints how far a long random test has gone, so that the build is never silent for long. */
final class Progress {
  private Progress() {}

  /** Says that {@code test} starts batch {@code batch} (from 0) of {@code batches}. */
  static void batch(String test, int batch, int batches) {
    System.out.printf("%s: batch %d of %d%n", test, batch + 1, batches);
  }
}
