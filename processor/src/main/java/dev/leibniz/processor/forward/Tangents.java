package dev.leibniz.processor.forward;

import dev.leibniz.processor.analyse.Activity;
import dev.leibniz.processor.analyse.DifferentiablePaths;
import dev.leibniz.processor.diag.FiniteChecks;
import dev.leibniz.processor.ir.ArrayOp;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.TangentMethod;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Algebra;
import dev.leibniz.processor.rules.Exprs;
import dev.leibniz.processor.rules.Rule;
import dev.leibniz.processor.rules.Rules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Values with their tangents: each active operation of an expression gets a local for its value
 * and one for its tangent, Σ ∂op/∂operandᵢ · operandᵢ', the partial derivatives read from the
 * rule table; a variable's tangent is the variable {@code xDot}, an element's the element of
 * the array's tangent. Calls of differentiable methods go through their pushforwards.
 */
final class Tangents {
  private final Activity activity;
  private final TangentKind kind;
  private final FiniteChecks checks;
  private final Set<String> taken = new HashSet<>();
  private final Map<Expr.Var, Expr.Var> tangents = new HashMap<>();
  private final Map<Expr.Var, TangentMethod.Pushed> pushed = new HashMap<>();
  private final Map<Expr, Stmt.Write> writes = new HashMap<>();
  private Expr.Var scratch;
  private int scratchSize;
  private int temporaries;

  /** A value and its tangent; a null tangent is zero. */
  record Dual(Expr value, Expr tangent) {}

  Tangents(MethodIR method, Activity activity, TangentKind kind, FiniteChecks checks) {
    this.activity = activity;
    this.kind = kind;
    this.checks = checks;
    method.allParams().forEach(p -> taken.add(p.var().name()));
    // Locals declared and never read are taken too: the pushforward declares them.
    Stmts.all(method.body()).forEach(s -> Stmts.writes(s).forEach(v -> taken.add(v.name())));
    Exprs.mentioned(List.of(method.body())).forEach(v -> taken.add(v.name()));
  }

  /** The tangent of a variable: {@code x → xDot}, the same each time. */
  Expr.Var of(Expr.Var v) {
    return tangents.computeIfAbsent(v, x -> fresh(x.name() + kind.suffix(),
        kind.typeOf(x.type())));
  }

  /** The tangent of an assignment's target: a variable's, or the element of an array's. */
  Expr target(Expr target) {
    if (target instanceof Expr.Index i) {
      return new Expr.Index(target(i.array()), i.index(), i.type());
    }
    return of((Expr.Var) target);
  }

  /** The dual's tangent, or the zero of the expression's type. */
  Expr orZero(Dual dual, Expr e) {
    return dual.tangent() != null ? dual.tangent() : kind.zero(e);
  }

  /** What is carried next to each value. */
  TangentKind kind() {
    return kind;
  }

  /** The finite checks asked for, added after each value and tangent. */
  FiniteChecks checks() {
    return checks;
  }

  /** The value and tangent of {@code e}, with the locals they need added to {@code out}. */
  Dual dual(Expr e, List<Stmt> out) {
    if (e instanceof Expr.NewArray n) {
      return new Dual(n, kind.fresh(n));
    }
    if (!activity.isActive(e)) {
      return new Dual(e, null);
    }
    return e.accept(new TangentOf(this, out));
  }

  /** An operation of the rule table: its value, then Σ partialᵢ × operandᵢ'. */
  Dual operation(Expr e, List<Stmt> out) {
    List<Expr> operands = Exprs.children(e).toList();
    var duals = new ArrayList<Dual>();
    operands.forEach(o -> duals.add(dual(o, out)));
    Expr node = withOperands(e, duals.stream().map(Dual::value).toList());
    Expr.Var value = temporary(e.type());
    out.add(new Stmt.Declare(value, node, Source.NONE));
    out.addAll(checks.value(value, e));
    Rule rule = Rules.of(node).orElseThrow(() -> new IllegalStateException("no rule for " + e));
    List<Expr> args = Exprs.children(node).toList();
    // Operands with the same tangent share it: x·x gives 2x·ẋ, not x·ẋ + x·ẋ.
    var locals = new LinkedHashMap<Expr, Expr>();
    for (int i = 0; i < args.size(); i++) {
      if (duals.get(i).tangent() != null) {
        Expr local = rule.partial(i, args, value);
        if (!Algebra.isZero(local)) {
          locals.merge(duals.get(i).tangent(), local, (a, b) -> a.equals(b)
              ? new Expr.Literal(Type.DOUBLE, 2.0).times(a)
              : a.plus(b));
        }
      }
    }
    Expr combined = kind.combine(e, value, locals.entrySet().stream()
        .map(entry -> new TangentKind.Term(entry.getKey(), entry.getValue())).toList());
    return new Dual(value, combined == null ? null : checked(bind(combined, out), e, out));
  }

