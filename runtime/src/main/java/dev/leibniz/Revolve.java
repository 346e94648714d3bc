package dev.leibniz;

import java.util.Arrays;

/**
 * Binomial checkpointing (Griewank and Walther, <em>revolve</em>, ACM TOMS 26(1), 2000): the
 * order in which the backward sweep of a loop of {@code n} iterations restores snapshots of the
 * loop's state, runs iterations again as plain code, keeps new snapshots, and turns (runs one
 * iteration recording what it overwrites, then its adjoint), so that with {@code c} snapshots
 * besides the one of the loop's entry the iterations run again the fewest times possible.
 *
 * <p>With s snapshots in all (the entry's and {@code c} more) and {@code r} the least number
 * such that β(s, r) = C(s + r, s) ≥ n, reversing n steps runs r·n − β(s + 1, r − 1) steps
 * again. The schedule keeps its next snapshot after k = max(1, β(s, r − 2), n − β(s − 1, r))
 * steps, reverses the steps after it with one snapshot fewer, then those before it with as
 * many; without a snapshot to spare, each step is reached from the first.
 */
final class Revolve {
  static final int DONE = 0;
  static final int ADVANCE = 1;
  static final int SAVE = 2;
  static final int RESTORE = 3;
  static final int TURN = 4;

  /**
   * What is left to do, four ints a task: reverse the steps [from, to) from the snapshot in
   * slot with free snapshots to spare, or, for free = -1, give a slot back.
   */
  private int[] tasks = new int[64];
  private int tasksLeft;
  /** The actions a task expanded into, in pairs of action and argument: a handful at most. */
  private final int[] actions = new int[16];
  private int first;
  private int count;
  /** The step the state of the loop's variables is at, or -1 after a turn changed it. */
  private int position = -1;
  private int nextSlot = 1;
  private long advanced;
  private int argument;
  private boolean ended;

  /** The schedule for {@code steps} iterations with {@code free} snapshots besides slot 0. */
  Revolve(int steps, int free) {
    if (steps > 0) {
      push(0, steps, 0, free);
    }
  }

  /**
   * The next action, one of the constants; {@link #argument} says its step count or slot. The
   * last restores the loop's entry, which the backward sweep before the loop reads.
   */
  int next() {
    while (count == 0 && tasksLeft > 0) {
      first = 0;
      tasksLeft--;
      int at = 4 * tasksLeft;
      expand(tasks[at], tasks[at + 1], tasks[at + 2], tasks[at + 3]);
    }
    if (count == 0 && !ended) {
      ended = true;
      first = 0;
      restore(0, 0);
    }
    if (count == 0) {
      return DONE;
    }
    int action = actions[2 * first];
    argument = actions[2 * first + 1];
    first++;
    count--;
    return action;
  }

  /** The number of steps of an {@link #ADVANCE}, or the slot of a {@link #SAVE} or restore. */
  int argument() {
    return argument;
  }

  /** How many steps the schedule has run again so far, as plain code. */
  long advanced() {
    return advanced;
  }

  private void expand(int from, int to, int slot, int free) {
    if (free < 0) {
      nextSlot--;
      return;
    }
    int steps = to - from;
    restore(slot, from);
    if (steps == 1 || free == 0) {
      // Without a snapshot to spare, the last step is reached from the first every time.
      advance(steps - 1, from);
      add(TURN, 0);
      position = -1;
      if (steps > 1) {
        push(from, to - 1, slot, 0);
      }
      return;
    }
    int split = from + split(steps, free);
    advance(split - from, from);
    int kept = nextSlot++;
    add(SAVE, kept);
    // Run last first: the right part with one snapshot fewer, then the slot freed, then the left.
    push(from, split, slot, free);
    push(0, 0, kept, -1);
    push(split, to, kept, free - 1);
  }

  private void push(int from, int to, int slot, int free) {
    if (4 * tasksLeft + 4 > tasks.length) {
      tasks = Arrays.copyOf(tasks, 2 * tasks.length);
    }
    int at = 4 * tasksLeft++;
    tasks[at] = from;
    tasks[at + 1] = to;
    tasks[at + 2] = slot;
    tasks[at + 3] = free;
  }

  private void restore(int slot, int step) {
    if (position != step) {
      add(RESTORE, slot);
      position = step;
    }
  }

  private void advance(int steps, int from) {
    if (steps > 0) {
      add(ADVANCE, steps);
      advanced += steps;
      position = from + steps;
    }
  }

  private void add(int action, int argument) {
    actions[2 * (first + count)] = action;
    actions[2 * (first + count) + 1] = argument;
    count++;
  }

  /**
   * How many of {@code steps} steps to run before keeping the first snapshot, with {@code free}
   * snapshots to spare besides the one the steps start from: max(1, β(s, r − 2), n − β(s − 1,
   * r)) with s = free + 1.
   */
  static int split(int steps, int free) {
    int snapshots = free + 1;
    int r = repetitions(steps, free);
    long split = Math.max(beta(snapshots, r - 2), steps - beta(snapshots - 1, r));
    return (int) Math.max(1, split);
  }

  /** The least r with β(free + 1, r) ≥ steps: how often the schedule runs a step at most. */
  static int repetitions(int steps, int free) {
    int r = 0;
    while (beta(free + 1, r) < steps) {
      r++;
    }
    return r;
  }

  /** β(c, r) = C(c + r, c), 0 for a negative argument, saturated at {@code Long.MAX_VALUE}. */
  static long beta(int c, int r) {
    if (c < 0 || r < 0) {
      return 0;
    }
    long value = 1;
    int smaller = Math.min(c, r);
    for (int j = 1; j <= smaller; j++) {
      long numerator = (long) c + r - smaller + j;
      if (value > Long.MAX_VALUE / numerator) {
        return Long.MAX_VALUE;
      }
      value = value * numerator / j;
    }
    return value;
  }

  /**
   * The fewest steps run again to reverse {@code steps} steps with {@code free} snapshots
   * besides the first (Griewank and Walther's r·n − β(s + 1, r − 1), s = free + 1 snapshots in
   * all): the number this schedule runs.
   */
  static long optimum(int steps, int free) {
    int r = repetitions(steps, free);
    return (long) r * steps - beta(free + 2, r - 1);
  }
}
