package dev.leibniz;

import java.util.ArrayList;
import java.util.List;

/**
 * A record's components in one {@code double[]}, as the generated code of a method returning a
 * record passes them between its sweeps: first the length of each vector component, then every
 * component in declaration order (a nested record's depth first), a vector as its elements.
 * {@code record State(double[] q, double t)} with {@code q = {1, 2}} and {@code t = 3} is
 * {@code {2, 1, 2, 3}}. Public so that companion classes in any package can call it; not meant
 * to be called by hand.
 */
public final class RecordComponents {
  private final double[] components;
  private final double[] shape;
  private int nextLength;
  private int next;

  private RecordComponents(double[] components, double[] shape, int vectors) {
    this.components = components;
    this.shape = shape;
    this.next = vectors;
  }

  /** Reads the components of a record with {@code vectors} vector components, in order. */
  public static RecordComponents reader(double[] components, int vectors) {
    return new RecordComponents(components, components, vectors);
  }

  /**
   * Reads tangents or adjoints laid out as {@code value} is, whose vectors' lengths they share
   * (their own length slots hold no lengths).
   */
  public static RecordComponents reader(double[] components, double[] value, int vectors) {
    return new RecordComponents(components, value, vectors);
  }

  /** The next component, a number. */
  public double number() {
    return components[next++];
  }

  /** The next component, a {@code double[]}, as a new array. */
  public double[] vector() {
    int length = (int) shape[nextLength++];
    double[] vector = new double[length];
    System.arraycopy(components, next, vector, 0, length);
    next += length;
    return vector;
  }

  /** The next component, a {@code float[]}, as a new array. */
  public float[] floats() {
    double[] vector = vector();
    float[] floats = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      floats[i] = (float) vector[i];
    }
    return floats;
  }

  /** Writes the components of a record with {@code vectors} vector components, in order. */
  public static Writer writer(int vectors) {
    return new Writer(vectors);
  }

  /** Collects a record's components, then lays them out in one array. */
  public static final class Writer {
    private final double[] lengths;
    private final List<double[]> parts = new ArrayList<>();
    private int nextLength;

    private Writer(int vectors) {
      this.lengths = new double[vectors];
    }

    /** Adds a number component. */
    public Writer number(double value) {
      parts.add(new double[] {value});
      return this;
    }

    /** Adds a {@code double[]} component. */
    public Writer vector(double[] vector) {
      lengths[nextLength++] = vector.length;
      parts.add(vector);
      return this;
    }

    /** Adds a {@code float[]} component. */
    public Writer vector(float[] vector) {
      double[] widened = new double[vector.length];
      for (int i = 0; i < vector.length; i++) {
        widened[i] = vector[i];
      }
      return vector(widened);
    }

    /** The components laid out: the vectors' lengths, then each component. */
    public double[] array() {
      int size = lengths.length;
      for (double[] part : parts) {
        size += part.length;
      }
      double[] array = new double[size];
      System.arraycopy(lengths, 0, array, 0, lengths.length);
      int at = lengths.length;
      for (double[] part : parts) {
        System.arraycopy(part, 0, array, at, part.length);
        at += part.length;
      }
      return array;
    }
  }
}
