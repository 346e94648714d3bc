package dev.leibniz.processor.analyse;

/**
 * What the processor's options ask of the plan.
 *
 * @param replayWherePossible whether every loop that can be computed again from snapshots is
 *     ({@code -Aleibniz.replay=always}), whatever the cost model says: the least memory a
 *     gradient can keep without a budget, and every replayed loop's code exercised by tests
 */
public record PlanOptions(boolean replayWherePossible) {
  /** The processor option that chooses how loops are replayed. */
  public static final String REPLAY = "leibniz.replay";

  /** Its values: as the cost model says, or wherever possible. */
  public static final java.util.List<String> REPLAY_VALUES = java.util.List.of("cost", "always");

  /** The plan as the cost model decides it. */
  public static final PlanOptions DEFAULT = new PlanOptions(false);
}
