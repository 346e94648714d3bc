package dev.leibniz.processor.forward;

import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
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
    Tangents.Gradient g = tangents.gradientAt(invoke, callee, invoke.type(), out);
    Expr.Var value = g.value();
    Expr.Var node = tangents.temporary(Type.INT);
    out.add(new Stmt.Declare(node, new Expr.Runtime(nodes.trace(), "call", List.of(
        nodes.location(), nodes.source(invoke),
        TraceNodes.text(callee.sourceName()), value), Type.INT), Source.NONE));
    int slot = 0;
    int array = 0;
    for (int i = 0; i < callee.roles().size(); i++) {
      Expr tangent = tangents.orZero(g.duals().get(i), invoke.args().get(i));
      switch (callee.roles().get(i)) {
        case SCALAR -> out.add(new Stmt.Evaluate(Expr.Runtime.of(nodes.trace(), "edge", tangent,
            Tangents.slot(g.adjoints(), slot++))));
        case ARRAY -> out.add(new Stmt.Evaluate(Expr.Runtime.of(nodes.trace(), "edges", tangent,
            g.arrayAdjoints().get(array++))));
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
}
