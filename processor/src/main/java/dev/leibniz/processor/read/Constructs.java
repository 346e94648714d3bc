package dev.leibniz.processor.read;

import com.sun.source.tree.Tree;
import java.util.Locale;
import java.util.Map;

/** Names of source constructs as messages speak of them: "a lambda expression". */
final class Constructs {
  private static final Map<Tree.Kind, String> NAMES =
      Map.ofEntries(
          Map.entry(Tree.Kind.IF, "an if statement"),
          Map.entry(Tree.Kind.FOR_LOOP, "a for loop"),
          Map.entry(Tree.Kind.ENHANCED_FOR_LOOP, "an enhanced for loop"),
          Map.entry(Tree.Kind.WHILE_LOOP, "a while loop"),
          Map.entry(Tree.Kind.DO_WHILE_LOOP, "a do-while loop"),
          Map.entry(Tree.Kind.SWITCH, "a switch statement"),
          Map.entry(Tree.Kind.SWITCH_EXPRESSION, "a switch expression"),
          Map.entry(Tree.Kind.TRY, "a try statement"),
          Map.entry(Tree.Kind.THROW, "a throw statement"),
          Map.entry(Tree.Kind.SYNCHRONIZED, "a synchronized statement"),
          Map.entry(Tree.Kind.ASSERT, "an assert statement"),
          Map.entry(Tree.Kind.LABELED_STATEMENT, "a labeled statement"),
          Map.entry(Tree.Kind.CLASS, "a local class"),
          Map.entry(Tree.Kind.BREAK, "a break statement"),
          Map.entry(Tree.Kind.CONTINUE, "a continue statement"),
          Map.entry(Tree.Kind.LAMBDA_EXPRESSION, "a lambda expression"),
          Map.entry(Tree.Kind.MEMBER_REFERENCE, "a method reference"),
          Map.entry(Tree.Kind.NEW_CLASS, "object creation"),
          Map.entry(Tree.Kind.NEW_ARRAY, "array creation"),
          Map.entry(Tree.Kind.ARRAY_ACCESS, "array access"),
          Map.entry(Tree.Kind.INSTANCE_OF, "instanceof"),
          Map.entry(Tree.Kind.CONDITIONAL_EXPRESSION, "a conditional expression (?:)"),
          Map.entry(Tree.Kind.STRING_LITERAL, "a string"),
          Map.entry(Tree.Kind.CHAR_LITERAL, "a char literal"),
          Map.entry(Tree.Kind.NULL_LITERAL, "null"));

  /** What to write instead of a statement Leibniz does not read yet, where there is a way. */
  private static final Map<Tree.Kind, String> REWRITES =
      Map.ofEntries(
          Map.entry(Tree.Kind.SWITCH, "rewrite it as if / else if / else, one branch per case"
              + " (cases that fall through joined with ||)"),
          Map.entry(Tree.Kind.SWITCH_EXPRESSION, "compute it in a local with if / else if / else,"
              + " one branch per case"),
          Map.entry(Tree.Kind.TRY, "move it out of the differentiable method"),
          Map.entry(Tree.Kind.SYNCHRONIZED, "move it out of the differentiable method"));

  private Constructs() {}

  /** What to write instead of {@code tree}, for a message that says it is not read yet. */
  static String rewrite(Tree tree) {
    return REWRITES.getOrDefault(tree.getKind(), "rewrite it with supported statements");
  }

  /** The construct {@code tree} is, with the source text for expressions: "x & 1 (and)". */
  static String describe(Tree tree) {
    String name = NAMES.get(tree.getKind());
    if (name != null) {
      return name;
    }
    String kind = tree.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return "'" + tree.toString().replaceAll("\\s+", " ") + "' (" + kind + ")";
  }
}
