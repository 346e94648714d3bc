package dev.leibniz.processor.analyse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A loop the generated code can checkpoint under a workspace's budget: its state (what an
 * iteration reads of what earlier iterations wrote) can be kept in a snapshot and put back, so
 * that its backward sweep may run iterations again from snapshots instead of reading what the
 * forward sweep recorded (binomial checkpointing, {@code dev.leibniz.Revolve}).
 *
 * <p>The state is every variable the loop writes but does not declare: scalars, kept by value,
 * and {@code double[]} arrays whose elements the loop writes, kept by copy, the arrays it
 * rewrites whole each iteration too, since what the backward sweep of the statements before the
 * loop reads of them is their contents at the loop's entry. A loop that returns, that reassigns
 * an array variable or writes a matrix, or whose update writes more than integers, is recorded
 * as without a budget. Only loops inside no other loop are checkpointed: an inner loop's record
 * is part of its outer loop's iteration.
 *
 * <p>Its <em>inputs</em> are what it reads without writing and the method writes elsewhere (a
 * statement after the loop may change them before its backward sweep runs it again): the
 * snapshot of its entry keeps them too, and the backward sweep puts them back before it runs
 * any iteration again.
 *
 * @param loop the loop
 * @param scalars the scalars of its state, in the order of the snapshot's slots
 * @param arrays the arrays of its state, likewise
 * @param inputScalars the scalars it only reads that the method writes elsewhere, after
 *     {@code scalars} in the entry's snapshot
 * @param inputArrays likewise, arrays, after {@code arrays}
 */
public record CheckpointedLoop(Stmt.Loop loop, List<Expr.Var> scalars, List<Expr.Var> arrays,
    List<Expr.Var> inputScalars, List<Expr.Var> inputArrays) {
  public CheckpointedLoop {
    scalars = List.copyOf(scalars);
    arrays = List.copyOf(arrays);
    inputScalars = List.copyOf(inputScalars);
    inputArrays = List.copyOf(inputArrays);
  }

  private static final Set<Type> SCALARS =
      Set.of(Type.DOUBLE, Type.FLOAT, Type.INT, Type.LONG, Type.BOOLEAN, Type.CHAR);

  /** The loops of {@code method} that can be checkpointed, none inside another loop. */
  static Map<Stmt.Loop, CheckpointedLoop> of(MethodIR method) {
    Map<Stmt.Loop, CheckpointedLoop> found = new IdentityHashMap<>();
    Set<Stmt> inside = Collections.newSetFromMap(new IdentityHashMap<>());
    Stmts.all(method.body()).forEach(s -> {
      if (s instanceof Stmt.Loop loop && !inside.contains(loop)) {
        Stmts.all(loop.body()).forEach(inside::add);
        Stmts.all(loop.update()).forEach(inside::add);
        of(loop, method).ifPresent(c -> found.put(loop, c));
      }
    });
    return found;
  }

  private static Optional<CheckpointedLoop> of(Stmt.Loop loop, MethodIR method) {
    if (Stmts.all(loop).anyMatch(s -> s instanceof Stmt.Return)
        || Stmts.all(loop.update()).flatMap(s -> Stmts.writes(s).stream())
            .anyMatch(v -> v.type().isFloating() || v.type().isArray())) {
      return Optional.empty();
    }
    Set<Expr.Var> declared = new LinkedHashSet<>();
    Set<Expr.Var> written = new LinkedHashSet<>();
    Stmts.all(loop).forEach(s -> {
      if (s instanceof Stmt.Declare d) {
        declared.add(d.var());
      }
      written.addAll(Stmts.writes(s));
    });
    written.removeAll(declared);
    var scalars = new ArrayList<Expr.Var>();
    var arrays = new ArrayList<Expr.Var>();
    for (Expr.Var v : written) {
      if (SCALARS.contains(v.type())) {
        scalars.add(v);
      } else if (v.type().equals(Type.DOUBLE_ARRAY) && Stmts.all(loop)
          .noneMatch(s -> s instanceof Stmt.Assign a && a.target().equals(v))) {
        arrays.add(v);
      } else {
        return Optional.empty();
      }
    }
    // What the method writes outside the loop (declarations only set a value once).
    Set<Expr.Var> writtenElsewhere = new LinkedHashSet<>();
    Set<Stmt> inLoop = Collections.newSetFromMap(new IdentityHashMap<>());
    Stmts.all(loop).forEach(inLoop::add);
    Stmts.all(method.body()).filter(s -> !inLoop.contains(s) && !(s instanceof Stmt.Declare))
        .forEach(s -> writtenElsewhere.addAll(Stmts.writes(s)));
    var inputScalars = new ArrayList<Expr.Var>();
    var inputArrays = new ArrayList<Expr.Var>();
    var read = new java.util.TreeMap<String, Expr.Var>();
    dev.leibniz.processor.rules.Exprs.mentioned(List.of(loop)).forEach(v -> read.put(v.name(), v));
    for (Expr.Var v : read.values()) {
      if (written.contains(v) || declared.contains(v) || !writtenElsewhere.contains(v)) {
        continue;
      }
      if (SCALARS.contains(v.type())) {
        inputScalars.add(v);
      } else if (v.type().equals(Type.DOUBLE_ARRAY)) {
        inputArrays.add(v);
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(new CheckpointedLoop(loop, scalars, arrays, inputScalars, inputArrays));
  }
}
