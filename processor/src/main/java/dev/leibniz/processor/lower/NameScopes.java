package dev.leibniz.processor.lower;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the arrays a name stands for are declared, for {@link Views}: a name can be rewritten
 * into the arrays it names only where each of them is in scope.
 */
final class NameScopes {
  private NameScopes() {}

  /**
   * A name outliving the array it names cannot be rewritten into that array: {@code s = q}
   * with {@code q} declared in a loop's body and {@code s} before the loop. Every array a name
   * is given must be declared in the name's block or one around it.
   */
  static void check(MethodIR method, Set<Expr.Var> views) {
    var blocks = new HashMap<Expr.Var, List<Integer>>();
    var counter = new int[] {0};
    declared(method.body().statements(), new ArrayList<>(), blocks, counter);
    Stmts.all(method.body()).forEach(s -> {
      Expr.Var view = s instanceof Stmt.Declare d ? d.var()
          : s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v ? v : null;
      Expr value = s instanceof Stmt.Declare d ? d.init()
          : s instanceof Stmt.Assign a ? a.value() : null;
      if (view == null || !views.contains(view) || !Views.isView(value)) {
        return;
      }
      Expr.Var owner = value instanceof Expr.Var v ? v : ((Expr.Index) value).root();
      List<Integer> ownerBlock = blocks.getOrDefault(owner, List.of());
      List<Integer> viewBlock = blocks.getOrDefault(view, List.of());
      boolean encloses = viewBlock.size() >= ownerBlock.size()
          && viewBlock.subList(0, ownerBlock.size()).equals(ownerBlock);
      if (!encloses) {
        Source source = s instanceof Stmt.Declare d ? d.source() : ((Stmt.Assign) s).source();
        throw new Views.Unfollowable(source, "'" + view.name() + "' outlives '" + owner.name()
            + "', declared in a block inside the one of '" + view.name() + "': declare '"
            + owner.name() + "' where '" + view.name() + "' is, or copy its elements");
      }
    });
  }

  /** The block each local is declared in, as the path of nested blocks from the body. */
  private static void declared(List<Stmt> statements, List<Integer> path,
      Map<Expr.Var, List<Integer>> blocks, int[] counter) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Declare d) {
        blocks.put(d.var(), List.copyOf(path));
      } else if (s instanceof Stmt.Block b) {
        declared(b.statements(), path, blocks, counter);
      } else if (s instanceof Stmt.If i) {
        declared(i.then().statements(), deeper(path, counter), blocks, counter);
        declared(i.otherwise().statements(), deeper(path, counter), blocks, counter);
      } else if (s instanceof Stmt.Loop l) {
        declared(l.body().statements(), deeper(path, counter), blocks, counter);
        declared(l.update().statements(), deeper(path, counter), blocks, counter);
      }
    }
  }

  private static List<Integer> deeper(List<Integer> path, int[] counter) {
    var nested = new ArrayList<>(path);
    nested.add(counter[0]++);
    return nested;
  }
}
