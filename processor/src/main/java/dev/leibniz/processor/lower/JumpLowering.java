package dev.leibniz.processor.lower;

import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.UnaryOp;
import dev.leibniz.processor.ir.Unexpected;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lower phase: rewrites {@code return} before the end, {@code break} and {@code continue} as
 * flags and guards, so that every statement is entered at its top and left at its bottom. The
 * backward sweep can then mirror the code block by block, replaying the recorded decisions of
 * the guards like those of any other branch.
 *
 * <p>{@code return e} becomes {@code _result = e; _returned = true;} and the statements after it
 * run under {@code if (!_returned)}; a loop's {@code break} sets its own flag, which its
 * condition tests; {@code continue} sets a flag that the rest of the iteration tests. The method
 * ends with the one {@code return _result}. A {@code break} or {@code continue} of a labeled
 * loop further out sets that loop's flag, which the loops it leaves test as well.
 */
public final class JumpLowering {
  private enum Kind { RETURN, BREAK, CONTINUE }

  /**
   * Where a jump goes: the method's end, or a loop's end or next iteration. A null label is the
   * innermost loop's, which is never left by a jump that the loop itself does not own.
   */
  private record Jump(Kind kind, String label) {
    static final Jump RETURN = new Jump(Kind.RETURN, null);
    /** Jumps in the order their flags are tested: generated code is the same on every run. */
    static final Comparator<Jump> ORDER = Comparator.comparing(Jump::kind)
        .thenComparing(Jump::label, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** Whether the loop labeled {@code loopLabel} is where this jump goes. */
    boolean ownedBy(String loopLabel) {
      return kind != Kind.RETURN && (label == null || label.equals(loopLabel));
    }
  }

  private static Set<Jump> noJumps() {
    return new TreeSet<>(Jump.ORDER);
  }

  private final Flags flags;
  /** The flags of the labeled loops being lowered. */
  private final Map<String, LoopFlags> labeled = new HashMap<>();
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
    return statement.accept(new Stmt.SourceVisitor<>() {
      @Override
      public Stmt returns(Stmt.Return r) {
        return new Stmt.Block(List.of(
            new Stmt.Assign(result, r.value(), r.source()),
            new Stmt.Assign(returned, new Expr.Literal(Type.BOOLEAN, true), Source.NONE)));
      }

      @Override
      public Stmt breaks(Stmt.Break b) {
        return set(flagsOf(b.label(), loop).broken(), b.source());
      }

      @Override
      public Stmt continues(Stmt.Continue c) {
        return set(flagsOf(c.label(), loop).continued(), c.source());
      }

      @Override
      public Stmt block(Stmt.Block b) {
        return new Stmt.Block(JumpLowering.this.block(b.statements(), loop));
      }

      @Override
      public Stmt branch(Stmt.If i) {
        return new Stmt.If(i.condition(),
            new Stmt.Block(JumpLowering.this.block(i.then().statements(), loop)),
            new Stmt.Block(JumpLowering.this.block(i.otherwise().statements(), loop)), i.source());
      }

      @Override
      public Stmt loop(Stmt.Loop l) {
        return JumpLowering.this.loop(l);
      }

      @Override
      public Stmt declare(Stmt.Declare d) {
        return d;
      }

      @Override
      public Stmt assign(Stmt.Assign a) {
        return a;
      }

      @Override
      public Stmt write(Stmt.Write w) {
        return w;
      }

      @Override
      public Stmt generated(Stmt.Generated g) {
        throw Unexpected.generated(g);
      }
    });
  }

  private LoopFlags flagsOf(String label, LoopFlags innermost) {
    return label == null ? innermost : labeled.get(label);
  }

  private static Stmt set(Expr.Var flag, Source source) {
    return new Stmt.Assign(flag, new Expr.Literal(Type.BOOLEAN, true), source);
  }

