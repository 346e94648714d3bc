package dev.leibniz.processor.forward;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Rewrite;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.SourceText;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tangents as a trace's nodes: each value's tangent is the id of the node that computed it (0
 * for a constant), and each operation is recorded with {@code trace.node(location, text,
 * operation, value, operand, local partial, …)}, where its tangent would be summed. Loop
 * iterations are entered and left, so that their nodes carry the loop's counter.
 */
final class TraceNodes implements TangentKind {
  /** The runtime class generated trace methods record into. */
  static final TypeRef TRACE = new TypeRef("dev.leibniz", List.of("Trace"));
  private static final int MOST_OPERANDS = 3;
  private static final Type NODES = Type.arrayOf(Type.INT);
  private static final Type NODE_MATRIX = Type.arrayOf(NODES);

  private final Expr.Var trace;
  private final Map<Expr.Var, Expr> sourceNames;
  private String location = "";
  private int site = -1;

  /**
   * @param trace the local holding the trace
   * @param sourceNames the variables the texts name otherwise, as {@code SourceText.sourceNames}
   */
  TraceNodes(Expr.Var trace, Map<Expr.Var, Expr> sourceNames) {
    this.trace = trace;
    this.sourceNames = sourceNames;
  }

  /** The source text of {@code e} as a literal, record components named as the source does. */
  Expr source(Expr e) {
    return text(SourceText.brief(Rewrite.expression(e, sourceNames)));
  }

  /** The local holding the trace. */
  Expr.Var trace() {
    return trace;
  }

  /** {@code File.java:line} of the statement being walked. */
  Expr location() {
    return text(location);
  }

  /** The site of the statement being walked, for refusals. */
  int site() {
    return site;
  }

  static Expr text(String text) {
    return new Expr.Literal(Type.OBJECT, text);
  }

  @Override
  public void at(String fileName, Source source) {
    if (source.line() > 0) {
      location = fileName + ":" + source.line();
      site = source.site();
    }
  }

  @Override
  public String suffix() {
    return "Node";
  }

  @Override
  public Type typeOf(Type value) {
    return switch (value.rank()) {
      case 0 -> Type.INT;
      case 1 -> NODES;
      default -> NODE_MATRIX;
    };
  }

  @Override
  public Expr zero(Expr e) {
    return switch (e.type().rank()) {
      case 0 -> new Expr.Literal(Type.INT, 0);
      case 1 -> new Expr.NewArray(NODES, List.of(new Expr.Length(e)));
      default -> new Expr.Call(TRACE, "constants", List.of(e), NODE_MATRIX);
    };
  }

  @Override
  public Expr fresh(Expr.NewArray array) {
    return new Expr.NewArray(typeOf(array.type()), array.dimensions());
  }

  @Override
  public Expr combine(Expr operation, Expr.Var value, List<Term> terms) {
    if (terms.isEmpty()) {
      return null;
    }
    if (terms.size() > MOST_OPERANDS) {
      throw new TraceRefusal(site, "'" + SourceText.of(operation) + "' has more than "
          + MOST_OPERANDS + " operands that carry a derivative");
    }
    var args = new ArrayList<Expr>(List.of(location(), source(operation),
        text(SourceText.operation(operation)), value));
    for (Term t : terms) {
      args.add(t.tangent());
      args.add(t.local());
    }
    return new Expr.Runtime(trace, "node", args, Type.INT);
  }

  @Override
  public Type combinedType() {
    return Type.INT;
  }

  @Override
  public boolean pushesForward() {
    return false;
  }

  @Override
  public List<Stmt> iterationStart(Stmt.Loop loop) {
    return Exprs.counter(loop).<List<Stmt>>map(c -> List.of(new Stmt.Evaluate(
        Expr.Runtime.of(trace, "enter", text(SourceText.of(c)), c)))).orElse(List.of());
  }

  @Override
  public List<Stmt> iterationEnd(Stmt.Loop loop) {
    return Exprs.counter(loop).<List<Stmt>>map(c -> List.of(new Stmt.Evaluate(
        Expr.Runtime.of(trace, "leave")))).orElse(List.of());
  }
}
