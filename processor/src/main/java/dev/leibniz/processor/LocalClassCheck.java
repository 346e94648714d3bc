package dev.leibniz.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.leibniz.processor.read.Annotations;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.diag.Reporter;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Finds {@code @Differentiable} methods of local and anonymous classes, which javac does not
 * hand to annotation processors at all, and reports that generated code could not name them:
 * without this they would be silently left without a gradient.
 */
final class LocalClassCheck {
  private static final String SIMPLE_NAME = "Differentiable";
  private static final String QUALIFIED_NAME = Annotations.DIFFERENTIABLE;

  private final Trees trees;
  private final Reporter reporter;

  LocalClassCheck(Trees trees, Reporter reporter) {
    this.trees = trees;
    this.reporter = reporter;
  }

  void check(Set<? extends Element> roots) {
    for (Element root : roots) {
      TreePath path = root instanceof TypeElement ? trees.getPath(root) : null;
      if (path != null) {
        new Scanner(path).scan(path, null);
      }
    }
  }

  private final class Scanner extends TreePathScanner<Void, Void> {
    private final TreePath top;

    Scanner(TreePath top) {
      this.top = top;
    }

    @Override
    public Void visitMethod(MethodTree method, Void unused) {
      if (insideMethod(getCurrentPath().getParentPath()) && isDifferentiable(method)) {
        ClassTree owner = (ClassTree) getCurrentPath().getParentPath().getLeaf();
        String name = owner.getSimpleName().length() == 0 ? "an anonymous class"
            : owner.getSimpleName().toString();
        reporter.error(method, top.getCompilationUnit(), Message.INACCESSIBLE_CLASS, name,
            "local or anonymous");
      }
      return super.visitMethod(method, unused);
    }

    /** Whether the class at {@code path} is declared inside a method body. */
    private boolean insideMethod(TreePath path) {
      for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
        if (p.getLeaf().getKind() == Tree.Kind.METHOD || p.getLeaf().getKind() == Tree.Kind.BLOCK) {
          return true;
        }
      }
      return false;
    }

    private boolean isDifferentiable(MethodTree method) {
      for (AnnotationTree annotation : method.getModifiers().getAnnotations()) {
        String type = annotation.getAnnotationType().toString();
        if (type.equals(SIMPLE_NAME) || type.equals(QUALIFIED_NAME)) {
          return true;
        }
      }
      return false;
    }
  }
}
