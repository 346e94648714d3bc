package dev.leibniz.processor.read;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The statements that must run before the statement being read: a conditional expression's
 * {@code if}, an array a call returns put in a local, an assignment or increment that stands
 * inside an expression.
 *
 * <p>Java evaluates operands left to right (JLS §15.7): in {@code s + (s = 2)} the left operand
 * is the old {@code s}. Since an operand's assignments run before the whole statement, an operand
 * read earlier that reads what a later operand's assignment writes is kept in a local first,
 * placed before that assignment: {@link #keepEarlier}.
 */
final class Pending {
  private final ReadContext context;
  private List<Stmt> statements = new ArrayList<>();

  Pending(ReadContext context) {
    this.context = context;
  }

  void add(Stmt statement) {
    statements.add(statement);
  }

  /** Where the statements of the operand about to be read will start. */
  int mark() {
    return statements.size();
  }

  /** The statements pending, which now leave this list. */
  List<Stmt> drain() {
    List<Stmt> drained = statements;
    statements = new ArrayList<>();
    return drained;
  }

  /** The statements added since {@code mark}, which now leave this list. */
  List<Stmt> drainSince(int mark) {
    List<Stmt> since = statements.subList(mark, statements.size());
    List<Stmt> drained = new ArrayList<>(since);
    since.clear();
    return drained;
  }

  /**
   * Keeps each of {@code operands}, read before {@code mark}, in a local placed at {@code mark}
   * where a statement added since writes a variable it reads. Only numbers and booleans are
   * kept: Java
   * evaluates the reference early, the elements only when read; records are read by component.
   */
  void keepEarlier(List<Expr> operands, int mark) {
    Set<Expr.Var> written = statements.subList(mark, statements.size()).stream()
        .flatMap(Stmts::all).flatMap(s -> Stmts.writes(s).stream())
        .collect(Collectors.toSet());
    if (written.isEmpty()) {
      return;
    }
    int at = mark;
    for (int i = 0; i < operands.size(); i++) {
      Expr operand = operands.get(i);
      if (operand != null && (operand.type().isNumeric() || operand.type() == Type.BOOLEAN)
          && !Collections.disjoint(Exprs.variables(operand), written)) {
        Expr.Var kept = context.scope().declare(context.scope().fresh("_kept"), operand.type());
        statements.add(at++, new Stmt.Declare(kept, operand, Source.NONE));
        operands.set(i, kept);
      }
    }
  }

  /** {@link #keepEarlier} for one operand. */
  Expr keepEarlier(Expr operand, int mark) {
    var one = new ArrayList<Expr>();
    one.add(operand);
    keepEarlier(one, mark);
    return one.get(0);
  }
}
