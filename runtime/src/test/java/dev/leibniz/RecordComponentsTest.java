package dev.leibniz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The layout of a record's components: the vectors' lengths, then every component in order; a
 * tangent's vectors have the lengths of the value's.
 */
class RecordComponentsTest {
  @Test
  void aRecordOfAVectorANumberAndAFloatVectorIsLaidOutLengthsFirst() {
    double[] laid = RecordComponents.writer(2).vector(new double[] {1, 2}).number(3)
        .vector(new float[] {4.5f}).array();
    assertArrayEquals(new double[] {2, 1, 1, 2, 3, 4.5}, laid, 0.0);
    var reader = RecordComponents.reader(laid, 2);
    assertArrayEquals(new double[] {1, 2}, reader.vector(), 0.0);
    assertEquals(3, reader.number(), 0.0);
    assertArrayEquals(new float[] {4.5f}, reader.floats(), 0f);
  }

  @Test
  void aTangentIsReadWithTheValuesLengths() {
    double[] value = {3, 1, 1, 1, 7};
    double[] tangent = {0, 0.1, 0.2, 0.3, 0.4};
    var reader = RecordComponents.reader(tangent, value, 1);
    assertArrayEquals(new double[] {0.1, 0.2, 0.3}, reader.vector(), 0.0);
    assertEquals(0.4, reader.number(), 0.0);
  }
}
