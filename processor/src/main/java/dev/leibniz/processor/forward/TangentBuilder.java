package dev.leibniz.processor.forward;

import dev.leibniz.processor.analyse.Activity;
import dev.leibniz.processor.diag.FiniteChecks;
import dev.leibniz.processor.ir.ArrayOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.SourceText;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.TangentMethod;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Unexpected;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The forward phase: a method's pushforward, from the same rule table as its pullback. Each
 * statement that changes an active variable is preceded by the tangent of what it computes:
 * {@code v = e} becomes {@code vDot = ė; v = e}, where {@code ė} is the sum over the operations
 * of {@code e} of local derivative × the operands' tangents. Branches and loops keep their shape
 * and nothing is saved: one sweep, forwards.
 */
public final class TangentBuilder {
  private final MethodIR method;
  private final Activity activity;
  private final Tangents tangents;
  /** The counters of the loops around the statement being walked, outermost first. */
  private final Deque<Expr.Var> counters = new ArrayDeque<>();

  private TangentBuilder(MethodIR method, Activity activity, TangentKind kind,
      FiniteChecks checks) {
    this.method = method;
    this.activity = activity;
    this.tangents = new Tangents(method, activity, kind, checks);
  }

  /**
   * The pushforward of {@code method}, lowered to one return at its end. For a method writing
   * into its arrays, the pushforward writes into them too, and into their tangents the tangents
   * of what it writes.
   */
  public static TangentMethod build(MethodIR method, Activity activity) {
    return build(method, activity, FiniteChecks.NONE);
  }

  /** As {@link #build(MethodIR, Activity)}, each value and tangent followed by its check. */
  public static TangentMethod build(MethodIR method, Activity activity, FiniteChecks checks) {
    return new TangentBuilder(method, activity, new TangentKind.Sums(), checks).build();
  }

  /**
   * The body of the method's trace: the same walk, each value carrying the id of its node in
   * {@code trace} instead of a tangent; the parameters' nodes are the "tangent" parameters and
   * the result's node the "tangent".
   *
   * @throws TraceRefusal for what a trace cannot follow yet
   */
  public static TangentMethod trace(MethodIR method, Activity activity, Expr.Var trace) {
    return new TangentBuilder(method, activity,
        new TraceNodes(trace, SourceText.sourceNames(method)), FiniteChecks.NONE).build();
  }

  private TangentMethod build() {
    var tangentParams = new ArrayList<Expr.Var>();
    for (Param p : method.params()) {
      if (p.differentiable()) {
        tangentParams.add(tangents.of(p.var()));
      }
    }
    Expr.Var value = tangents.fresh("value", method.returnType());
    Expr.Var tangent = tangents.kind().pushesForward()
        ? tangents.fresh("tangent", method.returnType())
        : tangents.fresh("resultNode", Type.INT);
    var groups = new ArrayList<List<Stmt>>();
    method.body().statements().forEach(s -> groups.add(statement(s, value, tangent)));
    var first = new ArrayList<Stmt>(
        method.returnType() == Type.VOID ? List.of() : copiesOfWrittenParameters());
    first.addAll(tangents.scratchDeclaration());
    groups.add(0, first);
    var all = new ArrayList<Stmt>();
    groups.forEach(all::addAll);
    return new TangentMethod(method, all, value, tangent, tangentParams, splittable(groups),
        tangents.pushed(), tangents.writes());
  }

  /**
   * The sweep as blocks, one per statement of the method, after the declarations of the locals
   * they share; a call's result record stays inside its block.
   */
  private static List<Stmt> splittable(List<List<Stmt>> groups) {
    var declarations = new ArrayList<Stmt>();
    var blocks = new ArrayList<Stmt>();
    for (List<Stmt> group : groups) {
      var inner = new ArrayList<Stmt>();
      for (Stmt s : group) {
        if (s instanceof Stmt.Declare d && d.var().type() != Type.INFERRED) {
          declarations.add(new Stmt.Declare(d.var(), Expr.defaultOf(d.var().type()),
              Source.NONE));
          if (d.init() != null) {
            inner.add(new Stmt.Assign(d.var(), d.init(), d.source()));
          }
        } else {
          inner.add(s);
        }
      }
      blocks.add(new Stmt.Block(inner));
    }
    declarations.addAll(blocks);
    return declarations;
  }

  /**
   * Copies of the array parameters the method writes into, and of their tangents, so that the
   * pushforward never changes its inputs.
   */
  private List<Stmt> copiesOfWrittenParameters() {
    var copies = new ArrayList<Stmt>();
    for (Param p : method.params()) {
      Expr.Var array = p.var();
      boolean written = dev.leibniz.processor.ir.Stmts.all(method.body())
          .anyMatch(s -> !(s instanceof Stmt.Declare)
              && dev.leibniz.processor.ir.Stmts.writes(s).contains(array));
      if (array.type().isArray() && written) {
        copies.add(new Stmt.Assign(array, ArrayOp.COPY_OF.of(array), Source.NONE));
        if (p.differentiable()) {
          Expr.Var direction = tangents.of(array);
          copies.add(new Stmt.Assign(direction, ArrayOp.COPY_OF.of(direction), Source.NONE));
        }
      }
    }
    return copies;
  }

