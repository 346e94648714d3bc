package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Exprs;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How much of an array a block writes before it reads any of it: the elements {@code a[0]},
 * {@code a[1]}, … set by literal index, then a counted loop {@code for (i = s; i < n; i++)
 * a[i] = …} that starts where they end and touches {@code a} nowhere else, or a call of a
 * method that writes its argument so. An array every element of which is written so before any
 * is read, or that is read only inside loops each iteration of which writes it so, holds
 * nothing the block needs on entry.
 */
final class FirstWrites {
  private final Map<Stmt.Loop, CountedLoop> counted;
  private final ArrayLengths lengths;
  private final Overwrites callees;

  FirstWrites(Map<Stmt.Loop, CountedLoop> counted, ArrayLengths lengths, Overwrites callees) {
    this.counted = counted;
    this.lengths = lengths;
    this.callees = callees;
  }

  /**
   * Whether every element of {@code array} that {@code statements} read was written by them
   * first: they write it whole before reading it, or read it only inside loops that each write
   * it whole before reading it (and, as such a loop may run no time, nowhere after them).
   */
  boolean writtenBeforeRead(List<Stmt> statements, Expr.Var array) {
    Optional<Expr> length = lengths.of(array);
    if (length.isEmpty()) {
      return false;
    }
    boolean mayBeUnwritten = false;
    int literal = 0;
    for (Stmt s : flattened(statements)) {
      if (Stmts.all(s).noneMatch(t -> touches(t, array))) {
        continue;
      }
      if (mayBeUnwritten) {
        return false;
      }
      if (s instanceof Stmt.Assign a && isLiteralWrite(a, array, literal)) {
        literal++;
        if (lengths.canonical(literal(literal)).equals(length)) {
          return true;
        }
        continue;
      }
      Optional<Expr> whole = Optional.empty();
      if (s instanceof Stmt.Loop loop) {
        whole = writtenByLoop(loop, array, literal);
        if (!whole.equals(length) && rebuiltEachIteration(loop, array)) {
          mayBeUnwritten = true;
          continue;
        }
      } else if (s instanceof Stmt.Write call && literal == 0) {
        whole = writtenByCall(call, array).flatMap(lengths::canonical);
      }
      return whole.equals(length);
    }
    return true;
  }

  /** A loop whose every iteration writes the array whole before reading it. */
  private boolean rebuiltEachIteration(Stmt.Loop loop, Expr.Var array) {
    return !touches(loop, array) && loop.update().statements().stream()
        .flatMap(Stmts::all).noneMatch(t -> touches(t, array))
        && writtenBeforeRead(loop.body().statements(), array);
  }

  private boolean isLiteralWrite(Stmt.Assign a, Expr.Var array, int index) {
    return a.target() instanceof Expr.Index element && element.array().equals(array)
        && Integer.valueOf(index).equals(literalValue(element.index()))
        && !mentionsContents(a.value(), array);
  }

  /** The statements with the blocks among them opened: a block only scopes its locals. */
  private static List<Stmt> flattened(List<Stmt> statements) {
    var flat = new java.util.ArrayList<Stmt>();
    for (Stmt s : statements) {
      if (s instanceof Stmt.Block block) {
        flat.addAll(flattened(block.statements()));
      } else {
        flat.add(s);
      }
    }
    return flat;
  }

  /**
   * The number of leading elements of {@code array} that {@code statements} write before they
   * read any: an expression over parameters, if it is known.
   */
  Optional<Expr> covered(List<Stmt> statements, Expr.Var array) {
    return covered(statements, array, 0).flatMap(lengths::canonical);
  }

  /**
   * The number of leading elements {@code statements} write before the first statement that
   * touches {@code array} otherwise, given {@code before} written already: a literal while the
   * writes are by literal index, the loop's bound after a loop.
   */
  private Optional<Expr> covered(List<Stmt> statements, Expr.Var array, int before) {
    int literal = before;
    for (Stmt s : flattened(statements)) {
      if (Stmts.all(s).noneMatch(t -> touches(t, array))) {
        continue;
      }
      if (s instanceof Stmt.Assign a && isLiteralWrite(a, array, literal)) {
        literal++;
      } else if (s instanceof Stmt.Loop loop) {
        return writtenByLoop(loop, array, literal);
      } else if (s instanceof Stmt.Write call && literal == 0) {
        return Optional.of(writtenByCall(call, array).orElse(literal(0)));
      } else {
        break;
      }
    }
    return Optional.of(literal(literal));
  }

  /** The loop's bound, if it writes {@code a[i]} for each of its counters from at most start. */
  private Optional<Expr> writtenByLoop(Stmt.Loop loop, Expr.Var array, int before) {
    CountedLoop count = counted.get(loop);
    if (count == null || (Integer) count.start().value() > before) {
      return Optional.empty();
    }
    List<Stmt> touching = Stmts.all(loop).filter(t -> touches(t, array)).toList();
    boolean one = touching.size() == 1 && loop.body().statements().contains(touching.get(0))
        && touching.get(0) instanceof Stmt.Assign a
        && a.target() instanceof Expr.Index element && element.array().equals(array)
        && element.index().equals(count.counter()) && !mentionsContents(a.value(), array);
    return one ? lengths.canonical(count.bound()) : Optional.empty();
  }

  /** How many elements of {@code array}, passed to a call, the callee writes before reading. */
  private Optional<Expr> writtenByCall(Stmt.Write call, Expr.Var array) {
    List<Expr> args = call.call().args();
    int position = args.indexOf(array);
    boolean elsewhere = false;
    for (int k = 0; k < args.size(); k++) {
      elsewhere |= k != position && mentionsContents(args.get(k), array);
    }
    if (position < 0 || elsewhere || !call.written().contains(position)) {
      return Optional.empty();
    }
    return callees.overwritten(call, position);
  }

  /** Whether the statement itself, not those nested in it, reads or writes elements of it. */
  private static boolean touches(Stmt s, Expr.Var array) {
    return Stmts.expressions(s).anyMatch(e -> mentionsContents(e, array))
        || s instanceof Stmt.Write w && w.writtenVariables().contains(array);
  }

  /** Whether {@code e} reads {@code array}'s elements, or hands it on: anything but its length. */
  static boolean mentionsContents(Expr e, Expr.Var array) {
    if (e instanceof Expr.Length) {
      return false;
    }
    return e.equals(array) || Exprs.children(e).anyMatch(c -> mentionsContents(c, array));
  }

  private static Object literalValue(Expr e) {
    return e instanceof Expr.Literal l ? l.value() : null;
  }

  private static Expr literal(int value) {
    return new Expr.Literal(Type.INT, value);
  }
}
