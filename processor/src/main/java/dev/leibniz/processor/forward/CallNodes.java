package dev.leibniz.processor.forward;

import dev.leibniz.processor.ir.ArrayOp;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.SourceText;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A call of a differentiable method in a trace: one node per evaluation, labelled with the
 * callee, whose edges hold the callee's partial derivatives at the arguments, read from its
 * pullback with {@code upstream = 1}: {@code trace.call(…)}, then {@code trace.edge(…)} for
 * each scalar argument and {@code trace.edges(…)} for each array.
 */
final class CallNodes {
  private final Tangents tangents;
  private final TraceNodes nodes;

  CallNodes(Tangents tangents, TraceNodes nodes) {
    this.tangents = tangents;
    this.nodes = nodes;
  }

  Tangents.Dual call(Expr.Invoke invoke, Callee.Differentiable callee, List<Stmt> out) {
    refuseUnlessPlain(invoke, callee);
    var duals = new ArrayList<Tangents.Dual>();
    invoke.args().forEach(a -> duals.add(tangents.dual(a, out)));
    var args = new ArrayList<Expr>(duals.stream().map(Tangents.Dual::value).toList());
    int scalars = (int) callee.roles().stream().filter(r -> r == Callee.Role.SCALAR).count();
    Expr.Var adjoints = scalars == 0 ? null : tangents.scratch(scalars);
    for (int slot = 0; slot < scalars; slot++) {
      out.add(new Stmt.Assign(slot(adjoints, slot), Expr.literal(0.0), Source.NONE));
    }
    var arrayAdjoints = new ArrayList<Expr.Var>();
    for (int i = 0; i < callee.roles().size(); i++) {
      if (callee.roles().get(i) == Callee.Role.ARRAY) {
        Expr.Var adjoint = tangents.temporary(args.get(i).type());
        out.add(new Stmt.Declare(adjoint, ArrayOp.ZEROS_LIKE.of(args.get(i)), Source.NONE));
        arrayAdjoints.add(adjoint);
      }
    }
    var pullbackArgs = new ArrayList<Expr>(args);
    pullbackArgs.add(Expr.literal(1.0));
    if (adjoints != null) {
      pullbackArgs.add(adjoints);
    }
    pullbackArgs.addAll(arrayAdjoints);
    Expr.Var value = tangents.temporary(invoke.type());
    out.add(new Stmt.Declare(value, new Expr.Call(callee.owner().companion(), callee.pullback(),
        pullbackArgs, invoke.type()), Source.NONE));
    Expr.Var node = tangents.temporary(Type.INT);
    out.add(new Stmt.Declare(node, new Expr.Runtime(nodes.trace(), "call", List.of(
        nodes.location(), TraceNodes.text(SourceText.brief(invoke)),
        TraceNodes.text(callee.sourceName()), value), Type.INT), Source.NONE));
    int slot = 0;
    int array = 0;
    for (int i = 0; i < callee.roles().size(); i++) {
      Expr tangent = tangents.orZero(duals.get(i), invoke.args().get(i));
      switch (callee.roles().get(i)) {
        case SCALAR -> out.add(new Stmt.Evaluate(Expr.Runtime.of(nodes.trace(), "edge", tangent,
            slot(adjoints, slot++))));
        case ARRAY -> out.add(new Stmt.Evaluate(Expr.Runtime.of(nodes.trace(), "edges", tangent,
            arrayAdjoints.get(array++))));
        case CONSTANT -> { }
      }
    }
    return new Tangents.Dual(value, node);
  }

  private void refuseUnlessPlain(Expr.Invoke invoke, Callee.Differentiable callee) {
    String reason = callee.directional() ? "a gradient read inside the method"
        : callee.instance() || callee.components() ? "a call of '" + callee.sourceName()
            + "', which takes or returns records or is private"
        : invoke.type() != Type.DOUBLE && invoke.type() != Type.FLOAT ? "a call of '"
            + callee.sourceName() + "', which returns no number"
        : invoke.args().stream().anyMatch(a -> a.type().rank() > 1) ? "a call of '"
            + callee.sourceName() + "' with a matrix argument"
        : null;
    if (reason != null) {
      throw new TraceRefusal(nodes.site(), reason);
    }
  }

  private static Expr slot(Expr.Var array, int slot) {
    return new Expr.Index(array, new Expr.Literal(Type.INT, slot), Type.DOUBLE);
  }
}
