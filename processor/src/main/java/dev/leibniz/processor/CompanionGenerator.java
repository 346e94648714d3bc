package dev.leibniz.processor;

import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import dev.leibniz.processor.analyse.Activity;
import dev.leibniz.processor.analyse.ActivityAnalysis;
import dev.leibniz.processor.analyse.CallCheck;
import dev.leibniz.processor.analyse.Overwrites;
import dev.leibniz.processor.analyse.PlanOptions;
import dev.leibniz.processor.diag.FiniteChecks;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.diag.NotDifferentiable;
import dev.leibniz.processor.diag.Reporter;
import dev.leibniz.processor.emit.CompanionWriter;
import dev.leibniz.processor.forward.Directional;
import dev.leibniz.processor.forward.TangentBuilder;
import dev.leibniz.processor.forward.TraceRefusal;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.SourceText;
import dev.leibniz.processor.ir.TangentMethod;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.lower.JumpLowering;
import dev.leibniz.processor.lower.Views;
import dev.leibniz.processor.read.Annotations;
import dev.leibniz.processor.read.MethodReader;
import dev.leibniz.processor.read.PrivateHelpers;
import dev.leibniz.processor.read.RuleDirectory;
import dev.leibniz.processor.read.RuleIndex;
import dev.leibniz.processor.read.Sites;
import dev.leibniz.processor.read.TypeRefs;
import dev.leibniz.processor.reverse.ReverseBuilder;
import dev.leibniz.processor.tidy.Tidy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Runs the phases for every {@code @Differentiable} method of a round and writes one companion
 * class per user class. A method with errors gets no code; an exception inside a phase becomes
 * an internal error at the method, and the other methods go on.
 */
final class CompanionGenerator {
  private final Reporter reporter;
  private final MethodReader reader;
  private final RuleChecker rules;
  private final LocalClassCheck localClasses;
  private final Filer filer;
  private final RuleIndex index;
  private final RuleDirectory directory;
  private final Overwrites overwrites = new Overwrites();
  private final PlanOptions options;

  private CompanionGenerator(ProcessingEnvironment env, Trees trees) {
    this.reporter = new Reporter(trees, env.getMessager());
    this.filer = env.getFiler();
    this.index = new RuleIndex(env.getElementUtils(), env.getTypeUtils(), filer);
    this.directory = new RuleDirectory(env.getElementUtils());
    this.reader = new MethodReader(trees, env.getElementUtils(), index, reporter);
    this.rules = new RuleChecker(index, reporter);
    this.localClasses = new LocalClassCheck(trees, reporter);
    this.options = planOptions(env.getOptions().get(PlanOptions.REPLAY),
        env.getOptions().get(PlanOptions.CHECK_FINITE));
  }

  /** The plan's options from the processor options' values, reporting a value not taken. */
  private PlanOptions planOptions(String replay, String checkFinite) {
    if (replay != null && !PlanOptions.REPLAY_VALUES.contains(replay)) {
      reporter.error(Message.OPTION_VALUE, PlanOptions.REPLAY,
          String.join(", ", PlanOptions.REPLAY_VALUES), replay);
    }
    if (checkFinite != null && !List.of("true", "false").contains(checkFinite)) {
      reporter.error(Message.OPTION_VALUE, PlanOptions.CHECK_FINITE, "true, false", checkFinite);
    }
    var options = new PlanOptions("always".equals(replay));
    return "true".equals(checkFinite) ? options.withFiniteChecks() : options;
  }

  /** A generator for javac's environment, or one that reports that there is no Tree API. */
  static Generation forEnvironment(ProcessingEnvironment env) {
    Optional<Trees> trees = JavacEnvironment.trees(env);
    if (trees.isEmpty()) {
      return round -> {
        if (!round.differentiable().isEmpty() || !round.rules().isEmpty()
            || !round.constants().isEmpty()) {
          env.getMessager()
              .printMessage(Diagnostic.Kind.ERROR, Message.NO_TREE_API.format());
        }
      };
    }
    var generator = new CompanionGenerator(env, trees.get());
    return new Generation() {
      @Override
      public void generate(Round round) {
        generator.generate(round);
      }

      @Override
      public void finish() {
        generator.listRules();
      }
    };
  }

  /** What each round does with its annotated elements, and what is done after the last. */
  interface Generation {
    void generate(Round round);

    /** After the last round: nothing, or the listing of the compilation's rules. */
    default void finish() {}
  }

  /** Lists the compilation's rules for the compilations that will have its classes in a jar. */
  private void listRules() {
    try {
      directory.write(filer);
    } catch (IOException e) {
      reporter.error(Message.RULE_LISTING, e.getMessage());
    }
  }

  /**
   * The elements of one round that carry Leibniz's annotations.
   *
   * @param differentiable the {@code @Differentiable} methods
   * @param rules the {@code @DerivativeOf} rules
   * @param constants the {@code @NoDerivative} parameters
   * @param roots the classes of the round, searched for local classes javac does not report
   */
  record Round(
      Set<? extends Element> differentiable,
      Set<? extends Element> rules,
      Set<? extends Element> constants,
      Set<? extends Element> roots) {}

