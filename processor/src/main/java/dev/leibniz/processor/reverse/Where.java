package dev.leibniz.processor.reverse;

/**
 * Where a statement sits: inside a loop (it may run more than once, so adjoints it sets are
 * reset and counts start again), whether the values it overwrites go on stacks (inside a loop
 * whose backward sweep runs after all its iterations) or wait in locals, and inside any block
 * (its temporaries are not in scope in the backward sweep and are computed again there).
 */
record Where(boolean inLoop, boolean stacked, boolean nested) {
  static final Where TOP = new Where(false, false, false);

  Where inBranch() {
    return new Where(inLoop, stacked, true);
  }

  Where inLoopBody() {
    return new Where(true, true, true);
  }

  /**
   * The body of a loop each iteration of which runs its backward part right after its forward
   * part: what it overwrites waits in locals, as outside loops.
   */
  Where inIterationRunAlone() {
    return new Where(true, false, true);
  }
}
