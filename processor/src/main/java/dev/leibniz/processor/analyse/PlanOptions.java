package dev.leibniz.processor.analyse;

/**
 * What the processor's options ask of the plan.
 *
 * @param replayWherePossible whether every loop that can be computed again from snapshots is
 *     ({@code -Aleibniz.replay=always}), whatever the cost model says: the least memory a
 *     gradient can keep without a budget, and every replayed loop's code exercised by tests
 * @param checkpoints whether the sweeps get a second pair that checkpoints loops for a
 *     workspace with a budget: not for a directional derivative's, which second-order methods
 *     run with workspaces of their own
 * @param checkFinite whether the sweeps throw {@code NonFiniteException} at the first value or
 *     adjoint that is not finite ({@code -Aleibniz.checkFinite=true})
 */
public record PlanOptions(boolean replayWherePossible, boolean checkpoints,
    boolean checkFinite) {
  /** As the processor's options ask, with sweeps for budgets. */
  public PlanOptions(boolean replayWherePossible) {
    this(replayWherePossible, true, false);
  }

  /** The same options, without sweeps for budgets. */
  public PlanOptions withoutCheckpoints() {
    return new PlanOptions(replayWherePossible, false, checkFinite);
  }

  /** The same options, with the sweeps checking that values and adjoints are finite. */
  public PlanOptions withFiniteChecks() {
    return new PlanOptions(replayWherePossible, checkpoints, true);
  }

  /** The processor option that makes the sweeps check that every number is finite. */
  public static final String CHECK_FINITE = "leibniz.checkFinite";

  /** The processor option that chooses how loops are replayed. */
  public static final String REPLAY = "leibniz.replay";

  /** Its values: as the cost model says, or wherever possible. */
  public static final java.util.List<String> REPLAY_VALUES = java.util.List.of("cost", "always");

  /** The plan as the cost model decides it. */
  public static final PlanOptions DEFAULT = new PlanOptions(false);
}
