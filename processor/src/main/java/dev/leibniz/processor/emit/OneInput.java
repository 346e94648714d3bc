package dev.leibniz.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.leibniz.processor.ir.AdjointMethod;
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
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.List;

/**
 * The gradient of a recursive method of one scalar input, {@code double chebyshev(int n, double
 * x)}, by forward mode: its pushforward along {@code x} with tangent 1 is the value and df/dx together,
 * one sweep with nothing kept, where reverse mode would keep values per call on the way
 * forward and read them back on the way back. The pullback adds upstream · df/dx; the forward
 * half keeps df/dx alone for the backward half, which does the same. A recursion (the
 * Chebyshev recurrence) calls its own pushforward all the way down.
 */
final class OneInput {
  /** The array each call writes its tangent into; the parameters' names never start with _. */
  private static final String INTO = "_into";

  private final AdjointMethod method;
  private final TangentMethod forward;

  OneInput(AdjointMethod method, TangentMethod forward) {
    this.method = method;
    this.forward = forward;
  }

  /**
   * Whether {@code method} calls itself and has one differentiable parameter, a {@code double}
   * or {@code float} of its own (no record, no receiver), and returns a number it does not write
   * arrays for. Without recursion reverse mode costs as little (its sweeps keep values in
   * locals), and keeps the method's sweeps for its callers' halves.
   */
  static boolean applies(AdjointMethod method) {
    List<Param> differentiable = method.primal().allParams().stream()
        .filter(Param::differentiable).toList();
    return callsItself(method.primal())
        && method.primal().receiver() == null
        && method.primal().resultRecord() == null
        && method.primal().returnType().isFloating()
        && method.arrayAdjoints().isEmpty()
        && method.primal().allParams().stream().allMatch(p -> p.part() == null)
        && differentiable.size() == 1
        && differentiable.get(0).var().type().isFloating();
  }

  private static boolean callsItself(MethodIR method) {
    return Stmts.all(method.body()).flatMap(Stmts::expressions).flatMap(Exprs::nodes)
        .anyMatch(e -> e instanceof Expr.Invoke call && isCallOf(call, method));
  }

  private static boolean isCallOf(Expr.Invoke call, MethodIR method) {
    return call.callee() instanceof Callee.Differentiable callee
        && callee.owner().equals(method.owner()) && callee.name().equals(method.name());
  }

  /** The pullback's body: the derivative along the input, then upstream · df/dx added. */
  CodeBlock pullback() {
    return CodeBlock.builder()
        .add("// one input: its derivative by forward mode, in the same sweep as the value\n")
        .add(along())
        .addStatement("$N[0] += $N * $N[0]", method.scalarAdjoints().name(),
            method.upstream().name(), INTO)
        .addStatement("$N.release($N)", method.workspace().name(), INTO)
        .addStatement("return $N", VALUE)
        .build();
  }

  /** The forward half's body: the value returned, df/dx kept for the backward half. */
  CodeBlock forwardHalf() {
    return CodeBlock.builder()
        .add("// one input: its derivative by forward mode, in the same sweep as the value\n")
        .add(along())
        .addStatement("$N.pushDouble($N[0])", method.workspace().name(), INTO)
        .addStatement("$N.release($N)", method.workspace().name(), INTO)
        .addStatement("return $N", VALUE)
        .build();
  }

  /** The backward half's body: upstream · df/dx, as the forward half kept it. */
  CodeBlock backwardHalf() {
    return CodeBlock.builder()
        .addStatement("$N[0] += $N * $N.popDouble()", method.scalarAdjoints().name(),
            method.upstream().name(), method.workspace().name())
        .build();
  }

  /** The value's local in the bodies above. */
  private static final String VALUE = "_value";

  private CodeBlock along() {
    var arguments = new ArrayList<CodeBlock>();
    method.primal().allParams().forEach(p -> arguments.add(CodeBlock.of("$N", p.var().name())));
    Type input = method.primal().allParams().stream().filter(Param::differentiable)
        .findFirst().orElseThrow().var().type();
    arguments.add(CodeBlock.of(input == Type.FLOAT ? "1.0f" : "1.0"));
    arguments.add(CodeBlock.of("$N", INTO));
    return CodeBlock.builder()
        .addStatement("double[] $N = $N.borrow(1)", INTO, method.workspace().name())
        .addStatement("$T $N = $N($L)", TypeNames.of(method.primal().returnType()), VALUE,
            intoName(), CodeBlock.join(arguments, ",$W"))
        .build();
  }

