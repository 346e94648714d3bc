package dev.leibniz.processor.reverse;

import dev.leibniz.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one source statement becomes: its part of the forward sweep, and its part of the
 * backward sweep, in the order the backward sweep runs it.
 */
record Part(List<Stmt> forward, List<Stmt> backward) {

  static Part of(List<Stmt> forward, List<Stmt> backward) {
    return new Part(List.copyOf(forward), List.copyOf(backward));
  }

  /** The parts of consecutive statements: forwards in order, backwards in reverse. */
  static Part sequence(List<Part> parts) {
    var forward = new ArrayList<Stmt>();
    var backward = new ArrayList<Stmt>();
    parts.forEach(p -> forward.addAll(p.forward()));
    var reversed = new ArrayList<>(parts);
    Collections.reverse(reversed);
    reversed.forEach(p -> backward.addAll(p.backward()));
    return of(forward, backward);
  }
}
