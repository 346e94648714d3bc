package dev.leibniz.processor.read;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The loops, switches and labeled blocks being read, innermost first: where each {@code break}
 * and {@code continue} goes, as Java says. An unlabeled {@code break} leaves the innermost loop
 * or switch and an unlabeled {@code continue} the innermost loop's iteration, whatever labeled
 * blocks stand in between. In the IR a labeled block is a loop that runs once, so a jump that
 * crosses one names its target: the label the user gave it, or one made up for it here.
 */
final class JumpTargets {
  /** A loop being read, and the label its IR loop carries. */
  static final class Loop {
    private String label;

    private Loop(String label) {
      this.label = label;
    }

    /** The loop's label, or null while no jump needs one. */
    String label() {
      return label;
    }
  }

  /** A labeled statement other than a loop, and whether any {@code break} leaves it. */
  static final class Block {
    private final String label;
    private boolean left;

    private Block(String label) {
      this.label = label;
    }

    /** Whether a {@code break label} leaves it: only then does it become a loop of its own. */
    boolean left() {
      return left;
    }
  }

  private final Deque<Object> targets = new ArrayDeque<>();
  private int madeUp;

  /** A loop about to be read, with the label the source gives it, or null. */
  Loop loop(String label) {
    return new Loop(label);
  }

  /** A labeled statement about to be read. */
  Block block(String label) {
    return new Block(label);
  }

  /** Reads the body of {@code target}, a loop, switch or labeled block, inside it. */
  <T> T inside(Object target, Supplier<T> read) {
    targets.push(target);
    try {
      return read.get();
    } finally {
      targets.pop();
    }
  }

  /** {@code break} or {@code break label}. */
  Stmt breakOf(String label, Source source) {
    if (label != null) {
      targets.stream().filter(t -> t instanceof Block b && b.label.equals(label))
          .forEach(t -> ((Block) t).left = true);
      return new Stmt.Break(label, source);
    }
    boolean crossed = false;
    for (Object target : targets) {
      if (target instanceof Block) {
        crossed = true;
      } else if (target instanceof Loop loop) {
        return new Stmt.Break(crossed ? named(loop) : null, source);
      } else {
        return new Stmt.Break(crossed ? ((SwitchReader) target).label(this::madeUpLabel) : null,
            source);
      }
    }
    throw new IllegalStateException("break outside loops and switches: javac rejects it");
  }

  /** {@code continue} or {@code continue label}, through the switches that became loops. */
  Stmt continueOf(String label, Source source) {
    if (label != null) {
      return new Stmt.Continue(label, source);
    }
    boolean crossed = false;
    for (Object target : targets) {
      if (target instanceof Block) {
        crossed = true;
      } else if (target instanceof Loop loop) {
        return new Stmt.Continue(crossed ? named(loop) : null, source);
      } else if (target instanceof SwitchReader own && own.readsContinueAsFlag()) {
        return own.continueThrough(source, crossed ? own.label(this::madeUpLabel) : null);
      }
    }
    throw new IllegalStateException("continue outside loops: javac rejects it");
  }

  /** {@code yield value}: the value of the innermost switch expression, and out of it. */
  Stmt yieldOf(Expr value, Source source) {
    boolean crossed = false;
    for (Object target : targets) {
      if (target instanceof SwitchReader own && own.isExpression()) {
        return own.yielded(value, source, crossed ? own.label(this::madeUpLabel) : null);
      }
      crossed = true;
    }
    throw new IllegalStateException("yield outside switch expressions: javac rejects it");
  }

  private String named(Loop loop) {
    if (loop.label == null) {
      loop.label = madeUpLabel();
    }
    return loop.label;
  }

  /** A label no Java source can use, so that it never meets one of the user's. */
  private String madeUpLabel() {
    return "#" + ++madeUp;
  }
}
