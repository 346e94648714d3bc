package dev.leibniz.processor.forward;

import dev.leibniz.processor.analyse.DifferentiablePaths;
import dev.leibniz.processor.ir.ArrayOp;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Rewrite;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.TangentMethod;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.rules.Exprs;
import dev.leibniz.processor.rules.Rules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Second order from the two first-order modes: the directional derivative g(x, v) = ∇f(x) · v,
 * which the pushforward computes, is itself a method the reverse phase differentiates, and the
 * gradient of g with respect to x is the Hessian-vector product H v. The Hessian is n of them.
 */
public final class Directional {
  private Directional() {}

  /** The name of g's method in the companion: {@code fDirectional}. */
  public static String name(MethodIR method) {
    return method.name() + "Directional";
  }

  /**
   * g as a method: f's parameters, then the direction (differentiable too), returning the
   * tangent, or for a method writing into its arrays, writing their tangents into the
   * direction's; empty, with the reason in {@code why}, for what second order does not follow:
   * callees not of order 2, rules Leibniz cannot differentiate and gradients read (third
   * derivatives).
   */
  public static Optional<MethodIR> of(TangentMethod tangent, Consumer<Refusal> refused) {
    MethodIR f = tangent.primal();
    Optional<Refusal> unsupported = calleeNotOfOrderTwo(tangent);
    var statements = new ArrayList<Stmt>();
    for (Stmt s : withoutComments(tangent.body(), tangent)) {
      statements.add(Rewrite.mapped(s, e -> throughCallees(e, tangent)));
    }
    statements = differentiableCopies(statements);
    if (unsupported.isEmpty()) {
      unsupported = unsupported(statements, f);
    }
    if (unsupported.isPresent()) {
      refused.accept(unsupported.get());
      return Optional.empty();
    }
    if (f.returnType() != Type.VOID) {
      statements.add(new Stmt.Return(tangent.tangent(), Source.NONE));
    }
    var params = new ArrayList<>(f.params());
    // The direction is differentiable too: a caller of order 2 passes one that depends on its
    // inputs, and ∂g/∂v = ∇f.
    tangent.tangentParams().forEach(t -> params.add(Param.primitive(t, true)));
    return Optional.of(new MethodIR(name(f), f.owner(), f.fileName(), f.receiver(), params,
        new Stmt.Block(statements), f.hidden(), f.constants(), f.returnType(), f.userMethod()));
  }

  /**
   * Why second order cannot be had, and the call that is the cause ({@link #NO_SITE} for the
   * method as a whole).
   */
  public record Refusal(String reason, int site) {}

  /** The site of a refusal that is about the whole method. */
  public static final int NO_SITE = -1;

  private static Optional<Refusal> calleeNotOfOrderTwo(TangentMethod tangent) {
    var calls = new ArrayList<Expr.Invoke>();
    tangent.pushed().values().forEach(p -> calls.add(p.call()));
    tangent.writes().forEach((call, write) -> {
      if (!call.equals(write.call())) {
        calls.add(write.call());
      }
    });
    return calls.stream()
        .filter(c -> ((Callee.Differentiable) c.callee()).order() < 2)
        .min(Comparator.comparingInt(Expr.Invoke::site))
        .map(c -> new Refusal("it calls '"
            + ((Callee.Differentiable) c.callee()).sourceName() + "', whose second derivatives"
            + " Leibniz has only if it is @Differentiable(order = 2) too: add order = 2 to it",
            c.site()));
  }

  /**
   * A call writing into arrays as the statement g differentiates: the call itself where the
   * pushforward makes it, else the callee's directional derivative, which writes the arrays
   * the callee writes and, into the directions passed with them, their tangents.
   */
  private static Stmt write(Stmt.Evaluate evaluate, Stmt.Write original) {
    if (evaluate.call().equals(original.call())) {
      return original;
    }
    var pushforward = (Expr.Call) evaluate.call();
    var callee = (Callee.Differentiable) original.call().callee();
    int count = original.call().args().size();
    List<Integer> positions = DifferentiablePaths.differentiablePositions(original.call());
    var written = new ArrayList<>(original.written());
    for (int k = 0; k < positions.size(); k++) {
      Expr direction = pushforward.args().get(count + k);
      if (original.written().contains(positions.get(k))
          && (direction instanceof Expr.Var || direction instanceof Expr.Index)) {
        written.add(count + k);
      }
    }
    return new Stmt.Write(new Expr.Invoke(directional(callee), pushforward.args(), Type.VOID,
        original.call().site()), written, original.source(), original.guessed());
  }

  /** The callee's directional derivative: its parameters, then one direction per derivative. */
  private static Callee.Differentiable directional(Callee.Differentiable callee) {
    var roles = new ArrayList<>(callee.roles());
    callee.roles().stream().filter(r -> r != Callee.Role.CONSTANT).forEach(roles::add);
    return new Callee.Differentiable(callee.owner(), callee.name(), callee.instance(), roles,
        2, true);
  }