  /** A call: through the callee's pushforward, or its rule, or a constant. */
  Dual call(Expr.Invoke invoke, List<Stmt> out) {
    if (invoke.callee() instanceof Callee.Differentiable d && !kind.pushesForward()) {
      return new CallNodes(this, (TraceNodes) kind).call(invoke, d, out);
    }
    if (invoke.callee() instanceof Callee.Differentiable d && d.directional()) {
      return gradientComponent(invoke, d, out);
    }
    if (invoke.callee() instanceof Callee.Differentiable) {
      Expr.Var record = temporary(Type.INFERRED);
      Expr.Call call = pushforward(invoke, out, Type.INFERRED);
      int count = invoke.args().size();
      pushed.put(record, new TangentMethod.Pushed(
          new Expr.Invoke(invoke.callee(), call.args().subList(0, count), invoke.type(),
              invoke.site()),
          call.args().subList(count, call.args().size())));
      out.add(new Stmt.Declare(record, call, Source.NONE));
      return new Dual(new Expr.Accessor(record, "value", invoke.type()),
          new Expr.Accessor(record, "tangent", invoke.type()));
    }
    if (invoke.callee() instanceof Callee.WithRule rule) {
      return withRule(invoke, rule, out);
    }
    return new Dual(invoke, null);
  }

  /**
   * The call of a differentiable callee's pushforward: its arguments, then the tangents of its
   * differentiable ones; arrays a writing callee writes into have their tangents written too.
   */
  Expr.Call pushforward(Expr.Invoke invoke, List<Stmt> out, Type type) {
    var callee = (Callee.Differentiable) invoke.callee();
    var all = new ArrayList<Expr>(invoke.args());
    var directions = new ArrayList<Expr>();
    for (int position : DifferentiablePaths.differentiablePositions(invoke)) {
      Expr arg = invoke.args().get(position);
      Dual d = dual(arg, out);
      all.set(position, d.value());
      Expr direction = orZero(d, arg);
      // A float parameter's tangent is a float; the tangent's arithmetic is double.
      directions.add(arg.type() == Type.FLOAT && direction.type() != Type.FLOAT
          ? new Expr.Cast(Type.FLOAT, direction) : direction);
    }
    all.addAll(directions);
    return new Expr.Call(callee.owner().companion(), callee.name() + "Pushforward", all, type);
  }

  /**
   * A gradient read in the method, g = ∇f · v with v constant: its tangent along ẋ is
   * vᵀ H ẋ = (H v) · ẋ, and H v is what the pullback of f's directional derivative gives for
   * f's parameters (the adjoints of the directions, which follow, are the gradient).
   */
  private Dual gradientComponent(Expr.Invoke invoke, Callee.Differentiable callee,
      List<Stmt> out) {
    Gradient g = gradientAt(invoke, callee, Type.DOUBLE, out);
    return new Dual(g.value(), hessianTimesTangent(callee, g.duals(), g.adjoints(),
        g.arrayAdjoints(), out));
  }

  /**
   * A call's value and its callee's gradient at the arguments, from the callee's pullback with
   * {@code upstream = 1}.
   *
   * @param duals the arguments' values and tangents
   * @param adjoints the scratch array the scalar parameters' partials are in, or null
   * @param arrayAdjoints one array of partials per array parameter
   */
  record Gradient(Expr.Var value, List<Dual> duals, Expr.Var adjoints,
      List<Expr.Var> arrayAdjoints) {}

