package dev.leibniz;

import java.util.ArrayList;
import java.util.List;

/**
 * The snapshots of one loop checkpointed under a {@link Workspace}'s budget, as generated code
 * uses them: slot 0 holds the state the loop started from, later slots the states
 * {@link Revolve} keeps. A state is the loop's scalars, each kept as the bits of a
 * {@code long} so that it comes back exactly, and copies of the arrays whose elements the loop
 * writes.
 *
 * <p>The forward sweep records iterations while the budget holds them; once the next one would
 * pass it, it forgets what it recorded and runs the rest as plain code. The backward sweep then
 * undoes the recorded iterations as usual or, if recording stopped, follows {@link Revolve}'s
 * schedule with as many snapshots as the budget leaves room for.
 */
public final class Checkpoints {
  /** The schedule is done: the loop's entry is restored. */
  public static final int DONE = Revolve.DONE;
  /** Run {@link #advance()} iterations as plain code. */
  public static final int ADVANCE = Revolve.ADVANCE;
  /** Save the state into the slot the schedule chose. */
  public static final int SAVE = Revolve.SAVE;
  /** Restore the state from the slot the schedule chose. */
  public static final int RESTORE = Revolve.RESTORE;
  /** Run one iteration recording what it overwrites, then its adjoint. */
  public static final int TURN = Revolve.TURN;

  private final Workspace workspace;
  private final int scalars;
  private final int arrays;
  private final List<Snapshot> slots = new ArrayList<>();
  private int current;
  private long slotBytes;
  private boolean recording = true;
  private int steps;
  private long tapeMax;
  private long lastInUse;
  private long[] mark;
  private Revolve schedule;
  private int advance;
  /** The snapshots the schedule may keep besides the entry's. */
  private int spare;
  /** The snapshots counted toward the budget: slot 0, and those the schedule added. */
  private int held = 1;
  /** Whether the forward sweep records only the first iteration, to measure it. */
  private boolean measuring;
  /** The iterations the loop will run, or -1 if that was not known at its entry. */
  private int trips = -1;

  Checkpoints(Workspace workspace, int scalars, int arrays) {
    this.workspace = workspace;
    this.scalars = scalars;
    this.arrays = arrays;
    slot(0);
  }

  /** Keeps a {@code double} of the state. */
  public void save(int index, double value) {
    slots.get(current).scalars[index] = Double.doubleToRawLongBits(value);
  }

  /** Keeps a {@code float} of the state. */
  public void save(int index, float value) {
    slots.get(current).scalars[index] = Float.floatToRawIntBits(value);
  }

  /** Keeps a {@code long}, {@code int} or {@code char} of the state. */
  public void save(int index, long value) {
    slots.get(current).scalars[index] = value;
  }

  /** Keeps a {@code boolean} of the state. */
  public void save(int index, boolean value) {
    slots.get(current).scalars[index] = value ? 1 : 0;
  }

  /** Keeps a copy of an array whose elements the loop writes. */
  public void save(int index, double[] array) {
    double[][] slot = slots.get(current).arrays;
    if (slot[index] == null || slot[index].length != array.length) {
      slot[index] = new double[array.length];
    }
    System.arraycopy(array, 0, slot[index], 0, array.length);
  }

  /** A {@code double} of the state kept. */
  public double doubleAt(int index) {
    return Double.longBitsToDouble(slots.get(current).scalars[index]);
  }

  /** A {@code float} of the state kept. */
  public float floatAt(int index) {
    return Float.intBitsToFloat((int) slots.get(current).scalars[index]);
  }

  /** A {@code long} of the state kept. */
  public long longAt(int index) {
    return slots.get(current).scalars[index];
  }

  /** An {@code int} of the state kept. */
  public int intAt(int index) {
    return (int) slots.get(current).scalars[index];
  }

  /** A {@code char} of the state kept. */
  public char charAt(int index) {
    return (char) slots.get(current).scalars[index];
  }

  /** A {@code boolean} of the state kept. */
  public boolean booleanAt(int index) {
    return slots.get(current).scalars[index] != 0;
  }

  /** Copies an array of the state kept back into {@code into}. */
  public void restore(int index, double[] into) {
    double[] kept = slots.get(current).arrays[index];
    System.arraycopy(kept, 0, into, 0, kept.length);
  }

  /**
   * As {@link #startLoop()}, for a loop that will run {@code trips} iterations (-1 if that is
   * not known at its entry): once the first has shown what one keeps, recording stops at once
   * if a record of them all would not fit.
   */
  public void startLoop(int trips) {
    startLoop();
    this.trips = trips;
  }

  /**
   * Starts the loop once slot 0 holds its entry: counts the snapshot toward the budget, which
   * must leave room for it.
   */
  public void startLoop() {
    workspace.held(slotBytes());
    long inUse = workspace.bytesInUse();
    if (inUse > workspace.maxBytes()) {
      throw workspace.tooSmall("a snapshot of the loop's state takes " + slotBytes()
          + " bytes, and " + (inUse - slotBytes()) + " were in use", inUse);
    }
    mark = workspace.mark();
    lastInUse = inUse;
  }