  private List<Stmt> statement(Stmt s, Expr.Var value, Expr.Var tangent) {
    tangents.kind().at(method.fileName(), source(s));
    tangents.checks().at(source(s), List.copyOf(counters), Map.of());
    var out = new ArrayList<Stmt>(comment(s));
    s.accept(new Stmt.SourceVisitor<Void>() {
      @Override
      public Void declare(Stmt.Declare d) {
        TangentBuilder.this.declare(d, out);
        return null;
      }

      @Override
      public Void assign(Stmt.Assign a) {
        TangentBuilder.this.assign(a, out);
        return null;
      }

      @Override
      public Void returns(Stmt.Return r) {
        Tangents.Dual dual = tangents.dual(r.value(), out);
        out.add(new Stmt.Declare(value, dual.value(), r.source()));
        out.add(new Stmt.Declare(tangent, tangents.orZero(dual, r.value()), Source.NONE));
        return null;
      }

      @Override
      public Void block(Stmt.Block b) {
        // Locals have names of their own: a block's statements join the enclosing list, so
        // that what it declares stays in scope, as in the reader's view of the method.
        b.statements().forEach(nested -> out.addAll(statement(nested, value, tangent)));
        return null;
      }

      @Override
      public Void branch(Stmt.If i) {
        out.add(new Stmt.If(i.condition(), TangentBuilder.this.block(i.then(), value, tangent),
            TangentBuilder.this.block(i.otherwise(), value, tangent), i.source()));
        return null;
      }

      @Override
      public Void loop(Stmt.Loop l) {
        var body = new ArrayList<>(tangents.kind().iterationStart(l));
        Exprs.counter(l).ifPresent(counters::addLast);
        body.addAll(TangentBuilder.this.block(l.body(), value, tangent).statements());
        Exprs.counter(l).ifPresent(c -> counters.removeLast());
        body.addAll(tangents.kind().iterationEnd(l));
        out.add(new Stmt.Loop(l.condition(), new Stmt.Block(body),
            TangentBuilder.this.block(l.update(), value, tangent), l.testFirst(), l.source()));
        return null;
      }

      @Override
      public Void write(Stmt.Write w) {
        Expr.Invoke call = w.call();
        if (activity.isActive(call) && !tangents.kind().pushesForward()) {
          throw new TraceRefusal(w.source().site(), "a call of '" + call.callee().name()
              + "', which writes into its arrays");
        }
        Expr evaluated = activity.isActive(call)
            ? tangents.pushforward(call, out, Type.VOID)
            : call;
        tangents.writes().put(evaluated, w);
        out.add(new Stmt.Evaluate(evaluated));
        return null;
      }

      @Override
      public Void breaks(Stmt.Break b) {
        throw Unexpected.lowered(b);
      }

      @Override
      public Void continues(Stmt.Continue c) {
        throw Unexpected.lowered(c);
      }

      @Override
      public Void generated(Stmt.Generated g) {
        throw Unexpected.generated(g);
      }
    });
    return out;
  }

  /** The source line of an assignment, as the pullback has it. */
  private List<Stmt> comment(Stmt s) {
    Source source = source(s);
    return source.line() > 0
        ? List.of(new Stmt.Comment(method.fileName() + ":" + source.line() + ": " + source.text()))
        : List.of();
  }

  private static Source source(Stmt s) {
    return s instanceof Stmt.Declare d ? d.source()
        : s instanceof Stmt.Assign a ? a.source()
        : s instanceof Stmt.Return r ? r.source()
        : s instanceof Stmt.Write w ? w.source()
        : Source.NONE;
  }

  private Stmt.Block block(Stmt.Block b, Expr.Var value, Expr.Var tangent) {
    var out = new ArrayList<Stmt>();
    b.statements().forEach(s -> out.addAll(statement(s, value, tangent)));
    return new Stmt.Block(out);
  }

  /** {@code T v = e}: with its tangent {@code T vDot = ė} if {@code v} is active. */
  private void declare(Stmt.Declare d, List<Stmt> out) {
    Expr.Var v = d.var();
    if (!activity.isActive(v)) {
      out.add(d);
      return;
    }
    if (d.init() == null) {
      out.add(d);
      out.add(new Stmt.Declare(tangents.of(v), null, Source.NONE));
      return;
    }
    Tangents.Dual dual = tangents.dual(d.init(), out);
    out.add(new Stmt.Declare(v, dual.value(), d.source()));
    out.add(new Stmt.Declare(tangents.of(v), tangents.orZero(dual, d.init()), Source.NONE));
  }

  /**
   * {@code v = e} or {@code a[i] = e}: the tangent first, while the operands still hold what
   * the value is computed from.
   */
  private void assign(Stmt.Assign a, List<Stmt> out) {
    Expr.Var v = a.variable();
    if (!activity.isActive(v)) {
      out.add(a);
      return;
    }
    Tangents.Dual dual = tangents.dual(a.value(), out);
    out.add(new Stmt.Assign(tangents.target(a.target()), tangents.orZero(dual, a.value()),
        Source.NONE));
    out.add(new Stmt.Assign(a.target(), dual.value(), a.source()));
  }
}
