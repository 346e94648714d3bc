package dev.leibniz.processor.reverse;

import dev.leibniz.processor.analyse.Recompute;
import dev.leibniz.processor.ir.ArrayOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stack;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What crosses from the forward half to the backward half when they run as two methods: the
 * locals of the forward sweep's outermost block that the backward sweep reads (saved values kept
 * in locals, trip counts, temporaries, the final values of variables), and the parameters the
 * forward sweep reassigned. The forward half pushes them when it ends; the backward half pops
 * them, in reverse, before it starts. Locals that are cheap arithmetic on what the backward
 * half is given again are computed again instead.
 *
 * @param pushes the forward half's last statements
 * @param pops the backward half's first statements
 * @param recomputed the declarations the backward half computes again, after its pops
 * @param declared the locals the backward half sets before it reads them, declared only
 */
record Boundary(List<Stmt> pushes, List<Stmt> pops, List<Stmt.Declare> recomputed,
    List<Expr.Var> declared) {

  static Boundary of(MethodIR method, List<Stmt> forward, List<Stmt> backward,
      Storage storage) {
    Set<Expr.Var> read = Exprs.mentioned(backward);
    Set<Expr.Var> declaredBackward = new HashSet<>();
    backward.stream().flatMap(Stmts::all)
        .filter(s -> s instanceof Stmt.Declare)
        .forEach(s -> declaredBackward.add(((Stmt.Declare) s).var()));
    var crossing = new LinkedHashSet<Expr.Var>();
    for (Param p : method.allParams()) {
      boolean written = forward.stream().flatMap(Stmts::all)
          .anyMatch(s -> s instanceof Stmt.Assign a && a.variable().equals(p.var()));
      if (written) {
        crossing.add(p.var());
      }
    }
    forward.stream()
        .filter(s -> s instanceof Stmt.Declare)
        .forEach(s -> crossing.add(((Stmt.Declare) s).var()));
    crossing.retainAll(read);
    crossing.removeAll(declaredBackward);
    // A counter the backward sweep sets to its bound before it reads it need not cross.
    var setFirst = new ArrayList<Expr.Var>();
    crossing.stream().filter(v -> !Exprs.mayReadBeforeSetting(backward, v))
        .forEach(setFirst::add);
    crossing.removeAll(setFirst);
    var pushes = new ArrayList<Stmt>();
    var pops = new ArrayList<Stmt>();
    keepWrittenContents(method, backward, storage, pushes, pops);
    List<Stmt.Declare> recomputed =
        Exprs.neededDeclarations(recomputable(method, forward), new HashSet<>(crossing));
    recomputed.forEach(d -> crossing.remove(d.var()));
    for (Expr.Var v : crossing) {
      pushes.add(Stack.push(storage.workspace(), v));
      Expr restored = Stack.pop(storage.workspace(), v.type());
      boolean parameter = method.allParams().stream().anyMatch(p -> p.var().equals(v));
      pops.add(0, parameter
          ? new Stmt.Assign(v, restored, Source.NONE)
          : new Stmt.Declare(v, restored, Source.NONE));
    }
    List<Expr.Var> declared = setFirst.stream()
        .filter(v -> method.allParams().stream().noneMatch(p -> p.var().equals(v))).toList();
    return new Boundary(pushes, pops, recomputed, declared);
  }

  /**
   * The declarations of the forward sweep's outermost block that the backward half can compute
   * again for a push and a pop less: cheap arithmetic on parameters the method never writes
   * (the backward half gets the same arguments, their contents as they were) and on locals
   * computed so before, each local declared once and never assigned again.
   */
  private static List<Stmt.Declare> recomputable(MethodIR method, List<Stmt> forward) {
    Set<Expr.Var> stable = new HashSet<>();
    method.allParams().stream().map(Param::var).filter(v -> !method.writes(v))
        .forEach(stable::add);
    Set<Expr.Var> assigned = new HashSet<>();
    forward.stream().flatMap(Stmts::all).filter(s -> !(s instanceof Stmt.Declare))
        .forEach(s -> assigned.addAll(Stmts.writes(s)));
    var chosen = new ArrayList<Stmt.Declare>();
    for (Stmt s : forward) {
      if (s instanceof Stmt.Declare d && d.init() != null && !assigned.contains(d.var())
          && Recompute.isCheap(d.init()) && !readsFields(d.init())
          && stable.containsAll(Exprs.variables(d.init()))) {
        stable.add(d.var());
        chosen.add(d);
      }
    }
    return chosen;
  }

  private static boolean readsFields(Expr e) {
    return e instanceof Expr.InstanceField || Exprs.children(e).anyMatch(Boundary::readsFields);
  }

  /**
   * The arrays a method writing in place hands back to its caller, who may change them before
   * the backward half runs: where that half reads their elements, the forward half keeps a copy
   * of their contents and the backward half puts it back first.
   */
  private static void keepWrittenContents(MethodIR method, List<Stmt> backward, Storage storage,
      List<Stmt> pushes, List<Stmt> pops) {
    if (method.returnType() != Type.VOID) {
      return;
    }
    for (Param p : method.writtenArrays()) {
      Expr.Var array = p.var();
      if (!Type.DOUBLE_ARRAY.equals(array.type()) || !readsElements(backward, array)) {
        continue;
      }
      Expr.Var workspace = storage.workspace();
      pushes.add(new Stmt.Push(workspace, Stack.ARRAYS,
          new Expr.Borrow(workspace, array, Expr.Borrow.Kind.COPY)));
      pops.add(0, new Stmt.Evaluate(ArrayOp.RESTORE.call(List.of(array, workspace), Type.VOID)));
    }
  }

  private static boolean readsElements(List<Stmt> statements, Expr.Var array) {
    return statements.stream().flatMap(Stmts::all).flatMap(Stmts::expressions)
        .anyMatch(e -> elementOf(e, array));
  }

  private static boolean elementOf(Expr e, Expr.Var array) {
    return e instanceof Expr.Index index && index.root().equals(array)
        || Exprs.children(e).anyMatch(c -> elementOf(c, array));
  }
}
