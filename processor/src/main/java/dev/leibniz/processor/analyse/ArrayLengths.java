package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the lengths of a method's arrays are, as expressions over its parameters: an array
 * parameter never replaced is {@code a.length}; a local array made once, {@code new double[n]},
 * and never replaced has the length {@code n} stands for, where {@code n} is an {@code int} set
 * once ({@code int n = x.length}). Two arrays whose lengths come out as the same expression
 * have the same length, which is what proving that a loop writes every element needs. The
 * length of a row of a matrix parameter whose rows stay is its own: {@code m[0].length}.
 */
final class ArrayLengths {
  private final Map<Expr.Var, Expr> definitions = new HashMap<>();
  private final Set<Expr.Var> parameters = new HashSet<>();
  private final Set<Expr.Var> unwrittenParameters = new HashSet<>();

  private ArrayLengths() {}

  /** The lengths of the arrays of {@code method}. */
  static ArrayLengths of(MethodIR method) {
    var lengths = new ArrayLengths();
    Set<Expr.Var> reassigned = new HashSet<>();
    Set<Expr.Var> written = new HashSet<>();
    Stmts.all(method.body()).forEach(s -> {
      if (!(s instanceof Stmt.Declare)) {
        written.addAll(Stmts.writes(s));
      }
      if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
        reassigned.add(v);
      } else if (s instanceof Stmt.Declare d && d.init() != null) {
        lengths.definitions.put(d.var(), d.init());
      }
    });
    reassigned.forEach(lengths.definitions::remove);
    for (Param p : method.allParams()) {
      if (!reassigned.contains(p.var())) {
        lengths.parameters.add(p.var());
      }
      if (!written.contains(p.var())) {
        lengths.unwrittenParameters.add(p.var());
      }
    }
    return lengths;
  }

  /** The length of {@code array} as an expression over parameters, if it is known. */
  Optional<Expr> of(Expr.Var array) {
    if (parameters.contains(array)) {
      return Optional.of(new Expr.Length(array));
    }
    if (definitions.get(array) instanceof Expr.NewArray made && made.dimensions().size() == 1) {
      return canonical(made.dimensions().get(0));
    }
    return Optional.empty();
  }

  /**
   * {@code e}, arithmetic over literals, lengths and {@code int}s, with every {@code int} set
   * once replaced by what it was set to and every length by what it is, if each variable it
   * reads is a parameter or such an {@code int}.
   */
  Optional<Expr> canonical(Expr e) {
    if (e instanceof Expr.Length length && length.array() instanceof Expr.Var array) {
      return of(array);
    }
    // The length of a row of a matrix parameter whose rows stay: m[0].length.
    if (e instanceof Expr.Length length && length.array() instanceof Expr.Index row
        && row.array() instanceof Expr.Var matrix && unwrittenParameters.contains(matrix)) {
      return canonical(row.index())
          .map(i -> new Expr.Length(new Expr.Index(matrix, i, row.type())));
    }
    if (e instanceof Expr.Var v) {
      if (parameters.contains(v)) {
        return Optional.of(v);
      }
      Expr definition = definitions.get(v);
      return definition == null || v.type().isArray() ? Optional.empty() : canonical(definition);
    }
    if (e instanceof Expr.Literal) {
      return Optional.of(e);
    }
    if (e instanceof Expr.Binary b) {
      return canonical(b.left()).flatMap(left -> canonical(b.right())
          .map(right -> new Expr.Binary(b.op(), left, right, b.type())));
    }
    return Optional.empty();
  }
}
