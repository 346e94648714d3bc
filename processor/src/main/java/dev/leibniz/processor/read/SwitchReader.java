package dev.leibniz.processor.read;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.UnaryOp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a {@code switch} statement on an {@code int} as the statements the transformations
 * already know, with Java's semantics: the selector is evaluated once, into a local; a case
 * matches where the selector equals one of its labels, {@code default} where it equals none.
 *
 * <p>Where no case falls into the next and the switch is left only by a {@code break} that ends
 * a case (the usual form, and every {@code case … ->} form), the cases become one
 * {@code if / else if / else} chain, the {@code default} its last branch. Otherwise the switch
 * becomes a loop that runs once, {@code do { … } while (false)}, so that a {@code break} anywhere
 * in it leaves it as Java's does; each case runs where it matches or where the case before it
 * ran and fell through (a flag says so), and a {@code continue} of an enclosing loop sets a flag
 * and leaves the switch, after which the enclosing loop continues ({@link StatementReader} reads
 * that {@code continue} where the switch stands, since it may be inside another such switch).
 */
final class SwitchReader {
  private final ReadContext context;
  private final ExpressionReader expressions;
  private final Function<List<? extends StatementTree>, Stmt.Block> blocks;

  /**
   * @param blocks reads statements as a block, a {@code break} of the switch and a
   *     {@code continue} as {@link StatementReader} reads them where they stand
   */
  SwitchReader(ReadContext context, ExpressionReader expressions,
      Function<List<? extends StatementTree>, Stmt.Block> blocks) {
    this.context = context;
    this.expressions = expressions;
    this.blocks = blocks;
  }

  /** A group of cases, with their labels (none for {@code default}) and their statements. */
  private record Group(List<Expr> labels, boolean isDefault, List<? extends StatementTree> body,
      CaseTree tree) {}

  /** Whether the switch became the loop that runs once; decided before its cases are read. */
  private boolean asLoop;
  /** The flag a {@code continue} inside that loop sets, once one is read. */
  private Expr.Var continued;
  /** The loop's label, once a jump needs one. */
  private String label;

  /** The switch as IR statements; null after an error, which has been reported. */
  Stmt read(SwitchTree tree) {
    Expr selector = expressions.read(tree.getExpression());
    if (selector == null) {
      return null;
    }
    if (selector.type() != Type.INT) {
      ExpressionTree named = tree.getExpression();
      while (named instanceof ParenthesizedTree parenthesized) {
        named = parenthesized.getExpression();
      }
      context.error(tree.getExpression(), Message.UNSUPPORTED_STATEMENT,
          "a switch on " + named + " (not an int)",
          "switch on an int, or rewrite it as if / else if / else");
      return null;
    }
    List<Group> groups = groups(tree.getCases());
    if (groups == null) {
      return null;
    }
    Source source = context.source(tree);
    var statements = new ArrayList<Stmt>(expressions.drainPending());
    Expr.Var chosen = context.scope().declare(context.scope().fresh("_case"), Type.INT);
    statements.add(new Stmt.Declare(chosen, selector, source));
    Group last = groups.get(groups.size() - 1);
    asLoop = groups.stream().anyMatch(g -> fallsThrough(g, g == last) || breaksInside(g.body()));
    if (!asLoop) {
      statements.add(chain(groups, chosen, source));
      return new Stmt.Block(statements);
    }
    statements.addAll(fallingThrough(groups, chosen, source));
    return new Stmt.Block(statements);
  }

  /** Whether a {@code continue} read now is inside the loop this switch became. */
  boolean readsContinueAsFlag() {
    return asLoop;
  }

  /**
   * The flag a {@code continue} read inside the switch's loop set, if one was read: after the
   * loop, the enclosing loop continues where it is set.
   */
  java.util.Optional<Expr.Var> continued() {
    return java.util.Optional.ofNullable(continued);
  }

  /**
   * A {@code continue} of the enclosing loop, inside the switch's loop: set a flag, leave.
   *
   * @param label the switch's label where a labeled block stands between, else null
   */
  Stmt continueThrough(Source source, String label) {
    if (continued == null) {
      continued = context.scope().declare(context.scope().fresh("_continued"), Type.BOOLEAN);
    }
    return new Stmt.Block(List.of(new Stmt.Assign(continued, new Expr.Literal(Type.BOOLEAN, true),
        source), new Stmt.Break(label, source)));
  }

  /** The label of the switch's loop, made up when a jump from a labeled block first needs it. */
  String label(java.util.function.Supplier<String> madeUp) {
    if (label == null) {
      label = madeUp.get();
    }
    return label;
  }

  /** The cases as one chain of branches, each case's closing {@code break} left out. */
  private Stmt chain(List<Group> groups, Expr.Var chosen, Source source) {
    Stmt.Block otherwise = new Stmt.Block(List.of());
    Group fallback = groups.stream().filter(Group::isDefault).findFirst().orElse(null);
    if (fallback != null) {
      otherwise = blocks.apply(withoutClosingBreak(fallback.body()));
    }
    for (int k = groups.size() - 1; k >= 0; k--) {
      Group group = groups.get(k);
      if (group.isDefault()) {
        continue;
      }
      Stmt.Block then = blocks.apply(withoutClosingBreak(group.body()));
      otherwise = new Stmt.Block(List.of(new Stmt.If(matches(group.labels(), chosen), then,
          otherwise, context.source(group.tree()))));
    }
    return otherwise.statements().size() == 1 ? otherwise.statements().get(0) : otherwise;
  }