  private String intoName() {
    return method.primal().name() + "PushforwardInto";
  }

  /**
   * {@code mPushforwardInto(params…, tangent, double[] into)}: the pushforward, returning the
   * value and writing the tangent into {@code into[0]}, its recursive calls made the same way
   * with the same array, each tangent read as soon as its call returns. No record per call.
   */
  MethodSpec pushforwardInto(String reference) {
    Expr.Var into = new Expr.Var(INTO, Type.DOUBLE_ARRAY);
    var body = new ArrayList<Stmt>(expanded(forward.body(), into));
    body.add(new Stmt.Assign(new Expr.Index(into, new Expr.Literal(Type.INT, 0), Type.DOUBLE),
        forward.tangent(), Source.NONE));
    CodeBlock.Builder code = CodeBlock.builder();
    StatementPrinter.print(body, code);
    code.addStatement("return $N", forward.value().name());
    MethodSpec.Builder spec = MethodSpec.methodBuilder(intoName())
        .addModifiers(javax.lang.model.element.Modifier.PRIVATE,
            javax.lang.model.element.Modifier.STATIC)
        .returns(TypeNames.of(method.primal().returnType()))
        .addJavadoc(Docs.wrap("As the pushforward of $L, returning the value and writing its"
            + " tangent into {@code $N[0]}: its gradient's sweep, which passes each recursive"
            + " call the same array rather than make a record per call.\n", reference, INTO))
        .addCode(code.build());
    PushforwardMethod.addParameters(forward, spec);
    return spec.addParameter(double[].class, INTO).build();
  }

  /** The statements with each recursive pushforward call made through {@code into}. */
  private List<Stmt> expanded(List<Stmt> statements, Expr.Var into) {
    var out = new ArrayList<Stmt>();
    for (Stmt s : statements) {
      if (s instanceof Stmt.Declare d && isSelfCall(d)) {
        var call = (Expr.Call) d.init();
        var args = new ArrayList<Expr>(call.args());
        args.add(into);
        Type type = method.primal().returnType();
        out.add(new Stmt.Declare(component(d.var(), "value"),
            new Expr.Call(call.owner(), intoName(), args, type), d.source()));
        out.add(new Stmt.Declare(component(d.var(), "tangent"),
            new Expr.Index(into, new Expr.Literal(Type.INT, 0), Type.DOUBLE), d.source()));
      } else if (s instanceof Stmt.Block b) {
        out.add(new Stmt.Block(expanded(b.statements(), into)));
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(readComponents(i.condition()),
            new Stmt.Block(expanded(i.then().statements(), into)),
            new Stmt.Block(expanded(i.otherwise().statements(), into)), i.source()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(readComponents(l.condition()),
            new Stmt.Block(expanded(l.body().statements(), into)),
            new Stmt.Block(expanded(l.update().statements(), into)), l.testFirst(), l.source()));
      } else {
        out.add(Rewrite.mapped(s, this::component));
      }
    }
    return out;
  }

  private boolean isSelfCall(Stmt.Declare d) {
    return forward.pushed().containsKey(d.var()) && isSelf(forward.pushed().get(d.var()).call())
        && d.init() instanceof Expr.Call;
  }

  private boolean isSelf(Expr.Invoke call) {
    return isCallOf(call, method.primal());
  }

  private Expr readComponents(Expr e) {
    return Rewrite.map(e, this::component);
  }

  /** {@code r.value()} of a recursive call's result as the local holding it. */
  private Expr component(Expr e) {
    if (e instanceof Expr.Accessor a && forward.pushed().containsKey(a.record())
        && isSelf(forward.pushed().get(a.record()).call())) {
      return component(a.record(), a.component());
    }
    return e;
  }

  private Expr.Var component(Expr.Var record, String component) {
    Type type = component.equals("value") ? method.primal().returnType() : Type.DOUBLE;
    return new Expr.Var(record.name() + "_" + component, type);
  }
}
