package dev.leibniz.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.TangentMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The methods that run a differentiable method's sweeps: its pullback, the same with a reusable
 * workspace, and its forward and backward halves, which callers' generated code runs in their
 * own forward and backward sweeps so that no callee is evaluated twice.
 */
final class SweepMethods {
  static final ClassName WORKSPACE = ClassName.get("dev.leibniz", "Workspace");

  private SweepMethods() {}

  /**
   * The four methods for {@code method}, whose Javadoc links to {@code reference}, and the
   * parts of halves too long for one method.
   */
  static List<MethodSpec> of(AdjointMethod method, String reference) {
    return of(method, reference, null);
  }

  /**
   * As above; {@code forward}, the method's pushforward, lets a recursive method of one scalar
   * input take its derivative by forward mode (see {@link OneInput}).
   */
  static List<MethodSpec> of(AdjointMethod method, String reference, TangentMethod forward) {
    var specs = new ArrayList<MethodSpec>();
    specs.add(pullback(method, reference));
    if (forward != null && OneInput.applies(method) && MethodSplitter.fits(forward.body())) {
      var forwardMode = new OneInput(method, forward);
      specs.add(withWorkspace(method, forwardMode.pullback()));
      specs.add(forwardHalfSpec(method, reference, forwardMode.forwardHalf()));
      specs.add(backwardHalfSpec(method, reference, forwardMode.backwardHalf()));
      specs.add(forwardMode.pushforwardInto(reference));
      return specs;
    }
    specs.add(pullbackWithWorkspace(method, reference));
    specs.addAll(forwardHalf(method, reference, Half.OWN));
    specs.addAll(backwardHalf(method, reference, Half.OWN));
    method.withBudget().ifPresent(budgeted -> {
      specs.addAll(forwardHalf(budgeted, reference, Half.WITH_BUDGET));
      specs.addAll(backwardHalf(budgeted, reference, Half.WITH_BUDGET));
    });
    return specs;
  }

  /**
   * Which of a method's halves: its own, which callers run and which hand a workspace with a
   * budget on to the others, or those that checkpoint loops under the budget.
   */
  private enum Half {
    OWN(""),
    WITH_BUDGET("WithBudget");

    private final String suffix;

    Half(String suffix) {
      this.suffix = suffix;
    }
  }

  /** The documented pullback: the one below, with a workspace of its own. */
  private static MethodSpec pullback(AdjointMethod method, String reference) {
    var arguments = new ArrayList<CodeBlock>(Declared.arguments(method.primal()));
    adjointParameters(method).subList(method.primal().allParams().size(),
        adjointParameters(method).size()).forEach(p -> arguments.add(CodeBlock.of("$N", p)));
    MethodSpec.Builder spec = declared(CompanionWriter.pullbackName(method), method)
        .returns(resultType(method))
        .addJavadoc(Docs.wrap(PullbackDoc.of(method, reference)))
        .addJavadoc(Docs.wrap(Docs.parameters(method, true, false)))
        .addJavadoc(returnDoc(method))
        .addStatement("$L$N($L, new $T())", returns(method) ? "return " : "",
            CompanionWriter.pullbackName(method), CodeBlock.join(arguments, ",$W"), WORKSPACE);
    return withAdjoints(method, spec).build();
  }

  /**
   * Both sweeps in one body, their stacks on a workspace the caller reuses; or, for sweeps too
   * long for one method, the two halves one after the other.
   */
  private static MethodSpec pullbackWithWorkspace(AdjointMethod method, String reference) {
    CodeBlock.Builder body = CodeBlock.builder().add(Declared.unpack(method.primal()));
    var all = new ArrayList<>(method.copies());
    all.addAll(method.forward());
    all.addAll(method.backward());
    var onePass = new ArrayList<>(method.copies());
    method.onePass().ifPresent(fused -> onePass.addAll(fused.statements()));
    boolean inOnePass = method.onePass().isPresent() && MethodSplitter.fits(onePass);
    var budgeted = new ArrayList<>(method.copies());
    method.withBudget().flatMap(AdjointMethod::onePass)
        .ifPresent(f -> budgeted.addAll(f.statements()));
    boolean budgetedInOnePass = budgeted.size() > method.copies().size()
        && MethodSplitter.fits(budgeted);
    // Under a budget the loops checkpoint, in the same one pass or in the halves, whose
    // gradient has the same bits; a one pass that cannot checkpoint stays as it is.
    if (method.withBudget().isPresent() && (!inOnePass || budgetedInOnePass)) {
      body.beginControlFlow("if ($N.hasBudget())", method.workspace().name());
      if (inOnePass) {
        StatementPrinter.print(budgeted, body, 1);
        body.addStatement(returns(method) ? "return " + method.value().name() : "return");
      } else {
        halves(method, body);
      }
      body.endControlFlow();
    }
    if (inOnePass) {
      body.add("// one pass: the loop's adjoint runs inside the loop, the rest as two sweeps\n");
      StatementPrinter.print(onePass, body);
    } else if (MethodSplitter.fits(all) && !crossesCheaply(method)) {
      body.add("// forward sweep\n");
      StatementPrinter.print(method.copies(), body);
      StatementPrinter.print(method.forward(), body);
      body.add("\n// backward sweep: downstream = local × upstream\n");
      StatementPrinter.print(method.backward(), body);
    } else {
      halves(method, body);
      return withWorkspace(method, body.build());
    }
    if (returns(method)) {
      body.addStatement("return $N", method.value().name());
    }
    return withWorkspace(method, body.build());
  }