  /** The call of {@code callee}'s pullback at {@code invoke}'s arguments, into fresh adjoints. */
  Gradient gradientAt(Expr.Invoke invoke, Callee.Differentiable callee, Type type,
      List<Stmt> out) {
    var duals = new ArrayList<Dual>();
    invoke.args().forEach(a -> duals.add(dual(a, out)));
    var args = new ArrayList<Expr>(duals.stream().map(Dual::value).toList());
    int scalars = (int) callee.roles().stream().filter(r -> r == Callee.Role.SCALAR).count();
    // The pullback adds into its adjoints: the shared scratch array is zeroed first, not
    // allocated per call (the call may sit in a loop).
    Expr.Var adjoints = scalars == 0 ? null : scratch(scalars);
    for (int slot = 0; slot < scalars; slot++) {
      out.add(new Stmt.Assign(slot(adjoints, slot), Expr.literal(0.0), Source.NONE));
    }
    var arrayAdjoints = new ArrayList<Expr.Var>();
    for (int i = 0; i < callee.roles().size(); i++) {
      if (callee.roles().get(i) == Callee.Role.ARRAY) {
        Expr.Var adjoint = temporary(args.get(i).type());
        out.add(new Stmt.Declare(adjoint, ArrayOp.ZEROS_LIKE.of(args.get(i)), Source.NONE));
        arrayAdjoints.add(adjoint);
      }
    }
    args.add(Expr.literal(1.0));
    if (adjoints != null) {
      args.add(adjoints);
    }
    args.addAll(arrayAdjoints);
    Expr.Var value = temporary(type);
    out.add(new Stmt.Declare(value, new Expr.Call(callee.owner().companion(), callee.pullback(),
        args, type), Source.NONE));
    return new Gradient(value, duals, adjoints, arrayAdjoints);
  }

  /** (H v) · ẋ over f's parameters: the first half of the directional derivative's. */
  private Expr hessianTimesTangent(Callee.Differentiable callee, List<Dual> duals,
      Expr.Var adjoints, List<Expr.Var> arrayAdjoints, List<Stmt> out) {
    // The roles are f's, then one per direction, of f's differentiable parameters.
    int parameters = callee.roles().size() - (int) callee.roles().stream()
        .filter(r -> r != Callee.Role.CONSTANT).count() / 2;
    Expr sum = null;
    int slot = 0;
    int array = 0;
    for (int i = 0; i < parameters; i++) {
      Callee.Role role = callee.roles().get(i);
      Expr tangent = duals.get(i).tangent();
      Expr term = null;
      if (role == Callee.Role.SCALAR && tangent != null) {
        term = Algebra.product(slot(adjoints, slot), tangent);
      } else if (role == Callee.Role.ARRAY && tangent != null) {
        term = ArrayOp.DOT.call(List.of(arrayAdjoints.get(array), tangent), Type.DOUBLE);
      }
      slot += role == Callee.Role.SCALAR ? 1 : 0;
      array += role == Callee.Role.ARRAY ? 1 : 0;
      if (term != null) {
        sum = sum == null ? term : sum.plus(term);
      }
    }
    return sum == null ? null : bind(sum, out);
  }

  static Expr slot(Expr.Var array, int slot) {
    return new Expr.Index(array, new Expr.Literal(Type.INT, slot), Type.DOUBLE);
  }

