package dev.leibniz.processor.ir;

import java.util.List;

/**
 * An expression: the right-hand sides of the user's code and of the code Leibniz writes.
 *
 * <p>The default methods build expressions so that derivative rules read like the formulas
 * they implement: {@code x.times(x).plus(one())}.
 *
 * <p>As with {@link Stmt}, the kinds only generated code holds (pops, borrowed arrays, result
 * components) are a hierarchy of their own, {@link Generated}, and a pass handles every kind
 * through a {@link SourceVisitor} or a {@link Visitor}.
 */
public sealed interface Expr
    permits Expr.Literal, Expr.Construct,
        Expr.Var,
        Expr.Unary,
        Expr.Binary,
        Expr.Call,
        Expr.Cast,
        Expr.Conditional,
        Expr.StaticField,
        Expr.InstanceField,
        Expr.Index,
        Expr.Length,
        Expr.NewArray,
        Expr.Invoke,
        Expr.Generated {

  /** The Java type of the expression's value. */
  Type type();

  /** Calls the method of {@code visitor} for this kind of expression. */
  <R> R accept(SourceVisitor<R> visitor);

  /** A pass over expressions as the user writes them. */
  interface SourceVisitor<R> {
    R literal(Literal e);

    R variable(Var e);

    R unary(Unary e);

    R binary(Binary e);

    R call(Call e);

    R cast(Cast e);

    R conditional(Conditional e);

    R staticField(StaticField e);

    R instanceField(InstanceField e);

    R index(Index e);

    R length(Length e);

    R newArray(NewArray e);

    R invoke(Invoke e);

    R construct(Construct e);

    /** An expression of generated code; a pass over the user's code says why it cannot meet one. */
    R generated(Generated e);
  }

  /** A pass over generated code: every kind of expression, the generated ones one by one. */
  interface Visitor<R> extends SourceVisitor<R> {
    R pop(Pop e);

    R borrow(Borrow e);

    R accessor(Accessor e);

    R runtime(Runtime e);

    @Override
    default R generated(Generated e) {
      return e.accept(this);
    }
  }

  /** The expressions that only generated code holds. */
  sealed interface Generated extends Expr permits Pop, Borrow, Accessor, Runtime {
    /** Calls the method of {@code visitor} for this kind of generated expression. */
    <R> R accept(Visitor<R> visitor);

    @Override
    default <R> R accept(SourceVisitor<R> visitor) {
      return visitor.generated(this);
    }
  }

  /** A literal number or boolean, printed so that it reads back exactly. */
  record Literal(Type type, Object value) implements Expr {
    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.literal(this);
    }
  }

  /** A local variable or parameter. */
  record Var(String name, Type type) implements Expr {
    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.variable(this);
    }
  }

  /** {@code -x}, {@code +x}, {@code !b}. */
  record Unary(UnaryOp op, Expr operand, Type type) implements Expr {
    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.unary(this);
    }
  }

  /** An infix operation. Arithmetic on ints keeps Java's meaning: {@code 1 / 2 == 0}. */
  record Binary(BinaryOp op, Expr left, Expr right, Type type) implements Expr {
    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.binary(this);
    }
  }

  /** A call of a static method such as {@code Math.sin}. */
  record Call(TypeRef owner, String name, List<Expr> args, Type type) implements Expr {
    public Call {
      args = List.copyOf(args);
    }

    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.call(this);
    }
  }

  /** A primitive conversion such as {@code (double) k}. */
  record Cast(Type type, Expr operand) implements Expr {
    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.cast(this);
    }
  }

  /** {@code condition ? then : otherwise}. */
  record Conditional(Expr condition, Expr then, Expr otherwise, Type type) implements Expr {
    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.conditional(this);
    }
  }

  /** A static field, read as a constant: {@code Model.SCALE}, {@code Math.PI}. */
  record StaticField(TypeRef owner, String name, Type type) implements Expr {
    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.staticField(this);
    }
  }

  /** A field of an object, read as a constant: {@code self.weight}. */
  record InstanceField(Expr target, String name, Type type) implements Expr {
    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.instanceField(this);
    }
  }

  /** An array element, {@code a[i]}; a matrix element is an index of an index. */
  record Index(Expr array, Expr index, Type type) implements Expr {
    /** The variable holding the array this element belongs to. */
    public Var root() {
      return array instanceof Index inner ? inner.root() : (Var) array;
    }

    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.index(this);
    }
  }

  /** {@code a.length}. */
  record Length(Expr array) implements Expr {
    public Type type() {
      return Type.INT;
    }

    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.length(this);
    }
  }

  /** {@code new double[n]} or {@code new double[n][m]}, filled with zeros. */
  record NewArray(Type type, List<Expr> dimensions) implements Expr {
    public NewArray {
      dimensions = List.copyOf(dimensions);
    }

    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.newArray(this);
    }
  }

  /**
   * A call of a method of the user's, or of a library: one Leibniz differentiates through its
   * pullback, one with a {@code @DerivativeOf} rule, or one it knows nothing about, which is
   * fine as long as no argument carries a derivative. For an instance method the receiver is
   * the first argument.
   *
   * @param site identifies the call in the source, for diagnostics
   */
  record Invoke(Callee callee, List<Expr> args, Type type, int site) implements Expr {
    public Invoke {
      args = List.copyOf(args);
    }

    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.invoke(this);
    }
  }

  /**
   * {@code new P(x, y)}: a record built again from its components' values, to pass it to a
   * method Leibniz does not differentiate ({@code p.isInside()}). Records Leibniz reads are
   * plain (their canonical constructors keep the components as given), so the record built is
   * equal to the one the source names.
   */
  record Construct(Type.Record type, List<Expr> components) implements Expr {
    public Construct {
      components = List.copyOf(components);
    }

    @Override
    public <R> R accept(SourceVisitor<R> visitor) {
      return visitor.construct(this);
    }
  }

  /** {@code workspace.popDouble()}: the value on top of one of the workspace's stacks. */
  record Pop(Var workspace, Stack stack, Type type) implements Generated {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.pop(this);
    }
  }

  /**
   * An array from the workspace's pool, given back later: {@code workspace.borrow(length)} for
   * the adjoints a call hands back, {@code workspace.zerosLike(array)} for the zero adjoint of a
   * local array, {@code workspace.copyOf(array)} for contents a call overwrites.
   */
  record Borrow(Var workspace, Expr argument, Kind kind) implements Generated {
    /** What the borrowed array holds. */
    public enum Kind {
      /** Anything, at least {@code argument} long. */
      ANY("borrow"),
      /** Zeros, shaped like {@code argument}. */
      ZEROS("zerosLike"),
      /** A copy of {@code argument}. */
      COPY("copyOf");

      private final String method;

      Kind(String method) {
        this.method = method;
      }

      /** The workspace method that lends it. */
      public String method() {
        return method;
      }
    }

    public Type type() {
      return Type.DOUBLE_ARRAY;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.borrow(this);
    }
  }

  /** {@code record.value()}: a component of a generated result record. */
  record Accessor(Var record, String component, Type type) implements Generated {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.accessor(this);
    }
  }

  /**
   * {@code target.method(args)}: a call of the runtime's methods on the workspace or on a loop's
   * {@code dev.leibniz.Checkpoints}, which generated code alone makes.
   */
  record Runtime(Var target, String method, List<Expr> args, Type type) implements Generated {
    public Runtime {
      args = List.copyOf(args);
    }

    /** A call with no value, made for what it does. */
    public static Runtime of(Var target, String method, Expr... args) {
      return new Runtime(target, method, List.of(args), Type.VOID);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.runtime(this);
    }
  }

  static Expr.Literal literal(double value) {
    return new Literal(Type.DOUBLE, value);
  }

  /** The value a variable of {@code type} starts from: zero, false or null. */
  static Expr.Literal defaultOf(Type type) {
    if (type == Type.DOUBLE) {
      return zero();
    } else if (type == Type.FLOAT) {
      return new Literal(Type.FLOAT, 0f);
    } else if (type == Type.INT) {
      return new Literal(Type.INT, 0);
    } else if (type == Type.LONG) {
      return new Literal(Type.LONG, 0L);
    } else if (type == Type.BOOLEAN) {
      return new Literal(Type.BOOLEAN, false);
    } else if (type == Type.CHAR) {
      return new Literal(Type.CHAR, '\0');
    }
    return new Literal(type, null);
  }

  static Expr.Literal one() {
    return literal(1.0);
  }

  static Expr.Literal zero() {
    return literal(0.0);
  }

  default Expr plus(Expr other) {
    return new Binary(BinaryOp.ADD, this, other, Type.promote(type(), other.type()));
  }

  default Expr minus(Expr other) {
    return new Binary(BinaryOp.SUB, this, other, Type.promote(type(), other.type()));
  }

  default Expr times(Expr other) {
    return new Binary(BinaryOp.MUL, this, other, Type.promote(type(), other.type()));
  }

  default Expr over(Expr other) {
    return new Binary(BinaryOp.DIV, this, other, Type.promote(type(), other.type()));
  }

  default Expr negate() {
    return new Unary(UnaryOp.NEG, this, type());
  }

  default Expr isGreaterThan(Expr other) {
    return new Binary(BinaryOp.GT, this, other, Type.BOOLEAN);
  }

  default Expr isEqualTo(Expr other) {
    return new Binary(BinaryOp.EQ, this, other, Type.BOOLEAN);
  }

  /** {@code this ? then : otherwise}, for a boolean {@code this}. */
  default Expr choose(Expr then, Expr otherwise) {
    return new Conditional(this, then, otherwise, Type.promote(then.type(), otherwise.type()));
  }
}
