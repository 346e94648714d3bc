package dev.leibniz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The stacks give values back last in, first out, per type; borrowed arrays are reused. */
class WorkspaceTest {
  @Test
  void eachStackGivesItsValuesBackInReverse() {
    var workspace = new Workspace();
    double[] row = {1, 2};
    double[][] matrix = {row};
    for (int i = 0; i < 1000; i++) {
      workspace.pushDouble(i + 0.5);
      workspace.pushInt(i);
    }
    workspace.pushLong(1L << 40);
    workspace.pushArray(row);
    workspace.pushMatrix(matrix);
    assertSame(matrix, workspace.popMatrix());
    assertSame(row, workspace.popArray());
    assertEquals(1L << 40, workspace.popLong());
    for (int i = 999; i >= 0; i--) {
      assertEquals(i, workspace.popInt());
      assertEquals(i + 0.5, workspace.popDouble(), 0.0);
    }
    assertTrue(workspace.isEmpty());
  }

  @Test
  void reservingKeepsWhatIsAlreadySaved() {
    var workspace = new Workspace();
    workspace.pushDouble(3);
    workspace.reserveDoubles(10_000);
    workspace.reserveInts(5);
    for (int i = 0; i < 10_000; i++) {
      workspace.pushDouble(i);
    }
    for (int i = 9_999; i >= 0; i--) {
      assertEquals(i, workspace.popDouble(), 0.0);
    }
    assertEquals(3, workspace.popDouble(), 0.0);
  }

  @Test
  void borrowingInTheSameOrderReusesTheSameArrays() {
    var workspace = new Workspace();
    double[] outer = workspace.borrow(3);
    double[] inner = workspace.borrow(7);
    workspace.release(inner);
    workspace.release(outer);
    double[] outerAgain = workspace.borrow(3);
    double[] innerAgain = workspace.borrow(7);
    assertSame(outer, outerAgain);
    assertSame(inner, innerAgain);
    assertTrue(innerAgain.length >= 7);
    workspace.release(innerAgain);
    double[] longer = workspace.borrow(inner.length + 1);
    assertTrue(longer.length > inner.length, "a pooled array too short is replaced");
  }

  @Test
  void clearEmptiesEveryStack() {
    var workspace = new Workspace();
    workspace.pushDouble(1);
    workspace.pushInt(2);
    workspace.pushArray(new double[] {3});
    workspace.clear();
    assertTrue(workspace.isEmpty());
    workspace.pushInt(4);
    assertEquals(4, workspace.popInt());
  }
}