  /** Warns of each {@code @NoDerivative} that changes nothing. */
  private void checkConstants(Set<? extends Element> constants) {
    for (Element parameter : constants) {
      Element method = parameter.getEnclosingElement();
      String name = parameter.getSimpleName().toString();
      if (!Annotations.has(method, Annotations.DIFFERENTIABLE)
          && !(method instanceof ExecutableElement e && PrivateHelpers.isHelper(e))) {
        reporter.warning(parameter, Message.NO_DERIVATIVE_IGNORED, name,
            "on a method that is not @Differentiable");
      } else if (!TypeRefs.isDifferentiable(parameter.asType())) {
        reporter.warning(parameter, Message.NO_DERIVATIVE_IGNORED, name,
            "on a parameter of type " + parameter.asType() + ", which is never differentiated");
      }
    }
  }

  private void generate(Round round) {
    for (Element rule : round.rules()) {
      if (rules.check(rule)) {
        var method = (ExecutableElement) rule;
        RuleIndex.Target target = RuleIndex.target(method).orElseThrow();
        index.addCompiled(method);
        directory.add(method, target.type(), target.method());
      }
    }
    checkConstants(round.constants());
    localClasses.check(round.roots());
    // The annotated methods, then the private helpers they call, as reading finds them.
    Set<ExecutableElement> seen = new LinkedHashSet<>();
    Deque<ExecutableElement> pending = new ArrayDeque<>();
    for (Element element : round.differentiable()) {
      if (element.getKind() == ElementKind.METHOD && seen.add((ExecutableElement) element)) {
        pending.add((ExecutableElement) element);
      }
    }
    // Every method is read before any is differentiated: a caller's plan reads what its
    // callees overwrite.
    var readMethods = new ArrayList<ReadMethod>();
    while (!pending.isEmpty()) {
      ExecutableElement method = pending.pop();
      read(method, helper -> {
        if (seen.add(helper)) {
          pending.add(helper);
        }
      }).ifPresent(readMethods::add);
    }
    readMethods.forEach(m -> overwrites.add(m.lowered()));
    Map<TypeElement, List<Differentiated>> byOwner = new LinkedHashMap<>();
    for (ReadMethod m : readMethods) {
      List<Differentiated> methods = byOwner.computeIfAbsent(m.owner(), o -> new ArrayList<>());
      differentiate(m).ifPresent(methods::add);
    }
    byOwner.forEach(this::writeCompanion);
  }

  /** A method's sweeps in reverse and forward mode, and of order 2 if asked. */
  private record Differentiated(AdjointMethod adjoint, TangentMethod tangent,
      Optional<AdjointMethod> directional, Optional<TangentMethod> trace) {}

  /** A method read and lowered, ready to be differentiated. */
  private record ReadMethod(ExecutableElement method, TypeElement owner,
      MethodReader.Read read, MethodIR lowered) {}

  /** The method read and lowered, or none after errors, all reported. */
  private Optional<ReadMethod> read(ExecutableElement method, Consumer<ExecutableElement> helpers) {
    var owner = (TypeElement) method.getEnclosingElement();
    try {
      String companion = CompanionWriter.companionName(reference(owner));
      Optional<MethodReader.Read> read = reader.read(method, companion);
      if (read.isEmpty()) {
        return Optional.empty();
      }
      read.get().helpers().forEach(helpers);
      return withoutArrayNames(read.get()).map(m -> new ReadMethod(method, owner, read.get(),
          JumpLowering.lower(m)));
    } catch (NoClassDefFoundError e) {
      reporter.error(method, Message.INCOMPLETE_PROCESSOR_PATH, missing(e));
      return Optional.empty();
    } catch (RuntimeException | LinkageError e) {
      reporter.error(method, Message.INTERNAL_ERROR, method.getSimpleName(), describe(e));
      return Optional.empty();
    }
  }