  /** The cases in order inside a loop that runs once, each entered on a match or falling in. */
  private List<Stmt> fallingThrough(List<Group> groups, Expr.Var chosen, Source source) {
    Expr.Var fell = context.scope().declare(context.scope().fresh("_fell"), Type.BOOLEAN);
    var all = new ArrayList<Expr>();
    groups.forEach(g -> all.addAll(g.labels()));
    var body = new ArrayList<Stmt>();
    for (Group group : groups) {
      Expr match = group.isDefault()
          ? new Expr.Unary(UnaryOp.NOT, matches(all, chosen), Type.BOOLEAN)
          : matches(group.labels(), chosen);
      var entered = new ArrayList<Stmt>();
      entered.add(new Stmt.Assign(fell, new Expr.Literal(Type.BOOLEAN, true), source));
      entered.addAll(blocks.apply(group.body()).statements());
      body.add(new Stmt.If(new Expr.Binary(BinaryOp.OR, fell, match, Type.BOOLEAN),
          new Stmt.Block(entered), new Stmt.Block(List.of()), context.source(group.tree())));
    }
    var falseLiteral = new Expr.Literal(Type.BOOLEAN, false);
    var statements = new ArrayList<Stmt>();
    statements.add(new Stmt.Declare(fell, falseLiteral, source));
    continued().ifPresent(flag -> statements.add(new Stmt.Declare(flag, falseLiteral, source)));
    statements.add(new Stmt.Loop(falseLiteral, new Stmt.Block(body), new Stmt.Block(List.of()),
        false, source, label));
    return statements;
  }

  /** {@code chosen == l₀ || chosen == l₁ || …}. */
  private static Expr matches(List<Expr> labels, Expr.Var chosen) {
    Expr match = null;
    for (Expr label : labels) {
      Expr equal = new Expr.Binary(BinaryOp.EQ, chosen, label, Type.BOOLEAN);
      match = match == null ? equal : new Expr.Binary(BinaryOp.OR, match, equal, Type.BOOLEAN);
    }
    return match == null ? new Expr.Literal(Type.BOOLEAN, false) : match;
  }

  /**
   * The cases with their labels read, a case without statements joined to the next
   * ({@code case 1: case 2: …}); null after an error.
   */
  private List<Group> groups(List<? extends CaseTree> cases) {
    var groups = new ArrayList<Group>();
    var labels = new ArrayList<Expr>();
    boolean isDefault = false;
    CaseTree first = null;
    for (CaseTree c : cases) {
      first = first == null ? c : first;
      for (ExpressionTree label : c.getExpressions()) {
        Expr read = expressions.read(label);
        if (read == null) {
          return null;
        }
        if (read.type() != Type.INT || !expressions.drainPending().isEmpty()) {
          context.error(label, Message.UNSUPPORTED_STATEMENT, "the case label " + label,
              "label cases with int constants");
          return null;
        }
        labels.add(read);
      }
      isDefault |= c.getExpressions().isEmpty();
      List<? extends StatementTree> body = c.getCaseKind() == CaseTree.CaseKind.RULE
          ? List.of((StatementTree) c.getBody()) : c.getStatements();
      if (body.isEmpty()) {
        continue;
      }
      groups.add(new Group(List.copyOf(labels), isDefault, body, first));
      labels.clear();
      isDefault = false;
      first = null;
    }
    if (first != null) {
      groups.add(new Group(List.copyOf(labels), isDefault, List.of(), first));
    }
    return groups;
  }

  /**
   * Whether a case may fall into the next: not the last, not of the {@code ->} form, and not
   * ending in a jump.
   */
  private static boolean fallsThrough(Group group, boolean last) {
    List<? extends StatementTree> body = group.body();
    if (last || group.tree().getCaseKind() == CaseTree.CaseKind.RULE) {
      return false;
    }
    if (body.isEmpty()) {
      return true;
    }
    StatementTree end = body.get(body.size() - 1);
    return !(end instanceof BreakTree b && b.getLabel() == null || end instanceof ReturnTree
        || end instanceof ContinueTree || end instanceof ThrowTree);
  }

  /** Whether a {@code break} of this switch stands anywhere but at the end of a case. */
  private static boolean breaksInside(List<? extends StatementTree> body) {
    var scanner = new OwnBreaks();
    withoutClosingBreak(body).forEach(s -> scanner.scan(s, null));
    return scanner.found;
  }

  private static List<? extends StatementTree> withoutClosingBreak(
      List<? extends StatementTree> body) {
    if (!body.isEmpty() && body.get(body.size() - 1) instanceof BreakTree b
        && b.getLabel() == null) {
      return body.subList(0, body.size() - 1);
    }
    return body;
  }

  /** Finds unlabeled {@code break}s that leave the switch: not those of nested loops. */
  private static final class OwnBreaks extends TreeScanner<Void, Void> {
    /** Constructs whose own {@code break}s, or none, stand inside them. */
    private static final Set<Tree.Kind> OTHER_TARGETS = EnumSet.of(Tree.Kind.WHILE_LOOP,
        Tree.Kind.DO_WHILE_LOOP, Tree.Kind.FOR_LOOP, Tree.Kind.ENHANCED_FOR_LOOP,
        Tree.Kind.SWITCH, Tree.Kind.SWITCH_EXPRESSION, Tree.Kind.LAMBDA_EXPRESSION,
        Tree.Kind.CLASS);
    boolean found;

    @Override
    public Void scan(Tree tree, Void unused) {
      return tree == null || OTHER_TARGETS.contains(tree.getKind()) ? null
          : super.scan(tree, unused);
    }

    @Override
    public Void visitBreak(BreakTree tree, Void unused) {
      found |= tree.getLabel() == null;
      return null;
    }
  }
}
