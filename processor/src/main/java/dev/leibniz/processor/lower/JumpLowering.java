package dev.leibniz.processor.lower;

import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.UnaryOp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The lower phase: rewrites {@code return} before the end, {@code break} and {@code continue} as
 * flags and guards, so that every statement is entered at its top and left at its bottom. The
 * backward sweep can then mirror the code block by block, replaying the recorded decisions of
 * the guards like those of any other branch.
 *
 * <p>{@code return e} becomes {@code _result = e; _returned = true;} and the statements after it
 * run under {@code if (!_returned)}; a loop's {@code break} sets its own flag, which its
 * condition tests; {@code continue} sets a flag that the rest of the iteration tests. The method
 * ends with the one {@code return _result}.
 */
public final class JumpLowering {
  private enum Jump { RETURN, BREAK, CONTINUE }

  private final Flags flags;
  private final Expr.Var result;
  private final Expr.Var returned;

  private JumpLowering(MethodIR method) {
    this.flags = new Flags(method);
    this.result = flags.fresh("_result", method.returnType());
    this.returned = flags.fresh("_returned", Type.BOOLEAN);
  }

  /** The method with at most one return, at the end of its body. */
  public static MethodIR lower(MethodIR method) {
    List<Stmt> body = method.body().statements();
    boolean jumps = Stmts.all(method.body())
        .anyMatch(s -> s instanceof Stmt.Break || s instanceof Stmt.Continue);
    if (!method.returnType().isFloating()) {
      // The reader lets these return only at their end: there are only loops' jumps to lower.
      return jumps ? new JumpLowering(method).lowerLoopJumps(method) : method;
    }
    boolean simple = countReturns(method.body()) == 1
        && !body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.Return
        && !jumps;
    if (simple) {
      return method;
    }
    return new JumpLowering(method).lowerMethod(method);
  }

  /** The body's {@code break}s and {@code continue}s lowered, its final return kept. */
  private MethodIR lowerLoopJumps(MethodIR method) {
    var body = new ArrayList<>(method.body().statements());
    // A return of an array comes in a block that first puts the array in a local of its own.
    while (!body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.Block block) {
      body.remove(body.size() - 1);
      body.addAll(block.statements());
    }
    Stmt last = !body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.Return
        ? body.remove(body.size() - 1)
        : null;
    var statements = new ArrayList<>(outermost(body));
    if (last != null) {
      statements.add(last);
    }
    return method.withBody(new Stmt.Block(statements));
  }

  private MethodIR lowerMethod(MethodIR method) {
    List<Stmt> lowered = outermost(method.body().statements());
    var statements = new ArrayList<Stmt>();
    statements.add(new Stmt.Declare(result, Expr.defaultOf(result.type()), Source.NONE));
    boolean flagged = lowered.stream().flatMap(Stmts::all)
        .anyMatch(s -> s instanceof Stmt.Assign a && a.target().equals(returned));
    if (flagged) {
      statements.add(new Stmt.Declare(returned, new Expr.Literal(Type.BOOLEAN, false), Source.NONE));
    }
    statements.addAll(lowered);
    statements.add(new Stmt.Return(result, Source.NONE));
    return method.withBody(new Stmt.Block(statements));
  }

  /**
   * The method's outermost statements. There an {@code if} whose branch ends in a return and
   * that has no {@code else} takes the statements after it as its {@code else}, and a return
   * just sets the result: nothing after it can run, so no flag needs to say so. The branch's
   * decision can then often be computed again in the backward sweep rather than saved.
   */
  private List<Stmt> outermost(List<Stmt> statements) {
    var out = new ArrayList<Stmt>();
    for (int i = 0; i < statements.size(); i++) {
      Stmt statement = statements.get(i);
      List<Stmt> rest = statements.subList(i + 1, statements.size());
      if (statement instanceof Stmt.If branch && branch.otherwise().statements().isEmpty()
          && endsInReturn(branch.then())) {
        out.add(new Stmt.If(branch.condition(), new Stmt.Block(outermost(branch.then().statements())),
            new Stmt.Block(outermost(rest)), branch.source()));
        return out;
      }
      if (statement instanceof Stmt.Return r) {
        out.add(new Stmt.Assign(result, r.value(), r.source()));
        return out;
      }
      out.addAll(block(List.of(statement), null));
      if (!jumps(statement).isEmpty() && !rest.isEmpty()) {
        out.add(new Stmt.If(not(returned), new Stmt.Block(block(rest, null)), empty(), Source.NONE));
        return out;
      }
    }
    return out;
  }

  private static boolean endsInReturn(Stmt.Block block) {
    List<Stmt> statements = block.statements();
    return !statements.isEmpty() && statements.get(statements.size() - 1) instanceof Stmt.Return;
  }

  /** The flags of the innermost loop, or null outside loops. */
  private record LoopFlags(Expr.Var broken, Expr.Var continued) {}

  private List<Stmt> block(List<Stmt> statements, LoopFlags loop) {
    var out = new ArrayList<Stmt>();
    for (int i = 0; i < statements.size(); i++) {
      Stmt statement = statements.get(i);
      out.add(statement(statement, loop));
      Set<Jump> escaping = jumps(statement);
      List<Stmt> rest = statements.subList(i + 1, statements.size());
      if (!escaping.isEmpty() && !rest.isEmpty()) {
        Expr stillRunning = not(anyOf(escaping, loop));
        out.add(new Stmt.If(stillRunning, new Stmt.Block(block(rest, loop)), empty(), Source.NONE));
        return out;
      }
    }
    return out;
  }

