package dev.leibniz.processor.read;

import com.sun.source.tree.Tree;
import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.Expr;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which array variables hold an array of their own and which are names for another's, as the
 * reader meets their assignments: {@code double[] h = new double[n]} owns its array,
 * {@code double[] w = params[2 * layer]} and {@code input = hidden[layer]} name one. A later
 * phase ({@code lower.Views}) rewrites the names into what they name; here each assignment is
 * checked to be one that phase can follow, with an error that says why when it is not.
 */
final class ArrayNames {
  /** What an array variable is: parameters and {@code new} arrays own theirs. */
  private enum Kind { OWNS, NAMES }

  private final ReadContext context;
  private final Map<Expr.Var, Kind> kinds = new HashMap<>();
  /** For each name, the variables owning the arrays it may name. */
  private final Map<Expr.Var, Set<Expr.Var>> owners = new HashMap<>();
  /** How the user spells variables Leibniz made up: a record local's vector, {@code s.q()}. */
  private final Map<Expr.Var, String> spellings = new HashMap<>();
  /** Owners reassigned after their declaration, with the first such statement. */
  private final Map<Expr.Var, Tree> reassigned = new LinkedHashMap<>();
  /** Locals declared with an array of their own. */
  private final Set<Expr.Var> declaredOwners = new HashSet<>();

  ArrayNames(ReadContext context) {
    this.context = context;
  }

  /**
   * Whether {@code value} may be stored in the array variable {@code target}; reports why not
   * otherwise.
   *
   * @param declares whether the statement declares {@code target}
   */
  boolean accept(Tree tree, Expr.Var target, Expr value, boolean declares) {
    Kind wanted = kindOf(value);
    if (wanted == null) {
      return reject(tree, "only a variable or a row of a double[][] can be given another name,"
          + " and a new array is made with new, an initializer or a copy");
    }
    Kind current = declares ? null : kinds.getOrDefault(target, Kind.OWNS);
    if (current == Kind.OWNS && wanted == Kind.NAMES && declaredOwners.contains(target)
        && !reassigned.containsKey(target)) {
      // From here the local names another array; the one it was declared with keeps a
      // variable of its own (lower.Views), among those the name stands for.
      kinds.put(target, Kind.NAMES);
      owners.computeIfAbsent(target, t -> new HashSet<>()).add(target);
      owners.get(target).addAll(ownersOf(value));
      return true;
    }
    if (current == Kind.OWNS && wanted == Kind.NAMES) {
      return reject(tree, "'" + target.name() + "' holds an array of its own: give the other"
          + " array a new variable");
    }
    if (current == Kind.NAMES && wanted == Kind.OWNS) {
      return reject(tree, "'" + target.name() + "' names another array: put the new array in a"
          + " new variable");
    }
    if (current == Kind.OWNS && !declares) {
      reassigned.putIfAbsent(target, tree);
    }
    kinds.put(target, wanted);
    if (declares && wanted == Kind.OWNS) {
      declaredOwners.add(target);
    }
    if (wanted == Kind.NAMES) {
      owners.computeIfAbsent(target, t -> new HashSet<>()).addAll(ownersOf(value));
    }
    return true;
  }

  /**
   * Whether two array variables may be or name the same array, or for a matrix and its row
   * names, share rows: the same variable, or names whose owners meet.
   */
  boolean mayShare(Expr.Var a, Expr.Var b) {
    Set<Expr.Var> ownersA = kinds.get(a) == Kind.NAMES ? owners.get(a) : Set.of(a);
    Set<Expr.Var> ownersB = kinds.get(b) == Kind.NAMES ? owners.get(b) : Set.of(b);
    return ownersA.stream().anyMatch(ownersB::contains);
  }

  /** Whether {@code v} is a local that holds an array of its own (not a parameter). */
  boolean isLocalOwner(Expr.Var v) {
    return kinds.get(v) == Kind.OWNS;
  }

  /** Whether {@code v} holds an array of its own, as parameters and new arrays do. */
  boolean owns(Expr.Var v) {
    return kinds.getOrDefault(v, Kind.OWNS) == Kind.OWNS;
  }

  /** {@code variable}, made up by Leibniz, as the user reads it. */
  void spell(Expr.Var variable, String spelling) {
    spellings.put(variable, spelling);
  }

  /**
   * Reports each array that is reassigned while another variable may name it: the name would
   * follow the variable, not the array it named.
   */
  void checkReassignedOwners() {
    Set<Expr.Var> named = new HashSet<>();
    owners.values().forEach(named::addAll);
    reassigned.forEach((owner, tree) -> {
      if (named.contains(owner)) {
        reject(tree, "'" + spellings.getOrDefault(owner, owner.name())
            + "' is reassigned while another variable names its"
            + " array: use a new variable for the new array");
      }
    });
  }

  private boolean reject(Tree tree, String why) {
    context.error(tree, Message.ARRAY_ALIAS, tree.toString().replaceAll("\\s+", " ").trim(), why);
    return false;
  }

  /** A new array, or a name for an existing one; null for anything else. */
  private Kind kindOf(Expr value) {
    if (value instanceof Expr.NewArray || (value instanceof Expr.Invoke call
        && call.callee() instanceof dev.leibniz.processor.ir.Callee.Differentiable)) {
      // A differentiable method returns an array of its own, new on every call.
      return Kind.OWNS;
    }
    boolean row = value instanceof Expr.Index index && index.array() instanceof Expr.Var;
    return value instanceof Expr.Var || row ? Kind.NAMES : null;
  }

  Set<Expr.Var> ownersOf(Expr view) {
    Expr.Var variable = view instanceof Expr.Index index
        ? (Expr.Var) index.array()
        : (Expr.Var) view;
    return kinds.get(variable) == Kind.NAMES ? owners.get(variable) : Set.of(variable);
  }
}
