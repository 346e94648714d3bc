package dev.leibniz.processor;

import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.diag.Reporter;
import dev.leibniz.processor.ir.TypeRef;
import dev.leibniz.processor.read.RuleIndex;
import dev.leibniz.processor.read.TypeRefs;
import dev.leibniz.processor.rules.Rules;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;

/**
 * Checks each {@code @DerivativeOf} rule of a round against the method it names: the method must
 * exist, be a static function of {@code double}s, and the rule must have the matching shape.
 * Errors land on the rule.
 */
final class RuleChecker {
  private final RuleIndex rules;
  private final Reporter reporter;

  RuleChecker(RuleIndex rules, Reporter reporter) {
    this.rules = rules;
    this.reporter = reporter;
  }

  /** Whether a rule of {@code ruleArity} parameters could be for {@code function}. */
  private static boolean fitsArity(ExecutableElement function, int ruleArity) {
    int n = function.getParameters().size();
    return n == 1 ? ruleArity == 1 : ruleArity == n + 1;
  }

  /** Checks {@code element}, reporting what is wrong; whether it is a rule callers can use. */
  boolean check(Element element) {
    if (element.getKind() != ElementKind.METHOD) {
      return false;
    }
    var rule = (ExecutableElement) element;
    Optional<RuleIndex.Target> target = RuleIndex.target(rule);
    if (target.isEmpty()) {
      return false;
    }
    String name = target.get().type().getQualifiedName() + "." + target.get().method();
    TypeRef owner = TypeRefs.of(target.get().type());
    if ((owner.equals(TypeRef.MATH) || owner.equals(TypeRef.STRICT_MATH))
        && Rules.isFunction(target.get().method())) {
      reporter.warning(rule, Message.RULE_FOR_KNOWN_FUNCTION, name);
      return false;
    }
    List<ExecutableElement> candidates =
        ElementFilter.methodsIn(target.get().type().getEnclosedElements()).stream()
            .filter(m -> m.getSimpleName().contentEquals(target.get().method()))
            .filter(m -> m.getModifiers().contains(Modifier.STATIC))
            .toList();
    if (candidates.isEmpty()) {
      reporter.error(rule, Message.RULE_TARGET_MISSING, target.get().type().getQualifiedName(),
          target.get().method());
      return false;
    }
    int ruleArity = rule.getParameters().size();
    Optional<ExecutableElement> function = candidates.stream()
        .filter(m -> m.getReturnType().getKind() == TypeKind.DOUBLE && !m.getParameters().isEmpty()
            && m.getParameters().stream().allMatch(p -> p.asType().getKind() == TypeKind.DOUBLE))
        .sorted((a, b) -> Boolean.compare(!fitsArity(a, ruleArity), !fitsArity(b, ruleArity)))
        .findFirst();
    if (function.isEmpty()) {
      reporter.error(rule, Message.RULE_TARGET_SHAPE, name);
      return false;
    } else if (!rules.hasRuleShape(rule, function.get())) {
      int arity = function.get().getParameters().size();
      String shape = arity == 1
          ? "taking one double and returning the derivative as a double"
          : "taking the " + arity + " doubles and a double[] to fill with the partial"
              + " derivatives, returning void";
      reporter.error(rule, Message.RULE_SIGNATURE, name, shape);
      return false;
    }
    return true;
  }
}
