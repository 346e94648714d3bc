package dev.leibniz.processor.reverse;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Names for the variables the generated code adds, readable and never clashing with the user's:
 * {@code dX} is the adjoint of {@code x}, {@code _t0} a temporary, {@code _x} a saved value of
 * {@code x}.
 */
final class Names {
  private final Set<String> taken = new HashSet<>();
  private final Map<Expr.Var, Expr.Var> adjoints = new HashMap<>();
  private int temporaries;
  private int captures;

  Names(Set<String> userNames) {
    taken.addAll(userNames);
  }

  /** The adjoint of a variable, the same on every call. */
  Expr.Var adjoint(Expr.Var primal) {
    return (Expr.Var) adjoint((Expr) primal);
  }

  /** The adjoint of a variable or of an array element: {@code a[i] → dA[i]}. */
  Expr adjoint(Expr target) {
    if (target instanceof Expr.Index element) {
      return new Expr.Index(adjoint(element.array()), element.index(), element.type());
    }
    Expr.Var variable = (Expr.Var) target;
    return adjoints.computeIfAbsent(
        variable, v -> fresh(adjointName(v.name()), adjointType(v.type())));
  }

  /** Whether {@code v} is the adjoint of a variable. */
  boolean isAdjoint(Expr.Var v) {
    return adjoints.containsValue(v);
  }

  /** A fresh temporary for an intermediate value. */
  Expr.Var temporary(Type type) {
    return fresh("_t" + temporaries++, type);
  }

  /** A fresh local to hold an upstream adjoint while the target's own adjoint is reset. */
  Expr.Var captured(Type type) {
    return fresh("_g" + captures++, adjointType(type));
  }

  /** A fresh variable named {@code base}, or {@code base} with a suffix if that is taken. */
  Expr.Var fresh(String base, Type type) {
    String name = base;
    for (int suffix = 1; taken.contains(name); suffix++) {
      name = base + "_" + suffix;
    }
    taken.add(name);
    return new Expr.Var(name, type);
  }

  /** An adjoint has its variable's type: a float's is a float, a counter's a double. */
  private static Type adjointType(Type type) {
    return type.isArray() || type == Type.FLOAT ? type : Type.DOUBLE;
  }

  private static String adjointName(String primal) {
    if (primal.startsWith("_")) {
      return "d" + primal;
    }
    return "d" + Character.toUpperCase(primal.charAt(0)) + primal.substring(1);
  }
}