  /** The pullback's body as its two halves, one after the other, returning its value. */
  private static void halves(AdjointMethod method, CodeBlock.Builder body) {
    if (returns(method)) {
      body.addStatement("$T $N = $N($L)", resultType(method), method.value().name(),
          forwardName(method, Half.OWN), arguments(method, false));
      body.addStatement("$N($L)", backwardName(method, Half.OWN), arguments(method, true));
      body.addStatement("return $N", method.value().name());
    } else {
      // The halves write in place: the pullback works on copies of the arrays.
      StatementPrinter.print(method.copies(), body);
      body.addStatement("$N($L)", forwardName(method, Half.OWN), arguments(method, false));
      body.addStatement("$N($L)", backwardName(method, Half.OWN), arguments(method, true));
      body.addStatement("return");
    }
  }

  /** The pullback with a workspace of the caller's, with {@code body}. */
  private static MethodSpec withWorkspace(AdjointMethod method, CodeBlock body) {
    MethodSpec.Builder spec = declared(CompanionWriter.pullbackName(method), method)
        .returns(resultType(method))
        .addJavadoc(Docs.wrap("As {@link #$N}, keeping what the backward sweep needs in"
                + " {@code $N}, which is left as it was found: reuse it across calls and nothing"
                + " is allocated.\n",
            CompanionWriter.pullbackName(method), method.workspace().name()))
        .addJavadoc(Docs.wrap(Docs.parameters(method, true, true)))
        .addJavadoc(returnDoc(method))
        .addCode(body);
    withAdjoints(method, spec);
    return spec.addParameter(WORKSPACE, method.workspace().name()).build();
  }

  /** Most values the halves may pass across for the pullback to run them rather than inline. */
  private static final int CHEAP_CROSSING = 32;

  /**
   * Whether the pullback runs the two halves, one copy of each sweep, rather than both inline:
   * where the sweeps loop, so that the few values the forward half leaves for the backward half
   * cost nothing next to the loops, which stay the same.
   */
  private static boolean crossesCheaply(AdjointMethod method) {
    boolean loops = method.forward().stream().flatMap(Stmts::all)
        .anyMatch(s -> s instanceof Stmt.Loop);
    return loops && method.boundaryPushes().size() <= CHEAP_CROSSING;
  }

  /** The forward sweep alone, leaving on the workspace what the backward half reads. */
  private static List<MethodSpec> forwardHalf(AdjointMethod method, String reference,
      Half half) {
    var statements = new ArrayList<>(method.forwardHalf());
    statements.addAll(method.boundaryPushes());
    CodeBlock.Builder body = CodeBlock.builder();
    if (method.withBudget().isPresent()) {
      body.beginControlFlow("if ($N.hasBudget())", method.workspace().name());
      body.addStatement("$L$N($L)", returns(method) ? "return " : "",
          forwardName(method, Half.WITH_BUDGET), arguments(method, false));
      if (!returns(method)) {
        body.addStatement("return");
      }
      body.endControlFlow();
    }
    var parts = new ArrayList<MethodSpec>();
    if (MethodSplitter.fits(statements)) {
      StatementPrinter.print(method.forwardHalf(), body);
      if (!method.boundaryPushes().isEmpty()) {
        body.add("// for the backward half\n");
        StatementPrinter.print(method.boundaryPushes(), body);
      }
      if (returns(method)) {
        body.addStatement("return $N", method.value().name());
      }
    } else {
      MethodSplitter.Split split = MethodSplitter.split(statements, parameters(method),
          returns(method) ? method.value() : null);
      parts.addAll(parts(method, split, forwardName(method, half), false, body));
      if (returns(method)) {
        body.addStatement("return $L", ExprPrinter.print(split.result()));
      }
    }
    parts.add(0, half == Half.OWN ? forwardHalfSpec(method, reference, body.build())
        : withBudget(forwardName(method, half), forwardName(method, Half.OWN), method)
            .returns(resultType(method)).addCode(body.build())
            .addParameter(WORKSPACE, method.workspace().name()).build());
    return parts;
  }

