package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Rewrite;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the differentiable methods of a compilation write whole: for each vector parameter a
 * method writes element by element from the first before it reads any, how many elements that
 * is, over its parameters ({@code chain(x, y, z)} writes {@code x.length} elements of
 * {@code z}). A caller's plan reads it at each call, in the call's arguments: a method whose
 * source is not at hand (a jar's) overwrites nothing whole.
 */
public final class Overwrites {
  private record Key(TypeRef owner, String name, int arity) {}

  private record Summary(List<Expr.Var> params, Map<Integer, Expr> written) {}

  private final Map<Key, Summary> byMethod = new HashMap<>();

  /** Reads what {@code method} overwrites whole. */
  public void add(MethodIR method) {
    List<Param> params = method.allParams();
    var firstWrites = new FirstWrites(CountedLoop.of(method), ArrayLengths.of(method), this);
    Map<Integer, Expr> written = new HashMap<>();
    for (int k = 0; k < params.size(); k++) {
      Expr.Var p = params.get(k).var();
      boolean replaced = Stmts.all(method.body())
          .anyMatch(s -> s instanceof Stmt.Assign a && a.target().equals(p));
      if (p.type().equals(Type.DOUBLE_ARRAY) && !replaced) {
        int position = k;
        firstWrites.covered(method.body().statements(), p)
            .filter(e -> !(e instanceof Expr.Literal l && Integer.valueOf(0).equals(l.value())))
            .ifPresent(e -> written.put(position, e));
      }
    }
    byMethod.put(new Key(method.owner(), method.name(), params.size()),
        new Summary(params.stream().map(Param::var).toList(), written));
  }

  /**
   * How many leading elements of the argument at {@code position} the call writes before it
   * reads any, over the caller's variables, if the callee is known to.
   */
  Optional<Expr> overwritten(Stmt.Write call, int position) {
    Expr.Invoke invoke = call.call();
    Summary summary = byMethod.get(new Key(invoke.callee().owner(), invoke.callee().name(),
        invoke.args().size()));
    if (summary == null || !summary.written().containsKey(position)) {
      return Optional.empty();
    }
    Map<Expr.Var, Expr> arguments = new HashMap<>();
    for (int k = 0; k < summary.params().size(); k++) {
      if (!summary.params().get(k).type().equals(invoke.args().get(k).type())) {
        return Optional.empty();
      }
      arguments.put(summary.params().get(k), invoke.args().get(k));
    }
    return Optional.of(Rewrite.expression(summary.written().get(position), arguments));
  }
}
