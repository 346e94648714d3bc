package dev.leibniz.processor.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** What Leibniz knows about a method a differentiable method calls. */
public sealed interface Callee permits Callee.Differentiable, Callee.WithRule, Callee.Opaque {

  /** The class declaring the method. */
  TypeRef owner();

  /** The method's name. */
  String name();

  /** Whether the method is an instance method, called on its first argument. */
  boolean instance();

  /** What a parameter is to the derivative. */
  enum Role {
    /** A {@code double} whose gradient comes back through the pullback's scalar adjoints. */
    SCALAR,
    /** A {@code double[]} or {@code double[][]} whose gradient the pullback adds into an array. */
    ARRAY,
    /** Anything else: no gradient flows through it. */
    CONSTANT
  }

  /**
   * A {@code @Differentiable} method: its companion's pullback gives the derivatives.
   *
   * @param roles one per declared parameter (not the receiver)
   * @param order the highest derivative its companion has: 2 if it has the directional
   *     derivative a caller of order 2 differentiates through
   * @param directional whether the call is of the method's directional derivative
   *     {@code mDirectional} (its arguments, then a direction), generated in the companion
   * @param components whether only its companion's methods can be called where the method's
   *     value alone is wanted: it takes or returns records, which the call passes as their
   *     components, or it is private
   */
  record Differentiable(TypeRef owner, String name, boolean instance, List<Role> roles,
      int order, boolean directional, boolean components) implements Callee {
    public Differentiable {
      roles = List.copyOf(roles);
    }

    /** A call of a method's companion methods, or of its directional derivative's. */
    public Differentiable(TypeRef owner, String name, boolean instance, List<Role> roles,
        int order, boolean directional) {
      this(owner, name, instance, roles, order, directional, false);
    }

    /** A call of the user's method itself. */
    public Differentiable(TypeRef owner, String name, boolean instance, List<Role> roles,
        int order) {
      this(owner, name, instance, roles, order, false);
    }

    /**
     * The method's name as its source declares it, for messages: without the suffixes that
     * tell overloads and methods returning records apart among the companion's methods.
     */
    public String sourceName() {
      return components ? name.replaceFirst("(Overload\\d+)?Components$", "") : name;
    }

    /** The name of the pullback in the owner's companion class. */
    public String pullback() {
      return companionName() + "Pullback";
    }

    /** The forward half in the owner's companion: the value, saving what the backward needs. */
    public String forward() {
      return companionName() + "Forward";
    }

    /** The backward half in the owner's companion: the pullback, from what the forward saved. */
    public String backward() {
      return companionName() + "Backward";
    }

    private String companionName() {
      return directional ? name + "Directional" : name;
    }
  }

  /**
   * A static function of {@code double}s with a {@code @DerivativeOf} rule. For one parameter
   * the rule returns the derivative; for several it fills a {@code double[]} given as its last
   * argument with the partial derivatives.
   *
   * @param ruleOrder the order of the rule method's own {@code @Differentiable}, 0 if it has
   *     none: a rule Leibniz can differentiate gives second derivatives
   */
  record WithRule(TypeRef owner, String name, TypeRef ruleOwner, String rule, int arity,
      int ruleOrder) implements Callee {
    /**
     * The rule method as a callee whose derivative Leibniz has, if it has one: for several
     * arguments, a method writing the partials into the array after them.
     */
    public Optional<Differentiable> differentiableRule() {
      if (ruleOrder == 0) {
        return Optional.empty();
      }
      var roles = new ArrayList<Role>(Collections.nCopies(arity, Role.SCALAR));
      if (arity > 1) {
        roles.add(Role.ARRAY);
      }
      return Optional.of(new Differentiable(ruleOwner, rule, false, roles, ruleOrder));
    }

    public boolean instance() {
      return false;
    }
  }

  /**
   * A method with no derivative Leibniz knows: its value is a constant of the derivative.
   *
   * @param hiddenRule the rule a jar lists for it that the caller cannot see, or empty
   */
  record Opaque(TypeRef owner, String name, boolean instance, Optional<ListedRule> hiddenRule)
      implements Callee {}

  /**
   * A {@code @DerivativeOf} rule a jar lists for a function, named as source code names it.
   *
   * @param owner the rule's class: {@code com.acme.rules.SpecialRules}
   * @param method the rule's method: {@code erfDerivative}
   */
  record ListedRule(String owner, String method) {}
}
