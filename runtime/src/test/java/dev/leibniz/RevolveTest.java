package dev.leibniz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Binomial checkpointing's schedule, run against a model of a loop whose state is its step
 * number: every turn starts from the right state, the turns come last to first, no more
 * snapshots are used than given, and the steps run again are the fewest possible, both as a
 * dynamic program over every split finds them and as Griewank and Walther's formula says.
 */
class RevolveTest {
  /** The fewest steps run again, by trying every first split. */
  private static long[][] fewest(int steps, int snapshots) {
    long[][] t = new long[steps + 1][snapshots + 1];
    for (int free = 0; free <= snapshots; free++) {
      for (int n = 2; n <= steps; n++) {
        if (free == 0) {
          t[n][free] = (long) n * (n - 1) / 2;
          continue;
        }
        long best = Long.MAX_VALUE;
        for (int k = 1; k < n; k++) {
          best = Math.min(best, k + t[n - k][free - 1] + t[k][free]);
        }
        t[n][free] = best;
      }
    }
    return t;
  }

  @Test
  void theScheduleRunsTheFewestStepsAgainAndTurnsFromTheRightStates() {
    int maxSteps = 90;
    int maxFree = 6;
    long[][] fewest = fewest(maxSteps, maxFree);
    for (int free = 0; free <= maxFree; free++) {
      for (int n = 1; n <= maxSteps; n++) {
        long advanced = run(n, free);
        assertEquals(fewest[n][free], advanced, n + " steps, " + free + " snapshots");
        assertEquals(fewest[n][free], Revolve.optimum(n, free), n + " steps, " + free);
      }
    }
  }

  /** With 21 snapshots in all, C(28, 7) ≥ 10⁶: no step runs more than 7 times. */
  @Test
  void aMillionStepsWithTwentySnapshotsRunEachStepAtMostSevenTimes() {
    assertEquals(7, Revolve.repetitions(1_000_000, 20));
    long advanced = run(1_000_000, 20);
    assertEquals(Revolve.optimum(1_000_000, 20), advanced);
    assertTrue(advanced < 7L * 1_000_000, "advanced " + advanced);
  }

  /** Runs the schedule against a model whose state is the step it is at; the steps run again. */
  private static long run(int steps, int free) {
    var schedule = new Revolve(steps, free);
    Map<Integer, Integer> slots = new HashMap<>();
    slots.put(0, 0);
    int state = 0;
    int nextTurn = steps - 1;
    long advanced = 0;
    for (int action = schedule.next(); action != Revolve.DONE; action = schedule.next()) {
      switch (action) {
        case Revolve.ADVANCE -> {
          state += schedule.argument();
          advanced += schedule.argument();
        }
        case Revolve.SAVE -> {
          assertTrue(schedule.argument() <= free, "slot " + schedule.argument());
          slots.put(schedule.argument(), state);
        }
        case Revolve.RESTORE -> state = slots.get(schedule.argument());
        case Revolve.TURN -> {
          assertEquals(nextTurn, state, "the turn's state");
          nextTurn--;
          state = -1;
        }
        default -> throw new AssertionError(action);
      }
    }
    assertEquals(-1, nextTurn, "every step turned");
    assertEquals(0, state, "the entry restored at the end");
    assertEquals(advanced, schedule.advanced());
    return advanced;
  }
}
