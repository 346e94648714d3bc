package dev.leibniz.processor.read;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * The variables visible at a point of a method body. Java lets sibling blocks reuse a name; the
 * generated code hoists variables out of their blocks, so a reused name is given a fresh one
 * ({@code t}, then {@code t_2}) that no identifier of the method uses.
 */
final class Scope {
  private final Deque<Map<String, Expr.Var>> frames = new ArrayDeque<>();
  private final Deque<Map<String, GradientRecord>> records = new ArrayDeque<>();
  private final Deque<Map<String, RecordValues.Value>> values = new ArrayDeque<>();
  private final Set<String> declared = new HashSet<>();
  private final Set<String> taken;
  private final Set<String> rejected = new HashSet<>();
  /** The record locals that hold what a call returned, by the call: {@code a.plus(b).norm()}. */
  private final Map<Object, String> keptCalls = new java.util.IdentityHashMap<>();

  /** @param identifiers every identifier the method mentions, which fresh names must avoid */
  Scope(Set<String> identifiers) {
    this.taken = new HashSet<>(identifiers);
    frames.push(new HashMap<>());
    records.push(new HashMap<>());
    values.push(new HashMap<>());
  }

  /**
   * A gradient's result record kept in a local, {@code var g = XGradients.m(…)}: the method and
   * the locals holding its arguments as they were, for the components read from it.
   */
  record GradientRecord(String companion, ExecutableElement method, List<Expr> args) {}

  /**
   * Keeps the names the generated code uses for fixed purposes (its stacks) away from locals:
   * a local with one of them is renamed. Called after the parameters are declared, whose names
   * the gradient's accessors depend on.
   */
  void reserve(Set<String> names) {
    declared.addAll(names);
    taken.addAll(names);
  }

  void enter() {
    frames.push(new HashMap<>());
    records.push(new HashMap<>());
    values.push(new HashMap<>());
  }

  void exit() {
    frames.pop();
    records.pop();
    values.pop();
  }

  /** Declares a record-typed local or parameter, read as its components, in the innermost block. */
  void declareValue(String name, RecordValues.Value value) {
    values.peek().put(name, value);
  }

  /** The record value a simple name refers to, or null. */
  RecordValues.Value value(String name) {
    for (Map<String, RecordValues.Value> frame : values) {
      if (frame.containsKey(name)) {
        return frame.get(name);
      }
    }
    return null;
  }

  /** Declares a local holding a gradient's record in the innermost block. */
  void declareRecord(String name, GradientRecord record) {
    records.peek().put(name, record);
  }

  /** The gradient's record a simple name refers to, or null. */
  GradientRecord record(String name) {
    for (Map<String, GradientRecord> frame : records) {
      if (frame.containsKey(name)) {
        return frame.get(name);
      }
    }
    return null;
  }

  /** Declares a variable in the innermost block and returns it, renamed if the name was used. */
  Expr.Var declare(String name, Type type) {
    String unique = name;
    for (int suffix = 2; declared.contains(unique); suffix++) {
      String candidate = name + "_" + suffix;
      unique = taken.contains(candidate) ? unique : candidate;
    }
    declared.add(unique);
    taken.add(unique);
    var variable = new Expr.Var(unique, type);
    frames.peek().put(name, variable);
    return variable;
  }

  /**
   * Makes {@code name} another name for {@code variable} in the innermost block: a lambda's
   * parameter that stands for the loop's counter.
   */
  void alias(String name, Expr.Var variable) {
    frames.peek().put(name, variable);
  }

  /**
   * Records a local whose declaration was rejected with an error, so that its uses add no
   * errors of their own: one error per cause.
   */
  void reject(String name) {
    rejected.add(name);
  }

  /** Whether {@code name} is a local whose declaration was rejected. */
  boolean isRejected(String name) {
    return rejected.contains(name) && lookup(name) == null;
  }

  /** The variable a simple name refers to, or null when no local or parameter has that name. */
  Expr.Var lookup(String name) {
    for (Map<String, Expr.Var> frame : frames) {
      Expr.Var found = frame.get(name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Records that the record local {@code name} holds what {@code call} returned. */
  void keepCall(Object call, String name) {
    keptCalls.put(call, name);
  }

  /** The record local holding what {@code call} returned, or null. */
  RecordValues.Value keptCall(Object call) {
    String name = keptCalls.get(call);
    return name == null ? null : value(name);
  }

  /** A name for a variable Leibniz introduces, unused by the method. */
  String fresh(String base) {
    String name = base;
    for (int suffix = 1; taken.contains(name); suffix++) {
      name = base + suffix;
    }
    taken.add(name);
    return name;
  }
}