  private Stmt statement(Stmt statement, LoopFlags loop) {
    if (statement instanceof Stmt.Return r) {
      return new Stmt.Block(List.of(
          new Stmt.Assign(result, r.value(), r.source()),
          new Stmt.Assign(returned, new Expr.Literal(Type.BOOLEAN, true), Source.NONE)));
    } else if (statement instanceof Stmt.Break b) {
      return new Stmt.Assign(loop.broken(), new Expr.Literal(Type.BOOLEAN, true), b.source());
    } else if (statement instanceof Stmt.Continue c) {
      return new Stmt.Assign(loop.continued(), new Expr.Literal(Type.BOOLEAN, true), c.source());
    } else if (statement instanceof Stmt.Block b) {
      return new Stmt.Block(block(b.statements(), loop));
    } else if (statement instanceof Stmt.If i) {
      return new Stmt.If(i.condition(), new Stmt.Block(block(i.then().statements(), loop)),
          new Stmt.Block(block(i.otherwise().statements(), loop)), i.source());
    } else if (statement instanceof Stmt.Loop l) {
      return loop(l);
    }
    return statement;
  }

  /** A loop whose body may break, continue or return, with the flags that record it. */
  private Stmt loop(Stmt.Loop loop) {
    Set<Jump> inside = jumpsInside(loop.body());
    if (inside.isEmpty()) {
      // Nothing leaves this loop early, but a loop nested in it may need lowering.
      return new Stmt.Loop(loop.condition(), new Stmt.Block(block(loop.body().statements(), null)),
          loop.update(), loop.testFirst(), loop.source());
    }
    var own = new LoopFlags(
        inside.contains(Jump.BREAK) ? flags.fresh("_broken", Type.BOOLEAN) : null,
        inside.contains(Jump.CONTINUE) ? flags.fresh("_continued", Type.BOOLEAN) : null);
    var before = new ArrayList<Stmt>();
    var body = new ArrayList<Stmt>();
    if (own.broken() != null) {
      before.add(new Stmt.Declare(own.broken(), new Expr.Literal(Type.BOOLEAN, false), Source.NONE));
    }
    if (own.continued() != null) {
      before.add(new Stmt.Declare(own.continued(), new Expr.Literal(Type.BOOLEAN, false), Source.NONE));
      body.add(new Stmt.Assign(own.continued(), new Expr.Literal(Type.BOOLEAN, false), Source.NONE));
    }
    body.addAll(block(loop.body().statements(), own));
    Set<Jump> leaving = EnumSet.noneOf(Jump.class);
    leaving.addAll(inside);
    leaving.remove(Jump.CONTINUE);
    Expr condition = leaving.isEmpty() ? loop.condition()
        : and(not(anyOf(leaving, own)), loop.condition());
    Stmt.Block update = loop.update();
    if (!leaving.isEmpty() && !update.statements().isEmpty()) {
      update = new Stmt.Block(List.of(
          new Stmt.If(not(anyOf(leaving, own)), update, empty(), Source.NONE)));
    }
    before.add(new Stmt.Loop(condition, new Stmt.Block(body), update, loop.testFirst(), loop.source()));
    return new Stmt.Block(before);
  }

  private Expr anyOf(Set<Jump> jumps, LoopFlags loop) {
    Expr any = null;
    for (Jump jump : jumps) {
      Expr flag = switch (jump) {
        case RETURN -> returned;
        case BREAK -> loop.broken();
        case CONTINUE -> loop.continued();
      };
      any = any == null ? flag : new Expr.Binary(BinaryOp.OR, any, flag, Type.BOOLEAN);
    }
    return any;
  }

  private static Expr not(Expr e) {
    return new Expr.Unary(UnaryOp.NOT, e, Type.BOOLEAN);
  }

  private static Expr and(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.AND, a, b, Type.BOOLEAN);
  }

  private static Stmt.Block empty() {
    return new Stmt.Block(List.of());
  }

  /** The jumps that leave {@code statement}: returns, and breaks and continues not in a loop. */
  private static Set<Jump> jumps(Stmt statement) {
    if (statement instanceof Stmt.Loop l) {
      Set<Jump> inner = jumpsInside(l.body());
      return inner.contains(Jump.RETURN) ? EnumSet.of(Jump.RETURN) : EnumSet.noneOf(Jump.class);
    }
    return jumpsInside(statement);
  }

  private static Set<Jump> jumpsInside(Stmt statement) {
    Set<Jump> found = EnumSet.noneOf(Jump.class);
    if (statement instanceof Stmt.Return) {
      found.add(Jump.RETURN);
    } else if (statement instanceof Stmt.Break) {
      found.add(Jump.BREAK);
    } else if (statement instanceof Stmt.Continue) {
      found.add(Jump.CONTINUE);
    } else if (statement instanceof Stmt.Block b) {
      b.statements().forEach(s -> found.addAll(jumps(s)));
    } else if (statement instanceof Stmt.If i) {
      found.addAll(jumps(i.then()));
      found.addAll(jumps(i.otherwise()));
    } else if (statement instanceof Stmt.Loop l) {
      found.addAll(jumps(l));
    }
    return found;
  }

  private static int countReturns(Stmt statement) {
    if (statement instanceof Stmt.Return) {
      return 1;
    } else if (statement instanceof Stmt.Block b) {
      return b.statements().stream().mapToInt(JumpLowering::countReturns).sum();
    } else if (statement instanceof Stmt.If i) {
      return countReturns(i.then()) + countReturns(i.otherwise());
    } else if (statement instanceof Stmt.Loop l) {
      return countReturns(l.body());
    }
    return 0;
  }
}