  /**
   * A half that checkpoints loops, named {@code name}: private, documented as what it does
   * differently from {@code own}.
   */
  private static MethodSpec.Builder withBudget(String name, String own, AdjointMethod method) {
    MethodSpec.Builder spec = MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc(Docs.wrap("As {@link #$N}, for a workspace with a budget: a loop that would"
            + " keep more than it holds keeps snapshots of its state and runs its iterations"
            + " again in the backward half.\n", own));
    CompanionWriter.addPrimalParameters(method, spec);
    return spec;
  }

  /** The forward half with {@code body}. */
  private static MethodSpec forwardHalfSpec(AdjointMethod method, String reference,
      CodeBlock body) {
    return start(forwardName(method, Half.OWN), method)
        .returns(resultType(method))
        .addJavadoc(Docs.wrap("Forward half of $L: $L and pushes onto {@code $N} what"
                + " {@link #$N} reads. Generated callers run it in their forward sweep.\n",
            reference, method.writesInPlace()
                ? "writes into the arrays given, as the method does,"
                : "returns its value",
            method.workspace().name(), backwardName(method, Half.OWN)))
        .addJavadoc(Docs.wrap(Docs.parameters(method, false, true, false)))
        .addJavadoc(returnDoc(method))
        .addCode(body)
        .addParameter(WORKSPACE, method.workspace().name())
        .build();
  }

  /**
   * The backward sweep alone, from what the forward half left on the workspace: the pullback's
   * effect on the adjoints, without computing the method again.
   */
  private static List<MethodSpec> backwardHalf(AdjointMethod method, String reference,
      Half half) {
    var statements = new ArrayList<Stmt>(declarations(method));
    statements.addAll(method.boundaryPops());
    statements.addAll(method.boundaryRecomputed());
    statements.addAll(method.backward());
    CodeBlock.Builder body = CodeBlock.builder();
    if (method.withBudget().isPresent()) {
      body.beginControlFlow("if ($N.hasBudget())", method.workspace().name());
      body.addStatement("$N($L)", backwardName(method, Half.WITH_BUDGET),
          arguments(method, true));
      body.addStatement("return");
      body.endControlFlow();
    }
    var parts = new ArrayList<MethodSpec>();
    if (MethodSplitter.fits(statements)) {
      StatementPrinter.print(declarations(method), body);
      if (!method.boundaryPops().isEmpty()) {
        body.add("// from the forward half\n");
        StatementPrinter.print(method.boundaryPops(), body);
      }
      if (!method.boundaryRecomputed().isEmpty()) {
        body.add("// computed again from the arguments\n");
        StatementPrinter.print(List.copyOf(method.boundaryRecomputed()), body);
      }
      StatementPrinter.print(method.backward(), body);
    } else {
      MethodSplitter.Split split = MethodSplitter.split(statements, parameters(method), List.of());
      parts.addAll(parts(method, split, backwardName(method, half), true, body));
    }
    parts.add(0, half == Half.OWN ? backwardHalfSpec(method, reference, body.build())
        : withAdjoints(method, withBudget(backwardName(method, half),
            backwardName(method, Half.OWN), method).addCode(body.build()))
            .addParameter(WORKSPACE, method.workspace().name()).build());
    return parts;
  }

  /** The locals the backward half sets before it reads them: declared, nothing popped. */
  private static List<Stmt> declarations(AdjointMethod method) {
    return method.boundaryDeclared().stream()
        .<Stmt>map(v -> new Stmt.Declare(v, null, Source.NONE)).toList();
  }

