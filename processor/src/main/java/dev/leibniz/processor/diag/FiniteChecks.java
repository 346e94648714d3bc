package dev.leibniz.processor.diag;

import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Rewrite;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.SourceText;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.ir.UnaryOp;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks {@code -Aleibniz.checkFinite=true} adds to generated code: after each value of a
 * forward sweep, {@code if (!Double.isFinite(v))} throw a {@code NonFiniteException} naming the
 * expression, its location (with the enclosing loops' counters) and its operands; after each
 * term of a backward sweep, the same for the adjoint it changed, naming the local partial that
 * multiplied the upstream gradient; after each tangent of a pushforward, the same for the
 * derivative along the direction. Texts are the user's: temporaries are written as the
 * sub-expressions they hold. Without the option it adds nothing.
 */
public final class FiniteChecks {
  /** Checks nothing: generated code as without the option. */
  public static final FiniteChecks NONE = new FiniteChecks(false, "", Map.of());

  private static final TypeRef DOUBLE = new TypeRef("java.lang", List.of("Double"));
  private static final TypeRef EXCEPTION =
      new TypeRef("dev.leibniz", List.of("NonFiniteException"));

  private final boolean enabled;
  private final String fileName;
  private final Map<Expr.Var, Expr> sourceNames;
  private Source source = Source.NONE;
  private List<Expr.Var> counters = List.of();
  private Map<Expr.Var, Expr> temporaries = Map.of();

  /**
   * @param sourceNames the variables texts name otherwise, as {@code SourceText.sourceNames}
   */
  public FiniteChecks(boolean enabled, String fileName, Map<Expr.Var, Expr> sourceNames) {
    this.enabled = enabled;
    this.fileName = fileName;
    this.sourceNames = sourceNames;
  }

  /**
   * The statement whose sweeps are being written, the counters of the loops around it, and the
   * temporaries its expression was split into, each with the operation it holds.
   */
  public void at(Source statement, List<Expr.Var> loopCounters, Map<Expr.Var, Expr> split) {
    source = statement;
    counters = loopCounters;
    temporaries = split;
  }

  /** After the forward sweep sets {@code target} to {@code definition}. */
  public List<Stmt> value(Expr target, Expr definition) {
    if (!enabled || !checked(target) || source.line() <= 0 || copies(definition)) {
      return List.of();
    }
    var args = new ArrayList<Expr>(List.of(location(), text(definition), target));
    operands(definition, args);
    return List.of(unlessFinite(target, "throwForward", args));
  }

  /**
   * After the backward sweep adds {@code local × upstream} to {@code adjoint}, the adjoint of
   * {@code operand} of {@code node}; its variables are those of the local partial, which
   * hold the values it was computed from.
   */
  public List<Stmt> adjoint(Expr adjoint, Expr node, Expr operand, Expr local,
      Expr upstream) {
    if (!enabled || !checked(adjoint) || source.line() <= 0 || local instanceof Expr.Literal
        || local instanceof Expr.Unary u && u.operand() instanceof Expr.Literal) {
      return List.of();
    }
    var args = new ArrayList<Expr>(List.of(location(), text(node), text(operand), text(local),
        local, upstream));
    // The partial's own variables, which the backward sweep has at hand there.
    for (Expr.Var v : Exprs.variables(local)) {
      if (checked(v) || v.type() == Type.INT) {
        args.add(text(v));
        args.add(v);
      }
    }
    return List.of(unlessFinite(adjoint, "throwBackward", args));
  }

  /**
   * Whether the value is a constant or a copy: nothing new that could be the first non-finite
   * value. A constant partial (±1 of a sum) likewise makes no finite adjoint infinite.
   */
  private static boolean copies(Expr definition) {
    Expr e = definition instanceof Expr.Cast c ? c.operand() : definition;
    return e instanceof Expr.Literal || e instanceof Expr.Var || e instanceof Expr.Index;
  }

  /** After a pushforward sets {@code tangent}, the derivative of {@code operation}. */
  public List<Stmt> tangent(Expr tangent, Expr operation) {
    if (!enabled || !checked(tangent) || source.line() <= 0) {
      return List.of();
    }
    var args = new ArrayList<Expr>(List.of(location(), text(operation), tangent));
    operands(operation, args);
    return List.of(unlessFinite(tangent, "throwTangent", args));
  }

  private static boolean checked(Expr e) {
    return e.type() == Type.DOUBLE || e.type() == Type.FLOAT;
  }

  /** {@code "File.java:7"}, followed at run time by the counters: {@code " (i = 3)"}. */
  private Expr location() {
    Expr location = literal(fileName + ":" + source.line());
    for (int i = 0; i < counters.size(); i++) {
      Expr.Var counter = counters.get(i);
      String label = (i == 0 ? " (" : ", ") + SourceText.of(counter) + " = ";
      location = concat(concat(location, literal(label)), counter);
    }
    return counters.isEmpty() ? location : concat(location, literal(")"));
  }

  /** Each operand's text and value, constants left out. */
  private void operands(Expr node, List<Expr> args) {
    Exprs.children(node)
        .filter(o -> !(o instanceof Expr.Literal) && o.type().rank() == 0
            && o.type() != Type.BOOLEAN && o.type() != Type.OBJECT)
        .forEach(o -> {
          args.add(text(o));
          args.add(o);
        });
  }

  private Expr text(Expr e) {
    Expr written = e;
    // A temporary's definition may name earlier temporaries: expand until none is left.
    for (int depth = 0; depth < 64 && Exprs.variables(written).stream()
        .anyMatch(temporaries::containsKey); depth++) {
      written = Rewrite.expression(written, temporaries);
    }
    return literal(SourceText.brief(Rewrite.expression(written, sourceNames)));
  }

  private static Stmt unlessFinite(Expr checked, String method, List<Expr> args) {
    Expr finite = new Expr.Call(DOUBLE, "isFinite", List.of(checked), Type.BOOLEAN);
    Stmt raise = new Stmt.Evaluate(new Expr.Call(EXCEPTION, method, args, Type.VOID));
    return new Stmt.If(new Expr.Unary(UnaryOp.NOT, finite, Type.BOOLEAN),
        new Stmt.Block(List.of(raise)), new Stmt.Block(List.of()), Source.NONE);
  }

  private static Expr literal(String text) {
    return new Expr.Literal(Type.OBJECT, text);
  }

  private static Expr concat(Expr left, Expr right) {
    return new Expr.Binary(BinaryOp.ADD, left, right, Type.OBJECT);
  }
}
