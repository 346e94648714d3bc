package dev.leibniz.processor.forward;

import dev.leibniz.processor.ir.ArrayOp;
import dev.leibniz.processor.ir.BinaryOp;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
   * tangent; empty, with the reason in {@code why}, for what second order does not follow:
   * callees not of order 2, rules Leibniz cannot differentiate, gradients read (third
   * derivatives), writes into matrix parameters and calls of methods writing arrays.
   */
  public static Optional<MethodIR> of(TangentMethod tangent, StringBuilder why) {
    MethodIR f = tangent.primal();
    for (TangentMethod.Pushed p : tangent.pushed().values()) {
      var callee = (Callee.Differentiable) p.call().callee();
      if (callee.order() < 2) {
        why.append("it calls '").append(callee.name()).append("', whose second derivatives"
            + " Leibniz has only if it is @Differentiable(order = 2) too: add order = 2 to it");
        return Optional.empty();
      }
    }
    var statements = new ArrayList<Stmt>();
    for (Stmt s : withoutComments(tangent.body(), tangent.pushed().keySet())) {
      statements.add(Rewrite.mapped(s, e -> throughCallees(e, tangent)));
    }
    statements = differentiableCopies(statements);
    Optional<String> unsupported = f.returnType() != Type.DOUBLE
        ? Optional.of("second order is for methods returning double")
        : unsupported(statements, f);
    if (unsupported.isPresent()) {
      why.append(unsupported.get());
      return Optional.empty();
    }
    statements.add(new Stmt.Return(tangent.tangent(), Source.NONE));
    var params = new ArrayList<>(f.params());
    // The direction is differentiable too: a caller of order 2 passes one that depends on its
    // inputs, and ∂g/∂v = ∇f.
    tangent.tangentParams().forEach(t -> params.add(Param.primitive(t, true)));
    return Optional.of(new MethodIR(name(f), f.owner(), f.fileName(), f.receiver(), params,
        new Stmt.Block(statements), f.hidden(), f.constants(), Type.DOUBLE, f.userMethod()));
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
    var callee = (Callee.Differentiable) pushed.call().callee();
    var roles = new ArrayList<>(callee.roles());
    callee.roles().stream().filter(r -> r != Callee.Role.CONSTANT).forEach(roles::add);
    var args = new ArrayList<>(call.args());
    pushed.directions().forEach(d -> args.add(nested.apply(d)));
    var directional = new Callee.Differentiable(callee.owner(), callee.name(),
        callee.instance(), roles, 2, true);
    return new Expr.Invoke(directional, args, call.type(), call.site());
  }

  /**
   * The statements without their source comments (the reverse phase writes its own) and
   * without the locals holding pushforward results, whose reads become calls.
   */
  private static List<Stmt> withoutComments(List<Stmt> statements, Set<Expr.Var> records) {
    var out = new ArrayList<Stmt>();
    for (Stmt s : statements) {
      if (s instanceof Stmt.Comment
          || (s instanceof Stmt.Declare d && records.contains(d.var()))) {
        continue;
      }
      if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), block(i.then(), records),
            block(i.otherwise(), records), i.source()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.condition(), block(l.body(), records),
            block(l.update(), records), l.testFirst(), l.source()));
      } else if (s instanceof Stmt.Block b) {
        out.add(block(b, records));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static Stmt.Block block(Stmt.Block b, Set<Expr.Var> records) {
    return new Stmt.Block(withoutComments(b.statements(), records));
  }

  /**
   * The pushforward begins with copies of the vectors it writes into, so that it never changes
   * its inputs ({@code a = copyOf(a)}); g copies them in a form the reverse phase follows, a
   * local array filled by a loop, and the rest of the body reads and writes the local.
   */
  private static ArrayList<Stmt> differentiableCopies(List<Stmt> statements) {
    var out = new ArrayList<Stmt>();
    var renamed = new HashMap<Expr.Var, Expr>();
    var taken = new HashSet<String>();
    Exprs.mentioned(statements).forEach(v -> taken.add(v.name()));
    int first = 0;
    while (first < statements.size() && statements.get(first) instanceof Stmt.Assign a
        && a.target() instanceof Expr.Var v && v.type() == Type.DOUBLE_ARRAY
        && a.value().equals(ArrayOp.COPY_OF.of(v))) {
      var copy = new Expr.Var(unique("_" + v.name() + "Copy", taken), v.type());
      var i = new Expr.Var(unique("_i", taken), Type.INT);
      out.add(new Stmt.Declare(copy, new Expr.NewArray(v.type(), List.of(new Expr.Length(v))),
          Source.NONE));
      Stmt element = new Stmt.Assign(new Expr.Index(copy, i, Type.DOUBLE),
          new Expr.Index(v, i, Type.DOUBLE), Source.NONE);
      Stmt step = new Stmt.Assign(i, new Expr.Binary(BinaryOp.ADD, i,
          new Expr.Literal(Type.INT, 1), Type.INT), Source.NONE);
      out.add(new Stmt.Block(List.of(new Stmt.Declare(i, new Expr.Literal(Type.INT, 0),
              Source.NONE),
          new Stmt.Loop(new Expr.Binary(BinaryOp.LT, i, new Expr.Length(v), Type.BOOLEAN),
              new Stmt.Block(List.of(element)), new Stmt.Block(List.of(step)), true,
              Source.NONE))));
      renamed.put(v, copy);
      first++;
    }
    statements.subList(first, statements.size())
        .forEach(s -> out.add(Rewrite.everywhere(s, renamed)));
    return out;
  }

  private static String unique(String base, Set<String> taken) {
    String name = base;
    for (int n = 2; !taken.add(name); n++) {
      name = base + n;
    }
    return name;
  }

  /** Why g cannot be differentiated yet, if it cannot. */
  private static Optional<String> unsupported(List<Stmt> statements, MethodIR f) {
    List<Stmt> all = statements.stream().flatMap(Stmts::all).toList();
    List<Expr.Call> calls = all.stream().flatMap(Stmts::expressions)
        .flatMap(Directional::calls).filter(c -> !isMath(c)).toList();
    List<Callee> callees = Stmts.all(f.body()).flatMap(Stmts::expressions)
        .flatMap(Exprs::nodes)
        .flatMap(e -> e instanceof Expr.Invoke i ? Stream.of(i.callee()) : Stream.empty())
        .toList();
    if (callees.stream().anyMatch(c -> c instanceof Callee.Differentiable d && d.directional())) {
      return Optional.of("it reads the gradient of another method, whose derivative is of"
          + " order 2 already: a second order of it would take third derivatives");
    }
    List<Callee.WithRule> rules = callees.stream()
        .flatMap(c -> c instanceof Callee.WithRule r ? Stream.of(r) : Stream.empty())
        .toList();
    for (Expr.Call c : calls) {
      Optional<Callee.WithRule> rule = rules.stream()
          .filter(r -> r.ruleOwner().equals(c.owner()) && r.rule().equals(c.name())).findFirst();
      if (rule.isPresent() && rule.get().arity() > 1) {
        return Optional.of("its derivative calls the rule of '" + rule.get().name() + "', a"
            + " function of several arguments, which gives first derivatives only: write that"
            + " function as a method of order 2");
      } else if (rule.isPresent()) {
        return Optional.of("its derivative calls the rule '" + c.owner().nestedName() + "."
            + c.name() + "', whose own derivative Leibniz has only if it is @Differentiable:"
            + " add that annotation to it");
      }
    }
    boolean arrays = !calls.isEmpty() || all.stream().anyMatch(s -> s instanceof Stmt.Evaluate
        || s instanceof Stmt.Write
        || (s instanceof Stmt.Assign a && a.target().type().isArray()
            && f.allParams().stream().anyMatch(p -> p.var().equals(a.target()))))
        || all.stream().flatMap(Stmts::expressions)
            .anyMatch(e -> Exprs.nodes(e).anyMatch(x -> x instanceof Expr.Accessor));
    return arrays
        ? Optional.of("second order does not yet follow writes into matrix parameters, nor"
            + " calls of methods that write arrays or return them")
        : Optional.empty();
  }

  private static Stream<Expr.Call> calls(Expr e) {
    return Exprs.nodes(e).filter(x -> x instanceof Expr.Call).map(x -> (Expr.Call) x);
  }

  private static boolean isMath(Expr.Call c) {
    return (c.owner().equals(TypeRef.MATH) || c.owner().equals(TypeRef.STRICT_MATH))
        && Rules.isFunction(c.name());
  }
}