  /** A loop whose body may break, continue or return, with the flags that record it. */
  private Stmt loop(Stmt.Loop loop) {
    Set<Jump> inside = jumpsInside(loop.body());
    if (inside.isEmpty()) {
      // Nothing leaves this loop early, but a loop nested in it may need lowering.
      return loop.with(loop.condition(), new Stmt.Block(block(loop.body().statements(), null)),
          loop.update());
    }
    var own = new LoopFlags(
        owns(inside, Kind.BREAK, loop) ? flags.fresh("_broken", Type.BOOLEAN) : null,
        owns(inside, Kind.CONTINUE, loop) ? flags.fresh("_continued", Type.BOOLEAN) : null);
    if (loop.label() != null) {
      labeled.put(loop.label(), own);
    }
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
    // The iteration's own continue ends only the iteration; every other jump ends the loop.
    Set<Jump> leaving = noJumps();
    inside.stream().filter(j -> !(j.kind() == Kind.CONTINUE && j.ownedBy(loop.label())))
        .forEach(leaving::add);
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

  private static boolean owns(Set<Jump> jumps, Kind kind, Stmt.Loop loop) {
    return jumps.stream().anyMatch(j -> j.kind() == kind && j.ownedBy(loop.label()));
  }

  private Expr anyOf(Set<Jump> jumps, LoopFlags loop) {
    // break and break with the innermost loop's own label set the same flag: test it once.
    var distinct = new LinkedHashSet<Expr>();
    for (Jump jump : jumps) {
      distinct.add(switch (jump.kind()) {
        case RETURN -> returned;
        case BREAK -> flagsOf(jump.label(), loop).broken();
        case CONTINUE -> flagsOf(jump.label(), loop).continued();
      });
    }
    return distinct.stream()
        .reduce((any, flag) -> new Expr.Binary(BinaryOp.OR, any, flag, Type.BOOLEAN))
        .orElseThrow();
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

  /**
   * The jumps that leave {@code statement}: returns, breaks and continues not in a loop, and
   * those of a labeled loop further out.
   */
  private static Set<Jump> jumps(Stmt statement) {
    if (statement instanceof Stmt.Loop l) {
      Set<Jump> escaping = noJumps();
      jumpsInside(l.body()).stream().filter(j -> !j.ownedBy(l.label())).forEach(escaping::add);
      return escaping;
    }
    return jumpsInside(statement);
  }

  /** The jumps in {@code statement}, a loop's own included. */
  private static Set<Jump> jumpsInside(Stmt statement) {
    Set<Jump> found = noJumps();
    Stmts.children(statement).forEach(child -> found.addAll(jumps(child)));
    Jump own = statement.accept(OWN_JUMP);
    if (own != null) {
      found.add(own);
    }
    return found;
  }

  /** The jump a statement makes itself, or null. */
  private static final Stmt.SourceVisitor<Jump> OWN_JUMP = new Stmt.SourceVisitor<>() {
    @Override
    public Jump returns(Stmt.Return s) {
      return Jump.RETURN;
    }

    @Override
    public Jump breaks(Stmt.Break s) {
      return new Jump(Kind.BREAK, s.label());
    }

    @Override
    public Jump continues(Stmt.Continue s) {
      return new Jump(Kind.CONTINUE, s.label());
    }

    @Override
    public Jump declare(Stmt.Declare s) {
      return null;
    }

    @Override
    public Jump assign(Stmt.Assign s) {
      return null;
    }

    @Override
    public Jump block(Stmt.Block s) {
      return null;
    }

    @Override
    public Jump branch(Stmt.If s) {
      return null;
    }

    @Override
    public Jump loop(Stmt.Loop s) {
      return null;
    }

    @Override
    public Jump write(Stmt.Write s) {
      return null;
    }

    @Override
    public Jump generated(Stmt.Generated s) {
      throw Unexpected.generated(s);
    }
  };

  private static int countReturns(Stmt statement) {
    return (int) Stmts.all(statement).filter(s -> s instanceof Stmt.Return).count();
  }
}
