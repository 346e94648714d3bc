package dev.leibniz.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.diag.Reporter;
import dev.leibniz.processor.ir.Constant;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Type;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * What the readers of one method share: where errors go, how names resolve, and the method's
 * variables.
 *
 * @param owner the class declaring the method
 * @param receiver the variable standing for {@code this}, or null in a static method
 * @param objectTypes the declared types of parameters that are objects, for their fields
 * @param companionName the simple name of the companion class, for messages
 * @param rules where {@code @DerivativeOf} rules are found
 * @param sites the calls read so far, for later diagnostics
 * @param helpers the private helpers called so far, to be differentiated too
 * @param constants the private fields read so far whose initializers the companion copies
 * @param returnType the method's result: {@code double}, {@code double[]} or {@code void}
 * @param resultRecord the record type the method returns, read as a {@code double[]} of its
 *     components; else null
 */
record ReadContext(
    Trees trees,
    CompilationUnitTree unit,
    Reporter reporter,
    NameResolver names,
    Scope scope,
    TypeElement owner,
    Expr.Var receiver,
    Map<String, TypeMirror> objectTypes,
    String companionName,
    RuleIndex rules,
    Sites sites,
    Set<ExecutableElement> helpers,
    Map<String, Constant> constants,
    Type returnType,
    Type.Record resultRecord) {

  /**
   * The context an initializer of a field of {@code declaring} is read in: names resolved from
   * that class, no locals and no receiver, and the same collections of what was found.
   */
  ReadContext forInitializer(TypeElement declaring) {
    return new ReadContext(trees, unit, reporter, names.from(declaring), new Scope(Set.of()),
        owner, null,
        Map.of(), companionName, rules, sites, helpers, constants, Type.DOUBLE, null);
  }

  void error(Tree tree, Message message, Object... args) {
    reporter.error(tree, unit, message, args);
  }

  /**
   * The line and one-line text of a statement, for comments in the generated code; for a branch
   * or a loop, its header only.
   */
  Source source(Tree tree) {
    long start = trees.getSourcePositions().getStartPosition(unit, tree);
    int line = (int) unit.getLineMap().getLineNumber(start);
    // javac prints the omitted type of a var declaration as a comment.
    String text = tree.toString().replace("/*missing*/", "var").replaceAll("\\s+", " ").trim();
    boolean compound = switch (tree.getKind()) {
      case IF, WHILE_LOOP, DO_WHILE_LOOP, FOR_LOOP, ENHANCED_FOR_LOOP -> true;
      default -> false;
    };
    if (compound && text.contains("{")) {
      text = text.substring(0, text.indexOf('{')).trim();
    }
    if (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1);
    }
    return new Source(line, text, sites.record(tree));
  }
}