  /**
   * A callee's pushforward as two calls the reverse phase differentiates: its value is the
   * callee itself, its tangent the callee's own directional derivative, whose pullback is the
   * callee's Hessian times the direction.
   */
  private static Expr throughCallees(Expr e, TangentMethod tangent) {
    if (!(e instanceof Expr.Accessor a) || !tangent.pushed().containsKey(a.record())) {
      return e;
    }
    TangentMethod.Pushed pushed = tangent.pushed().get(a.record());
    // A call's arguments may read the results of calls nested in them: rewritten likewise.
    UnaryOperator<Expr> nested = x -> Rewrite.map(x, y -> throughCallees(y, tangent));
    var call = (Expr.Invoke) nested.apply(pushed.call());
    if (a.component().equals("value")) {
      return call;
    }
    var args = new ArrayList<>(call.args());
    pushed.directions().forEach(d -> args.add(nested.apply(d)));
    return new Expr.Invoke(directional((Callee.Differentiable) pushed.call().callee()), args,
        call.type(), call.site());
  }

  /**
   * The statements without their source comments (the reverse phase writes its own) and
   * without the locals holding pushforward results, whose reads become calls; calls writing
   * into arrays are statements that say so again.
   */
  private static List<Stmt> withoutComments(List<Stmt> statements, TangentMethod tangent) {
    var out = new ArrayList<Stmt>();
    for (Stmt s : statements) {
      if (s instanceof Stmt.Comment
          || (s instanceof Stmt.Declare d && tangent.pushed().containsKey(d.var()))) {
        continue;
      }
      if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), block(i.then(), tangent),
            block(i.otherwise(), tangent), i.source()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.condition(), block(l.body(), tangent),
            block(l.update(), tangent), l.testFirst(), l.source()));
      } else if (s instanceof Stmt.Block b) {
        out.add(block(b, tangent));
      } else if (s instanceof Stmt.Evaluate e && tangent.writes().containsKey(e.call())) {
        out.add(write(e, tangent.writes().get(e.call())));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static Stmt.Block block(Stmt.Block b, TangentMethod tangent) {
    return new Stmt.Block(withoutComments(b.statements(), tangent));
  }

  /**
   * The statements without the copies the pushforward begins with, of the arrays it writes
   * into ({@code a = copyOf(a)}): the reverse phase makes its own of the parameters g writes.
   */
  private static ArrayList<Stmt> differentiableCopies(List<Stmt> statements) {
    int first = 0;
    while (first < statements.size() && statements.get(first) instanceof Stmt.Assign a
        && a.target() instanceof Expr.Var v && a.value().equals(ArrayOp.COPY_OF.of(v))) {
      first++;
    }
    return new ArrayList<>(statements.subList(first, statements.size()));
  }

  /** Why g cannot be differentiated yet, if it cannot. */
  private static Optional<Refusal> unsupported(List<Stmt> statements, MethodIR f) {
    List<Stmt> all = statements.stream().flatMap(Stmts::all).toList();
    List<Expr.Invoke> invokes = Stmts.all(f.body()).flatMap(Stmts::expressions)
        .flatMap(Exprs::nodes)
        .flatMap(e -> e instanceof Expr.Invoke i ? Stream.of(i) : Stream.empty())
        .toList();
    Optional<Refusal> gradient = invokes.stream()
        .filter(i -> i.callee() instanceof Callee.Differentiable d && d.directional())
        .findFirst()
        .map(i -> new Refusal("it reads the gradient of another method, whose derivative is of"
            + " order 2 already: a second order of it would take third derivatives", i.site()));
    if (gradient.isPresent()) {
      return gradient;
    }
    return all.stream().flatMap(Stmts::expressions).flatMap(Directional::calls)
        .filter(c -> !isMath(c) && !c.owner().equals(TypeRef.ADJOINT_ARRAYS)).findFirst()
        .map(c -> new Refusal("its derivative calls the rule '" + c.owner().nestedName() + "."
            + c.name() + "', whose own derivative Leibniz has only if it is @Differentiable: add"
            + " that annotation to it", siteOfRule(c, invokes)));
  }

  /** The call of the function whose rule {@code rule} is. */
  private static int siteOfRule(Expr.Call rule, List<Expr.Invoke> invokes) {
    return invokes.stream()
        .filter(i -> i.callee() instanceof Callee.WithRule r
            && r.ruleOwner().equals(rule.owner()) && r.rule().equals(rule.name()))
        .mapToInt(Expr.Invoke::site).findFirst().orElse(NO_SITE);
  }

  private static Stream<Expr.Call> calls(Expr e) {
    return Exprs.nodes(e).filter(x -> x instanceof Expr.Call).map(x -> (Expr.Call) x);
  }

  private static boolean isMath(Expr.Call c) {
    return (c.owner().equals(TypeRef.MATH) || c.owner().equals(TypeRef.STRICT_MATH))
        && Rules.isFunction(c.name());
  }
}