  /** The backward half with {@code body}. */
  private static MethodSpec backwardHalfSpec(AdjointMethod method, String reference,
      CodeBlock body) {
    MethodSpec.Builder spec = start(backwardName(method, Half.OWN), method)
        .addJavadoc(Docs.wrap("Backward half of $L: with the same arguments as the {@link #$N}"
                + " call just before it on {@code $N}, does to the adjoints what {@link #$N}"
                + " does, and takes back what the forward half pushed.\n",
            reference, forwardName(method, Half.OWN), method.workspace().name(),
            CompanionWriter.pullbackName(method)))
        .addJavadoc(Docs.wrap(Docs.parameters(method, true, true, false)))
        .addCode(body);
    withAdjoints(method, spec);
    return spec.addParameter(WORKSPACE, method.workspace().name()).build();
  }

  /**
   * The methods a half is cut into, each called in turn from {@code body} after it created the
   * frames; they take the half's parameters and the frames.
   */
  private static List<MethodSpec> parts(AdjointMethod method, MethodSplitter.Split split,
      String half, boolean adjoints, CodeBlock.Builder body) {
    return MethodSplitter.parts(split, half, body, arguments(method, adjoints), spec -> {
      CompanionWriter.addPrimalParameters(method, spec);
      if (adjoints) {
        withAdjoints(method, spec);
      }
      spec.addParameter(WORKSPACE, method.workspace().name());
    });
  }

  private static Set<Expr.Var> parameters(AdjointMethod method) {
    Set<Expr.Var> parameters = new HashSet<>();
    method.primal().allParams().forEach(p -> parameters.add(p.var()));
    return parameters;
  }

  private static String forwardName(AdjointMethod method, Half half) {
    return method.primal().name() + "Forward" + half.suffix;
  }

  private static String backwardName(AdjointMethod method, Half half) {
    return method.primal().name() + "Backward" + half.suffix;
  }

  /** The half's own parameters, passed on: the primal's, the adjoints if asked, the workspace. */
  private static CodeBlock arguments(AdjointMethod method, boolean adjoints) {
    var names = new ArrayList<String>();
    if (adjoints) {
      names.addAll(adjointParameters(method));
    } else {
      method.primal().allParams().forEach(p -> names.add(p.var().name()));
    }
    names.add(method.workspace().name());
    return names.stream().map(n -> CodeBlock.of("$N", n)).collect(CodeBlock.joining(",$W"));
  }

  /** A method users call: the parameters as declared, a record as itself. */
  private static MethodSpec.Builder declared(String name, AdjointMethod method) {
    MethodSpec.Builder spec = MethodSpec.methodBuilder(name)
        .addModifiers(CompanionWriter.visibility(method))
        .addModifiers(Modifier.STATIC);
    Declared.addParameters(method.primal(), spec);
    return spec;
  }

  private static MethodSpec.Builder start(String name, AdjointMethod method) {
    MethodSpec.Builder spec = MethodSpec.methodBuilder(name)
        .addModifiers(CompanionWriter.visibility(method))
        .addModifiers(Modifier.STATIC);
    CompanionWriter.addPrimalParameters(method, spec);
    return spec;
  }

  /** Whether the method returns a value: a {@code double} or a {@code double[]}. */
  private static boolean returns(AdjointMethod method) {
    return method.upstream() != null;
  }

  /** The type of the method's value, which its pullback and forward half return. */
  static TypeName resultType(AdjointMethod method) {
    return TypeNames.of(method.primal().returnType());
  }

  private static String returnDoc(AdjointMethod method) {
    return returns(method) ? "@return the method's value\n" : "";
  }

  /** {@code upstream} if the method returns a value, {@code dScalars} if any, the arrays'. */
  private static MethodSpec.Builder withAdjoints(AdjointMethod method, MethodSpec.Builder spec) {
    if (returns(method)) {
      spec.addParameter(resultType(method), method.upstream().name());
    }
    if (method.scalarAdjoints() != null) {
      spec.addParameter(TypeName.get(double[].class), method.scalarAdjoints().name());
    }
    for (AdjointMethod.ArrayAdjoint a : method.arrayAdjoints()) {
      spec.addParameter(TypeNames.of(a.param().var().type()), a.adjoint().name());
    }
    return spec;
  }

  /** The names of every parameter of the pullback, in order. */
  private static List<String> adjointParameters(AdjointMethod method) {
    var names = new ArrayList<String>();
    method.primal().allParams().stream().map(Param::var).forEach(v -> names.add(v.name()));
    if (returns(method)) {
      names.add(method.upstream().name());
    }
    if (method.scalarAdjoints() != null) {
      names.add(method.scalarAdjoints().name());
    }
    method.arrayAdjoints().forEach(a -> names.add(a.adjoint().name()));
    return names;
  }
}
