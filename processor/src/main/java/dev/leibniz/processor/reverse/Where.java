package dev.leibniz.processor.reverse;

/**
 * Where a statement sits: inside a loop (values it overwrites go on stacks) and inside any
 * block (its temporaries are not in scope in the backward sweep and are computed again there).
 */
record Where(boolean inLoop, boolean nested) {
  static final Where TOP = new Where(false, false);

  Where inBranch() {
    return new Where(inLoop, true);
  }

  Where inLoopBody() {
    return new Where(true, true);
  }
}
