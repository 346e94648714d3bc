package dev.leibniz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A budget too small for what a checkpointed loop needs is refused with the bytes that would
 * do: for the snapshot of its entry, for one iteration's record beside it, and for a turn that
 * keeps more than the iterations the forward sweep recorded. The loop here is driven as
 * generated code drives it: one scalar of state, iterations that push doubles.
 */
class CheckpointsTest {
  @Test
  void aBudgetBelowTheEntrysSnapshotIsRefused() {
    var workspace = new Workspace(10);
    Checkpoints loop = workspace.beginCheckpoints(1, 0);
    loop.save(0, 1.0);
    var refused = assertThrows(IllegalStateException.class, loop::startLoop);
    assertEquals("a Workspace budget of 10 bytes is too small: a snapshot of the loop's state"
        + " takes 40 bytes, and 0 were in use; give it at least 40 bytes", refused.getMessage());
  }

  @Test
  void aBudgetWithoutRoomForOneIterationBesideTheSnapshotIsRefused() {
    var workspace = new Workspace(60);
    forward(workspace, 3);
    var refused = assertThrows(IllegalStateException.class, workspace::resumeCheckpoints);
    assertEquals("a Workspace budget of 60 bytes is too small: an iteration of the loop keeps 24"
        + " bytes, and 40 are in use; give it at least 64 bytes", refused.getMessage());
  }

  @Test
  void aTurnKeepingMoreThanTheRecordedIterationsIsRefused() {
    var workspace = new Workspace(60);
    forward(workspace, 2);
    Checkpoints loop = workspace.resumeCheckpoints();
    int action = loop.next();
    while (action != Checkpoints.TURN) {
      action = loop.next();
    }
    for (int k = 0; k < 5; k++) {
      workspace.pushDouble(k);
    }
    var refused = assertThrows(IllegalStateException.class, loop::turned);
    assertEquals("a Workspace budget of 60 bytes is too small: an iteration run again kept more"
        + " than the iterations recorded before; give it at least 80 bytes",
        refused.getMessage());
  }

  /**
   * Three iterations, each keeping {@code doubles} doubles while it records: the first is
   * recorded, then the record is forgotten as the next would pass three quarters of the budget.
   */
  private static void forward(Workspace workspace, int doubles) {
    Checkpoints loop = workspace.beginCheckpoints(1, 0);
    loop.save(0, 0.0);
    loop.startLoop(-1);
    for (int i = 0; i < 3; i++) {
      if (loop.recording()) {
        for (int k = 0; k < doubles; k++) {
          workspace.pushDouble(k);
        }
      }
      loop.step();
    }
    loop.park();
  }
}
