package dev.leibniz.processor.ir;

/**
 * The internal errors of a pass that meets a node it cannot meet: one that {@code lower}
 * rewrites away before the pass runs, or one only generated code holds in a pass over the
 * user's. A visitor says so for each such kind rather than passing it by, so that a phase
 * reordered or a construct added fails loudly where it happens.
 */
public final class Unexpected {
  private Unexpected() {}

  /** {@code node} should have been rewritten by {@code lower} before this pass. */
  public static IllegalStateException lowered(Object node) {
    return new IllegalStateException("not lowered before this pass: " + node);
  }

  /** {@code node} belongs to generated code, and this pass reads only the user's. */
  public static IllegalStateException generated(Object node) {
    return new IllegalStateException("generated code where the user's was expected: " + node);
  }
}
