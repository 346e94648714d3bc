package dev.leibniz.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.diag.Reporter;
import java.util.ArrayList;
import java.util.List;

/**
 * The source positions of the calls in one method, numbered so that the IR can name them without
 * holding javac trees, and later phases' errors can still land on the call.
 */
public final class Sites {
  private final CompilationUnitTree unit;
  private final List<Tree> trees = new ArrayList<>();

  Sites(CompilationUnitTree unit) {
    this.unit = unit;
  }

  int record(Tree tree) {
    trees.add(tree);
    return trees.size() - 1;
  }

  /** Reports an error at the call numbered {@code site}. */
  public void error(Reporter reporter, int site, Message message, Object... args) {
    reporter.error(trees.get(site), unit, message, args);
  }
}
