package dev.leibniz.processor.read;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where the statements of a switch's case jump out of it, which decides how {@link SwitchReader}
 * reads the switch: a case ending in a jump does not fall through, and a jump anywhere else
 * makes the switch a loop that the jump leaves.
 */
final class CaseJumps {
  private CaseJumps() {}

  /** Whether a case's statements end in a jump out of it. */
  static boolean atEnd(List<? extends StatementTree> body) {
    if (body.isEmpty()) {
      return false;
    }
    StatementTree end = body.get(body.size() - 1);
    return end instanceof BreakTree b && b.getLabel() == null || end instanceof ReturnTree
        || end instanceof ContinueTree || end instanceof ThrowTree || end instanceof YieldTree;
  }

  /**
   * Whether a jump out of this switch stands anywhere but at the end of a case: a
   * {@code break} of a switch statement, a {@code yield} of a switch expression.
   */
  static boolean inside(List<? extends StatementTree> body, boolean expression) {
    var scanner = new OwnJumps(expression);
    List<? extends StatementTree> inside = body;
    if (!body.isEmpty() && atEnd(body)
        && (body.get(body.size() - 1) instanceof BreakTree
            || body.get(body.size() - 1) instanceof YieldTree)) {
      inside = body.subList(0, body.size() - 1);
    }
    inside.forEach(s -> scanner.scan(s, null));
    return scanner.found;
  }

  /**
   * Finds the jumps that leave the switch: unlabeled {@code break}s, not those of nested loops
   * and switches; or for a switch expression its {@code yield}s, which leave loops and switch
   * statements on the way.
   */
  private static final class OwnJumps extends TreeScanner<Void, Void> {
    /** Constructs whose own {@code break}s, or none, stand inside them. */
    private static final Set<Tree.Kind> BREAK_TARGETS = EnumSet.of(Tree.Kind.WHILE_LOOP,
        Tree.Kind.DO_WHILE_LOOP, Tree.Kind.FOR_LOOP, Tree.Kind.ENHANCED_FOR_LOOP,
        Tree.Kind.SWITCH, Tree.Kind.SWITCH_EXPRESSION, Tree.Kind.LAMBDA_EXPRESSION,
        Tree.Kind.CLASS);
    /** Constructs whose {@code yield}s, or none, stand inside them. */
    private static final Set<Tree.Kind> YIELD_TARGETS = EnumSet.of(Tree.Kind.SWITCH_EXPRESSION,
        Tree.Kind.LAMBDA_EXPRESSION, Tree.Kind.CLASS);
    private final boolean yields;
    boolean found;

    OwnJumps(boolean yields) {
      this.yields = yields;
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      Set<Tree.Kind> stops = yields ? YIELD_TARGETS : BREAK_TARGETS;
      return tree == null || stops.contains(tree.getKind()) ? null : super.scan(tree, unused);
    }

    @Override
    public Void visitBreak(BreakTree tree, Void unused) {
      found |= !yields && tree.getLabel() == null;
      return null;
    }

    @Override
    public Void visitYield(YieldTree tree, Void unused) {
      found |= yields;
      return null;
    }
  }
}