  /**
   * As {@link #startLoop()}, for a loop whose forward sweep records its first iteration only,
   * to learn what one keeps: its backward sweep always follows the schedule.
   */
  public void startLoopMeasured() {
    startLoop();
    measuring = true;
  }

  /** Whether the forward sweep records this iteration rather than running it as plain code. */
  public boolean recording() {
    return recording;
  }

  /**
   * Counts an iteration; while recording, stops if the next iteration would pass the budget,
   * given the most an iteration kept so far, and forgets what the iterations kept.
   */
  public void step() {
    steps++;
    if (!recording) {
      return;
    }
    long inUse = workspace.bytesInUse();
    tapeMax = Math.max(tapeMax, inUse - lastInUse);
    lastInUse = inUse;
    workspace.notePeak();
    // A quarter of the budget stays free for what the gradient keeps after the loop.
    long recordable = workspace.maxBytes() - workspace.maxBytes() / 4;
    long next = trips < 0 ? tapeMax : Math.max(0, trips - steps) * tapeMax;
    if (measuring || inUse + next > recordable) {
      workspace.dropTo(mark);
      recording = false;
    }
  }

  /** Ends the forward sweep's loop: the snapshots wait on the workspace for the backward. */
  public void park() {
    workspace.notePeak();
    workspace.park(this);
  }

  /** Whether the forward sweep recorded every iteration, to be undone as without a budget. */
  public boolean recorded() {
    return recording;
  }

  /** The number of iterations the loop ran. */
  public int steps() {
    return steps;
  }

  /** The next action of the backward sweep's schedule: one of the constants. */
  public int next() {
    int action = schedule.next();
    if (action == SAVE || action == RESTORE) {
      slot(schedule.argument());
      if (action == SAVE && schedule.argument() >= held) {
        workspace.held(slotBytes());
        held = schedule.argument() + 1;
      }
    } else if (action == ADVANCE) {
      advance = schedule.argument();
    }
    return action;
  }

  /**
   * Between a turn's record and its backward part: the record must fit the budget, which the
   * schedule planned from what the forward sweep's records kept.
   */
  public void turned() {
    long inUse = workspace.bytesInUse();
    if (inUse > workspace.maxBytes()) {
      throw workspace.tooSmall("an iteration run again kept more than the iterations recorded"
          + " before", inUse);
    }
    workspace.notePeak();
  }

  /** Makes the next restores read the snapshot of the loop's entry. */
  public void atEntry() {
    slot(0);
  }

  /** The number of iterations an {@link #ADVANCE} runs. */
  public int advance() {
    return advance;
  }

  /** Ends the loop's backward sweep: its snapshots are given up. */
  public void end() {
    workspace.notePeak();
    workspace.end(this);
  }

  /** Gives the snapshots to {@code pool}, for the next loop to take. */
  void giveBack(java.util.Deque<Snapshot> pool) {
    slots.forEach(pool::push);
    slots.clear();
  }

  /** How many iterations the backward sweep has run again as plain code. */
  long recomputed() {
    return schedule == null ? 0 : schedule.advanced();
  }

  /**
   * Plans the backward sweep of a loop that stopped recording, with as many snapshots as
   * {@code room} bytes hold besides one iteration's record.
   */
  void schedule(long room) {
    if (recording) {
      return;
    }
    if (room < tapeMax) {
      throw workspace.tooSmall("an iteration of the loop keeps " + tapeMax + " bytes, and "
          + workspace.bytesInUse() + " are in use", workspace.bytesInUse() + tapeMax);
    }
    long free = (room - tapeMax) / slotBytes();
    spare = (int) Math.min(free, Math.max(0, steps - 1));
    schedule = new Revolve(steps, spare);
  }

  /** The snapshots the schedule had, the entry's included; 0 if the loop was recorded. */
  int snapshots() {
    return schedule == null ? 0 : spare + 1;
  }

  /** The bytes all snapshots made so far hold. */
  long heldBytes() {
    return slotBytes() * held;
  }

  private void slot(int slot) {
    while (slots.size() <= slot) {
      slots.add(workspace.snapshot(scalars, arrays));
    }
    current = slot;
  }

  /** The bytes of one snapshot, as slot 0 holds it: what each further one costs. */
  private long slotBytes() {
    if (slotBytes == 0) {
      slotBytes = 32 + 8L * scalars;
      double[][] kept = slots.get(0).arrays;
      for (int k = 0; k < arrays; k++) {
        double[] array = kept[k];
        slotBytes += 16 + 8L * (array == null ? 0 : array.length);
      }
    }
    return slotBytes;
  }
}
