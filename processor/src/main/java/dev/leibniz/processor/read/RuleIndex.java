package dev.leibniz.processor.read;

import dev.leibniz.processor.ir.Callee;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Finds {@code @DerivativeOf} rules. A rule is visible to a call when it is declared in the
 * class of the function it is for, in any class of that class's package or of the calling
 * class's package (in source or in a jar alike), anywhere in the same compilation, or in a
 * class named by {@code @UseRules} on the calling class, a class around it, or its package.
 */
public final class RuleIndex {
  private final Elements elements;
  private final Types types;
  private final Filer filer;
  private final Map<PackageElement, List<ExecutableElement>> rulesByPackage = new HashMap<>();
  private final List<ExecutableElement> compiledRules = new ArrayList<>();

  public RuleIndex(Elements elements, Types types, Filer filer) {
    this.elements = elements;
    this.types = types;
    this.filer = filer;
  }

  /** Makes {@code rule}, declared in the compilation, visible to every call. */
  public void addCompiled(ExecutableElement rule) {
    compiledRules.add(rule);
  }

  /** The rule for {@code target} visible from {@code caller}, if there is one. */
  Optional<ExecutableElement> ruleFor(ExecutableElement target, TypeElement caller) {
    TypeElement owner = (TypeElement) target.getEnclosingElement();
    var visible = new ArrayList<ExecutableElement>();
    for (PackageElement pkg : List.of(elements.getPackageOf(owner), elements.getPackageOf(caller))) {
      visible.addAll(rulesIn(pkg));
    }
    visible.addAll(compiledRules);
    for (TypeElement named : UsedRules.classesNamed(caller, elements)) {
      collect(named, visible);
    }
    return visible.stream().filter(rule -> isRuleFor(rule, target)).findFirst();
  }

  /** The rule a jar lists for {@code target}, which the call did not find, if there is one. */
  Optional<Callee.ListedRule> hiddenRuleFor(ExecutableElement target) {
    return RuleDirectory.listedRule(filer, elements, (TypeElement) target.getEnclosingElement(),
        target.getSimpleName().toString());
  }

  /** The class and method a rule names. */
  public record Target(TypeElement type, String method) {}

  /** What a {@code @DerivativeOf} annotation names, read from its mirror. */
  public static Optional<Target> target(ExecutableElement rule) {
    for (AnnotationMirror mirror : rule.getAnnotationMirrors()) {
      Element annotation = mirror.getAnnotationType().asElement();
      if (((TypeElement) annotation).getQualifiedName()
          .contentEquals(Annotations.DERIVATIVE_OF)) {
        TypeElement type = null;
        String method = null;
        for (var entry : mirror.getElementValues().entrySet()) {
          AnnotationValue value = entry.getValue();
          if (entry.getKey().getSimpleName().contentEquals("type")
              && value.getValue() instanceof DeclaredType declared) {
            type = (TypeElement) declared.asElement();
          } else if (entry.getKey().getSimpleName().contentEquals("method")) {
            method = value.getValue().toString();
          }
        }
        return type == null || method == null ? Optional.empty()
            : Optional.of(new Target(type, method));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code rule} has the shape of a rule for {@code target}: static, not private, the
   * target's {@code double} parameters and a {@code double} result for one parameter, or the
   * parameters and a {@code double[]} to fill and no result for several.
   */
  public boolean hasRuleShape(ExecutableElement rule, ExecutableElement target) {
    List<? extends VariableElement> params = target.getParameters();
    List<? extends VariableElement> ruleParams = rule.getParameters();
    boolean single = params.size() == 1;
    int expected = single ? 1 : params.size() + 1;
    if (!rule.getModifiers().contains(Modifier.STATIC)
        || rule.getModifiers().contains(Modifier.PRIVATE)
        || ruleParams.size() != expected) {
      return false;
    }
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).asType().getKind() != TypeKind.DOUBLE
          || ruleParams.get(i).asType().getKind() != TypeKind.DOUBLE) {
        return false;
      }
    }
    if (single) {
      return rule.getReturnType().getKind() == TypeKind.DOUBLE;
    }
    TypeMirror last = ruleParams.get(params.size()).asType();
    return rule.getReturnType().getKind() == TypeKind.VOID
        && types.isSameType(last, types.getArrayType(types.getPrimitiveType(TypeKind.DOUBLE)));
  }

  private boolean isRuleFor(ExecutableElement rule, ExecutableElement target) {
    Optional<Target> named = target(rule);
    return named.isPresent()
        && named.get().type().equals(target.getEnclosingElement())
        && named.get().method().equals(target.getSimpleName().toString())
        && hasRuleShape(rule, target);
  }

  private List<ExecutableElement> rulesIn(PackageElement pkg) {
    return rulesByPackage.computeIfAbsent(pkg, p -> {
      var rules = new ArrayList<ExecutableElement>();
      for (TypeElement type : ElementFilter.typesIn(p.getEnclosedElements())) {
        collect(type, rules);
      }
      return rules;
    });
  }

  private static void collect(TypeElement type, List<ExecutableElement> rules) {
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (Annotations.has(method, Annotations.DERIVATIVE_OF)) {
        rules.add(method);
      }
    }
    ElementFilter.typesIn(type.getEnclosedElements()).forEach(nested -> collect(nested, rules));
  }
}
