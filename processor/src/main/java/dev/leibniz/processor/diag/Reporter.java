package dev.leibniz.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one place diagnostics leave the processor. Positions come from source trees when there
 * are any, from elements otherwise. Counts errors so that callers can tell whether a method may
 * be emitted.
 */
public final class Reporter {
  private final Trees trees;
  private final Messager messager;
  private int errors;

  public Reporter(Trees trees, Messager messager) {
    this.trees = trees;
    this.messager = messager;
  }

  /** An error at a tree of the given compilation unit. */
  public void error(Tree tree, CompilationUnitTree unit, Message message, Object... args) {
    errors++;
    trees.printMessage(Diagnostic.Kind.ERROR, message.format(args), tree, unit);
  }

  /** An error at an element, for signatures and annotations. */
  public void error(Element element, Message message, Object... args) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
  }

  /** An error of the compilation as a whole, at no element. */
  public void error(Message message, Object... args) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args));
  }

  /** A warning at an element. */
  public void warning(Element element, Message message, Object... args) {
    messager.printMessage(Diagnostic.Kind.WARNING, message.format(args), element);
  }

  /** The number of errors reported so far. */
  public int errorCount() {
    return errors;
  }
}
