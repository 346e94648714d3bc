package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;

/**
 * What a backward statement still to come reads of a variable, in the to-be-recorded analysis
 * of {@link SavePlan}: its value (for an array, any of its elements), only an array's shape, or
 * one element {@code a[i]} at the counter of a loop, which a later iteration's write of
 * {@code a[i]} does not touch.
 *
 * @param loop for an element, the loop whose counter indexes it
 * @param index for an element, its index: the loop's counter, plus or minus a constant
 * @param earlier for an element, whether it was read in an earlier iteration of {@code loop}
 */
record Need(Expr.Var variable, Kind kind, Stmt.Loop loop, Expr index, boolean earlier) {

  enum Kind { VALUE, SHAPE, ELEMENT }

  static Need value(Expr.Var v) {
    return new Need(v, Kind.VALUE, null, null, false);
  }

  static Need shape(Expr.Var v) {
    return new Need(v, Kind.SHAPE, null, null, false);
  }

  static Need element(Expr.Var v, Stmt.Loop loop, Expr index) {
    return new Need(v, Kind.ELEMENT, loop, index, false);
  }

  /** This need as seen from the next iteration of {@code around}. */
  Need acrossIteration(Stmt.Loop around) {
    return kind == Kind.ELEMENT && loop == around
        ? new Need(variable, kind, loop, index, true)
        : this;
  }

  /** This need after {@code around} has ended: running it again may write the element. */
  Need afterLoop(Stmt.Loop around) {
    return kind == Kind.ELEMENT && loop == around ? value(variable) : this;
  }

  /**
   * Whether an assignment to {@code target} destroys what this need reads.
   *
   * @param writerLoop the innermost loop of the assignment, or null
   * @param freshEachIteration whether the assignment writes an element of its own in each
   *     iteration of {@code writerLoop}
   */
  boolean destroyedBy(Expr target, Stmt.Loop writerLoop, boolean freshEachIteration) {
    boolean whole = !(target instanceof Expr.Index);
    Expr.Var written = whole ? (Expr.Var) target : ((Expr.Index) target).root();
    if (!written.equals(variable)) {
      return false;
    }
    return switch (kind) {
      case VALUE -> true;
      case SHAPE -> whole;
      case ELEMENT -> whole || !(earlier && writerLoop == loop && freshEachIteration
          && ((Expr.Index) target).index().equals(index));
    };
  }
}
