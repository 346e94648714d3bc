package dev.leibniz.processor.read;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Rewrite;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.ir.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Reads a {@code switch} statement or expression on an {@code int}, an enum or a {@code String}
 * as the statements the transformations already know, with Java's semantics: an int selector is
 * evaluated once, into a local (an enum or String parameter cannot change meanwhile, and is
 * compared as it stands, a String by {@code Objects.equals}); a case matches where the selector
 * equals one of its labels, {@code default} where it equals none. A switch expression's cases
 * assign a local, whose type is the values' promoted as Java does; {@code yield} assigns it and
 * leaves the switch as {@code break} does.
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
      ExpressionTree value, CaseTree tree) {}

  /** Whether the switch became the loop that runs once; decided before its cases are read. */
  private boolean asLoop;
  /** The flag a {@code continue} inside that loop sets, once one is read. */
  private Expr.Var continued;
  /** The loop's label, once a jump needs one. */
  private String label;
  /**
   * The local a switch expression's cases assign, null for a switch statement; its type is a
   * stand-in until {@link #valueTypes} are all known.
   */
  private Expr.Var result;
  private final List<Type> valueTypes = new ArrayList<>();
  /** Whether the selector is a {@code String}, whose cases match by {@code equals}. */
  private boolean strings;
  private static final TypeRef OBJECTS = new TypeRef("java.util", List.of("Objects"));

  /** The switch statement as IR statements; null after an error, which has been reported. */
  Stmt read(SwitchTree tree) {
    return cases(tree.getExpression(), tree.getCases(), tree);
  }

  /**
   * A switch expression's value: a local that its cases assign, in statements that run before
   * the statement holding it; null after an error, which has been reported.
   */
  Expr read(SwitchExpressionTree tree) {
    // The type is the values' own, promoted as Java does: known once every case is read.
    result = context.scope().declare(context.scope().fresh("_switch"), Type.DOUBLE);
    Stmt read = cases(tree.getExpression(), tree.getCases(), tree);
    if (read == null) {
      return null;
    }
    Type type = valueTypes.stream().allMatch(t -> t == Type.BOOLEAN) ? Type.BOOLEAN
        : valueTypes.stream().allMatch(Type::isNumeric)
            ? valueTypes.stream().reduce(Type::promote).orElseThrow() : null;
    if (type == null) {
      return expressions.unsupported(tree);
    }
    var typed = new Expr.Var(result.name(), type);
    // Set where no case matches too (an enum's cases may cover every constant without a
    // default), so that Java sees it assigned.
    expressions.precede(new Stmt.Declare(typed, Expr.defaultOf(type), context.source(tree)));
    // Unpacked, so that what the enclosing expression pends before it stays in scope.
    Stmts.unpacked(read).forEach(statement -> expressions.precede(
        Rewrite.retyped(statement, result, typed, v -> ExpressionReader.convert(v, type))));
    return typed;
  }

  /** Whether this is a switch expression, which {@code yield} leaves. */
  boolean isExpression() {
    return result != null;
  }

  /** {@code yield value}: the switch expression's value, then out of the switch. */
  Stmt yielded(Expr value, Source source, String label) {
    valueTypes.add(value.type());
    Stmt assign = new Stmt.Assign(result, value, source);
    return asLoop ? new Stmt.Block(List.of(assign, new Stmt.Break(label, source))) : assign;
  }

  private Stmt cases(ExpressionTree selectorTree, List<? extends CaseTree> cases, Tree tree) {
    Expr selector = expressions.read(selectorTree);
    if (selector == null) {
      return null;
    }
    TypeElement enumType = enumOf(selector);
    strings = isString(selector);
    if (selector.type() != Type.INT && selector.type() != Type.CHAR && enumType == null
        && !strings) {
      ExpressionTree named = selectorTree;
      while (named instanceof ParenthesizedTree parenthesized) {
        named = parenthesized.getExpression();
      }
      context.error(selectorTree, Message.UNSUPPORTED_STATEMENT,
          "a switch on " + named + " (not an int, a char, an enum or a String parameter)",
          "switch on an int, a char, an enum or a String, or rewrite it as if / else if / else");
      return null;
    }
    List<Group> groups = groups(cases, enumType);
    if (groups == null) {
      return null;
    }
    Source source = context.source(tree);
    var statements = new ArrayList<Stmt>(expressions.drainPending());
    Expr chosen = selector;
    if (enumType == null && !strings) {
      // Evaluated once, as Java does; an enum or a String parameter cannot change meanwhile.
      Expr.Var local = context.scope().declare(context.scope().fresh("_case"), Type.INT);
      statements.add(new Stmt.Declare(local, selector, source));
      chosen = local;
    }
    Group last = groups.get(groups.size() - 1);
    asLoop = groups.stream().anyMatch(
        g -> fallsThrough(g, g == last) || CaseJumps.inside(g.body(), isExpression()));
    if (!asLoop) {
      statements.add(chain(groups, chosen, source));
      return new Stmt.Block(statements);
    }
    statements.addAll(fallingThrough(groups, chosen, source));
    return new Stmt.Block(statements);
  }

  /** Whether a selector is a {@code String} parameter. */
  private boolean isString(Expr selector) {
    TypeMirror type = selector instanceof Expr.Var v ? context.objectTypes().get(v.name()) : null;
    return type != null && type.toString().equals("java.lang.String");
  }

  /** The enum a selector is of, a parameter's declared type, or null. */
  private TypeElement enumOf(Expr selector) {
    TypeMirror type = selector instanceof Expr.Var v ? context.objectTypes().get(v.name()) : null;
    return type instanceof DeclaredType declared
        && declared.asElement().getKind() == ElementKind.ENUM
        ? (TypeElement) declared.asElement() : null;
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
  private Stmt chain(List<Group> groups, Expr chosen, Source source) {
    Stmt.Block otherwise = new Stmt.Block(List.of());
    Group fallback = groups.stream().filter(Group::isDefault).findFirst().orElse(null);
    if (fallback != null) {
      otherwise = caseBlock(fallback);
    }
    for (int k = groups.size() - 1; k >= 0; k--) {
      Group group = groups.get(k);
      if (group.isDefault()) {
        continue;
      }
      Stmt.Block then = caseBlock(group);
      otherwise = new Stmt.Block(List.of(new Stmt.If(matches(group.labels(), chosen), then,
          otherwise, context.source(group.tree()))));
    }
    return otherwise.statements().size() == 1 ? otherwise.statements().get(0) : otherwise;
  }

  /**
   * A case's statements: in the chain without its closing {@code break}; in the loop, with a
   * {@code break} closing a case of the {@code ->} form, which never falls through; and, for a
   * {@code case … -> value} of a switch expression, the assignment of its value.
   */
  private Stmt.Block caseBlock(Group group) {
    var statements = new ArrayList<>(
        blocks.apply(asLoop ? group.body() : withoutClosingBreak(group.body())).statements());
    Source source = context.source(group.tree());
    if (group.value() != null) {
      Expr value = expressions.read(group.value());
      statements.addAll(expressions.drainPending());
      if (value != null) {
        valueTypes.add(value.type());
        statements.add(new Stmt.Assign(result, value, context.source(group.value())));
      }
    }
    if (asLoop && group.tree().getCaseKind() == CaseTree.CaseKind.RULE
        && !CaseJumps.atEnd(group.body())) {
      statements.add(new Stmt.Break(source));
    }
    return new Stmt.Block(statements);
  }

  /** The cases in order inside a loop that runs once, each entered on a match or falling in. */
  private List<Stmt> fallingThrough(List<Group> groups, Expr chosen, Source source) {
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
      entered.addAll(caseBlock(group).statements());
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

  /** {@code chosen == l₀ || chosen == l₁ || …}, or for strings {@code Objects.equals}. */
  private Expr matches(List<Expr> labels, Expr chosen) {
    Expr match = null;
    for (Expr label : labels) {
      Expr equal = strings
          ? new Expr.Call(OBJECTS, "equals", List.of(chosen, label), Type.BOOLEAN)
          : new Expr.Binary(BinaryOp.EQ, chosen, label, Type.BOOLEAN);
      match = match == null ? equal : new Expr.Binary(BinaryOp.OR, match, equal, Type.BOOLEAN);
    }
    return match == null ? new Expr.Literal(Type.BOOLEAN, false) : match;
  }

  /**
   * The cases with their labels read, a case without statements joined to the next
   * ({@code case 1: case 2: …}); null after an error.
   */
  private List<Group> groups(List<? extends CaseTree> cases, TypeElement enumType) {
    var groups = new ArrayList<Group>();
    var labels = new ArrayList<Expr>();
    boolean isDefault = false;
    CaseTree first = null;
    for (CaseTree c : cases) {
      first = first == null ? c : first;
      for (ExpressionTree label : c.getExpressions()) {
        Expr read = label(label, enumType);
        if (read == null) {
          return null;
        }
        labels.add(read);
      }
      isDefault |= c.getExpressions().isEmpty();
      List<? extends StatementTree> body = c.getStatements();
      ExpressionTree value = null;
      if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
        body = c.getBody() instanceof StatementTree statement ? List.of(statement) : List.of();
        value = c.getBody() instanceof ExpressionTree expression ? expression : null;
      }
      if (body.isEmpty() && value == null) {
        continue;
      }
      groups.add(new Group(List.copyOf(labels), isDefault, body, value, first));
      labels.clear();
      isDefault = false;
      first = null;
    }
    if (first != null) {
      groups.add(new Group(List.copyOf(labels), isDefault, List.of(), null, first));
    }
    return groups;
  }

  /**
   * An int or char constant, a string, or for a switch on an enum the constant a case names.
   */
  private Expr label(ExpressionTree label, TypeElement enumType) {
    if (strings) {
      if (label instanceof LiteralTree literal && literal.getValue() instanceof String text) {
        return new Expr.Literal(Type.OBJECT, text);
      }
      context.error(label, Message.UNSUPPORTED_STATEMENT, "the case label " + label,
          "label the cases of a switch on a String with string literals");
      return null;
    }
    if (enumType != null && label instanceof IdentifierTree name) {
      return new Expr.StaticField(TypeRefs.of(enumType), name.getName().toString(), Type.OBJECT);
    }
    int mark = expressions.pending().mark();
    Expr read = expressions.read(label);
    boolean constant = read != null && (read.type() == Type.INT || read.type() == Type.CHAR);
    if (read != null && (!constant || expressions.pending().mark() != mark)) {
      context.error(label, Message.UNSUPPORTED_STATEMENT, "the case label " + label,
          "label cases with int or char constants");
      return null;
    }
    return read;
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
    return !CaseJumps.atEnd(body);
  }

  private static List<? extends StatementTree> withoutClosingBreak(
      List<? extends StatementTree> body) {
    if (!body.isEmpty() && body.get(body.size() - 1) instanceof BreakTree b
        && b.getLabel() == null) {
      return body.subList(0, body.size() - 1);
    }
    return body;
  }
}
