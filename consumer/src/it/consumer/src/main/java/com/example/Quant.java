package com.example;

/** A library function Leibniz cannot see into: its derivative comes from a rule. */
public final class Quant {
  private Quant() {}

  /**
   * The logistic function 1 / (1 + e^−x), as a library might compute it.
   *
   * @param x the argument
   * @return its logistic
   */
  public static double logistic(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }
}
