package dev.leibniz.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.leibniz.processor.diag.Reporter;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * The read phase: turns one {@code @Differentiable} method into a {@link MethodIR}, or reports
 * every construct it cannot differentiate and returns nothing.
 */
public final class MethodReader {

  private final Trees trees;
  private final Elements elements;
  private final Reporter reporter;
  private final RuleIndex rules;

  public MethodReader(Trees trees, Elements elements, RuleIndex rules, Reporter reporter) {
    this.trees = trees;
    this.elements = elements;
    this.reporter = reporter;
    this.rules = rules;
  }

  /**
   * A method as read: its IR, and where its calls are in the source.
   *
   * @param method the IR
   * @param sites the calls' positions, for errors found by later phases
   * @param helpers the private helpers it calls, which are differentiated with it
   */
  public record Read(MethodIR method, Sites sites, Set<ExecutableElement> helpers) {}

  /** The method's IR, or empty when the method has errors (all of them reported). */
  public Optional<Read> read(ExecutableElement method, String companionName) {
    int errorsBefore = reporter.errorCount();
    var signature = new SignatureReader(reporter);
    checkConstructors(method);
    if (!signature.check(method) && !signature.hasBody(method)) {
      return Optional.empty();
    }
    TreePath path = trees.getPath(method);
    MethodTree tree = (MethodTree) path.getLeaf();
    CompilationUnitTree unit = path.getCompilationUnit();
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    var scope = new Scope(identifiers(tree));
    var sites = new Sites(unit);
    List<Param> params = signature.params(method, scope);
    Optional<Type.Record> result = RecordValues.resultOf(method.getReturnType());
    Param receiver = signature.receiver(method, scope);
    var context =
        new ReadContext(
            trees,
            unit,
            reporter,
            new NameResolver(elements, unit, owner),
            scope,
            owner,
            receiver == null ? null : receiver.var(),
            objectTypes(method, receiver),
            companionName,
            rules,
            sites,
            new LinkedHashSet<>(),
            new LinkedHashMap<>(),
            result.isPresent() ? Type.DOUBLE_ARRAY
                : Objects.requireNonNullElse(Type.ofResult(method.getReturnType()), Type.DOUBLE),
            result.orElse(null));
    Stmt.Block body = new StatementReader(context).body(tree.getBody());
    if (reporter.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    String file = unit.getSourceFile().getName();
    String fileName = file.substring(file.lastIndexOf('/') + 1);
    boolean hidden = method.getModifiers().contains(Modifier.PRIVATE);
    // A method returning a record is read as the function returning its components.
    String name = DifferentiableCallees.sweepName(method);
    var ir = new MethodIR(name, TypeRefs.of(owner), fileName, receiver, params,
        body, hidden, List.copyOf(context.constants().values()), context.returnType(),
        name(method), result.orElse(null), result.isPresent() ? name : name(method));
    return Optional.of(new Read(ir, sites, context.helpers()));
  }

  /** Records in the signature whose constructors change their components: errors. */
  private void checkConstructors(ExecutableElement method) {
    var constructors = new PlainRecords(trees, elements);
    for (VariableElement p : method.getParameters()) {
      constructors.problem(p.asType()).ifPresent(why -> reporter.error(p,
          dev.leibniz.processor.diag.Message.RECORD_VALUE, p.getSimpleName(), why));
    }
    TypeMirror owner = method.getEnclosingElement().asType();
    boolean instance = !method.getModifiers().contains(Modifier.STATIC);
    constructors.problem(method.getReturnType())
        .or(() -> instance ? constructors.problem(owner) : Optional.empty())
        .ifPresent(why -> reporter.error(method, dev.leibniz.processor.diag.Message.RECORD_VALUE,
            method.getSimpleName(), why));
  }

  private static Map<String, TypeMirror> objectTypes(ExecutableElement method, Param receiver) {
    var types = new HashMap<String, TypeMirror>();
    method.getParameters().stream()
        .filter(p -> p.asType().getKind() == javax.lang.model.type.TypeKind.DECLARED)
        .forEach(p -> types.put(p.getSimpleName().toString(), p.asType()));
    if (receiver != null) {
      types.put(receiver.var().name(), method.getEnclosingElement().asType());
    }
    return types;
  }

  /** Every name the method's source mentions, so that fresh names can avoid them all. */
  private static Set<String> identifiers(MethodTree tree) {
    var names = new HashSet<String>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        names.add(node.getName().toString());
        return null;
      }

      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        names.add(node.getName().toString());
        return super.visitVariable(node, unused);
      }
    }.scan(tree, null);
    return names;
  }

  private static String name(ExecutableElement method) {
    return method.getSimpleName().toString();
  }

}