  /** The sweeps of a method read, or none after errors, all reported. */
  private Optional<Differentiated> differentiate(ReadMethod m) {
    ExecutableElement method = m.method();
    try {
      MethodIR lowered = m.lowered();
      Activity activity = ActivityAnalysis.of(lowered);
      List<NotDifferentiable> problems = CallCheck.problems(lowered, activity);
      problems.forEach(p -> m.read().sites().error(reporter, p.site(), p.diagnostic(), p.args()));
      if (!problems.isEmpty()) {
        return Optional.empty();
      }
      TangentMethod tangent = TangentBuilder.build(lowered, activity);
      int order = Annotations.intValue(method, Annotations.DIFFERENTIABLE, "order", 1);
      Optional<AdjointMethod> directional = Optional.empty();
      if (order == 2) {
        Optional<MethodIR> g = Directional.of(tangent, refusal -> refuse(method,
            m.read().sites(), refusal));
        if (g.isEmpty()) {
          return Optional.empty();
        }
        directional = secondOrder(method, g.get());
        if (directional.isEmpty()) {
          return Optional.empty();
        }
      } else if (order != 1) {
        reporter.error(method, Message.SECOND_ORDER, method.getSimpleName(),
            "the order is 1 or 2, not " + order);
        return Optional.empty();
      }
      Optional<TangentMethod> trace = Optional.empty();
      if (Annotations.booleanValue(method, Annotations.DIFFERENTIABLE, "trace", false)) {
        trace = trace(m, activity);
        if (trace.isEmpty()) {
          return Optional.empty();
        }
      }
      // The pushforward printed carries the finite checks; second order reads the one without.
      TangentMethod pushforward = options.checkFinite()
          ? TangentBuilder.build(lowered, activity, new FiniteChecks(true, lowered.fileName(),
              SourceText.sourceNames(lowered)))
          : tangent;
      return Optional.of(new Differentiated(
          Tidy.of(ReverseBuilder.build(lowered, activity, overwrites, options)), pushforward,
          directional, trace));
    } catch (NoClassDefFoundError e) {
      reporter.error(method, Message.INCOMPLETE_PROCESSOR_PATH, missing(e));
      return Optional.empty();
    } catch (RuntimeException | LinkageError e) {
      reporter.error(method, Message.INTERNAL_ERROR, method.getSimpleName(), describe(e));
      return Optional.empty();
    }
  }

  /** The walk of the method's trace, or none after an error where it cannot follow. */
  private Optional<TangentMethod> trace(ReadMethod m, Activity activity) {
    try {
      return Optional.of(TangentBuilder.trace(m.lowered(), activity, CompanionWriter.TRACE_LOCAL));
    } catch (TraceRefusal refusal) {
      if (refusal.site() < 0) {
        reporter.error(m.method(), Message.TRACE, m.method().getSimpleName(),
            refusal.getMessage());
      } else {
        m.read().sites().error(reporter, refusal.site(), Message.TRACE,
            m.method().getSimpleName(), refusal.getMessage());
      }
      return Optional.empty();
    }
  }

  /** Second order refused: the error at the call that is the cause, or at the method. */
  private void refuse(ExecutableElement method, Sites sites, Directional.Refusal refusal) {
    if (refusal.site() == Directional.NO_SITE) {
      reporter.error(method, Message.SECOND_ORDER, method.getSimpleName(), refusal.reason());
    } else {
      sites.error(reporter, refusal.site(), Message.SECOND_ORDER, method.getSimpleName(),
          refusal.reason());
    }
  }

  /** The sweeps of g, the directional derivative, or none after an error at the method. */
  private Optional<AdjointMethod> secondOrder(ExecutableElement method, MethodIR g) {
    try {
      // The pushforward names arrays too (its value and tangent, for a method of vectors).
      MethodIR unnamed = Views.lower(g);
      return Optional.of(Tidy.of(ReverseBuilder.build(unnamed, ActivityAnalysis.of(unnamed),
          overwrites, options.withoutCheckpoints())));
    } catch (Views.Unfollowable e) {
      reporter.error(method, Message.SECOND_ORDER, method.getSimpleName(), e.getMessage());
      return Optional.empty();
    }
  }

  /** The method with its names for arrays rewritten, or empty after an error at the name. */
  private Optional<MethodIR> withoutArrayNames(MethodReader.Read read) {
    try {
      return Optional.of(Views.lower(read.method()));
    } catch (Views.Unfollowable e) {
      read.sites().error(reporter, e.source().site(), Message.ARRAY_ALIAS, e.source().text(),
          e.getMessage());
      return Optional.empty();
    }
  }

  private void writeCompanion(TypeElement owner, List<Differentiated> methods) {
    if (methods.isEmpty()) {
      return;
    }
    try {
      JavaFile file = CompanionWriter.write(reference(owner), methods.stream()
          .map(m -> new CompanionWriter.Entry(m.adjoint(), m.tangent(),
              m.directional().orElse(null), m.trace().orElse(null)))
          .toList());
      String name = file.packageName().isEmpty()
          ? file.typeSpec().name()
          : file.packageName() + "." + file.typeSpec().name();
      // The user's class is the companion's originating element, for incremental builds.
      JavaFileObject source = filer.createSourceFile(name, owner);
      try (Writer writer = source.openWriter()) {
        file.writeTo(writer);
      }
    } catch (NoClassDefFoundError e) {
      reporter.error(owner, Message.INCOMPLETE_PROCESSOR_PATH, missing(e));
    } catch (IOException | RuntimeException | LinkageError e) {
      reporter.error(owner, Message.INTERNAL_ERROR, owner.getSimpleName(), describe(e));
    }
  }

  private static TypeRef reference(TypeElement owner) {
    return TypeRefs.of(owner);
  }

  /** The class a {@link NoClassDefFoundError} could not find, as a qualified name. */
  private static String missing(NoClassDefFoundError e) {
    return String.valueOf(e.getMessage()).replace('/', '.');
  }

  private static String describe(Throwable e) {
    var trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    String[] lines = trace.toString().split("\n");
    return e + (lines.length > 1 ? " " + lines[1].trim() : "");
  }
}