  /**
   * A function with a {@code @DerivativeOf} rule: for one argument the rule returns the
   * derivative; for several it fills a scratch array with the partials.
   */
  private Dual withRule(Expr.Invoke invoke, Callee.WithRule rule, List<Stmt> out) {
    var duals = new ArrayList<Dual>();
    invoke.args().forEach(a -> duals.add(dual(a, out)));
    List<Expr> args = duals.stream().map(Dual::value).toList();
    Expr.Var value = temporary(Type.DOUBLE);
    out.add(new Stmt.Declare(value,
        new Expr.Invoke(invoke.callee(), args, invoke.type(), invoke.site()), Source.NONE));
    var locals = new ArrayList<TangentKind.Term>();
    if (rule.arity() == 1) {
      // A rule method that is itself differentiable is called as one, so that second order
      // differentiates through it: (f'(x) ẋ)' needs f''.
      Expr derivative = rule.differentiableRule()
          .<Expr>map(r -> new Expr.Invoke(r, args, Type.DOUBLE, invoke.site()))
          .orElse(new Expr.Call(rule.ruleOwner(), rule.rule(), args, Type.DOUBLE));
      if (duals.get(0).tangent() != null) {
        locals.add(new TangentKind.Term(duals.get(0).tangent(), derivative));
      }
    } else {
      Expr.Var partials = scratch(rule.arity());
      var withScratch = new ArrayList<Expr>(args);
      withScratch.add(partials);
      out.add(partials(rule, withScratch, invoke.site()));
      for (int i = 0; i < args.size(); i++) {
        if (duals.get(i).tangent() != null) {
          Expr slot = new Expr.Index(partials, new Expr.Literal(Type.INT, i), Type.DOUBLE);
          locals.add(new TangentKind.Term(duals.get(i).tangent(), slot));
        }
      }
    }
    Expr combined = kind.combine(invoke, value, locals);
    return new Dual(value, combined == null ? null : checked(bind(combined, out), invoke, out));
  }

  /**
   * The rule filling the partials; a rule method that is itself differentiable is called as a
   * method writing into its array, which second order differentiates.
   */
  private Stmt partials(Callee.WithRule rule, List<Expr> args, int site) {
    Optional<Callee.Differentiable> differentiable = rule.differentiableRule();
    if (differentiable.isEmpty()) {
      return new Stmt.Evaluate(new Expr.Call(rule.ruleOwner(), rule.rule(), args, Type.VOID));
    }
    var call = new Expr.Invoke(differentiable.get(), args, Type.VOID, site);
    writes.put(call, new Stmt.Write(call, List.of(args.size() - 1), Source.NONE));
    return new Stmt.Evaluate(call);
  }

  private static Expr withOperands(Expr e, List<Expr> operands) {
    if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), operands.get(0), operands.get(1), b.type());
    } else if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), operands.get(0), u.type());
    } else if (e instanceof Expr.Call c) {
      return new Expr.Call(c.owner(), c.name(), operands, c.type());
    }
    throw new IllegalStateException("not an operation: " + e);
  }

  /** {@code tangent}, after the finite check of it as the derivative of {@code operation}. */
  private Expr.Var checked(Expr.Var tangent, Expr operation, List<Stmt> out) {
    out.addAll(checks.tangent(tangent, operation));
    return tangent;
  }

  private Expr.Var bind(Expr e, List<Stmt> out) {
    Expr.Var t = temporary(kind.combinedType());
    out.add(new Stmt.Declare(t, e, Source.NONE));
    return t;
  }

  Expr.Var temporary(Type type) {
    return fresh("_t" + temporaries++, type);
  }

  Expr.Var scratch(int size) {
    if (scratch == null) {
      scratch = fresh("_partials", Type.DOUBLE_ARRAY);
    }
    scratchSize = Math.max(scratchSize, size);
    return scratch;
  }

  /** The calls of pushforwards made so far, by the local holding each result. */
  Map<Expr.Var, TangentMethod.Pushed> pushed() {
    return pushed;
  }

  /** The calls writing into arrays made so far, with the statements they stand for. */
  Map<Expr, Stmt.Write> writes() {
    return writes;
  }

  /** The scratch array's declaration, for the top of the method, if one was needed. */
  List<Stmt> scratchDeclaration() {
    if (scratch == null) {
      return List.of();
    }
    return List.of(new Stmt.Declare(scratch, new Expr.NewArray(Type.DOUBLE_ARRAY,
        List.of(new Expr.Literal(Type.INT, scratchSize))), Source.NONE));
  }

  /** A variable named {@code base}, or {@code base} with a number if that is taken. */
  Expr.Var fresh(String base, Type type) {
    String name = base;
    for (int suffix = 2; !taken.add(name); suffix++) {
      name = base + suffix;
    }
    return new Expr.Var(name, type);
  }
}
