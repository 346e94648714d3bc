package dev.leibniz.samples;

import dev.leibniz.Differentiable;

/** A two-input neuron with a sigmoid activation: σ(w0 x0 + w1 x1 + w2). */
public final class Neuron {
  private Neuron() {}

  /** The neuron's output; its gradient is what backpropagation hands to the weights. */
  @Differentiable(trace = true)
  public static double output(double w0, double x0, double w1, double x1, double w2) {
    double dot = w0 * x0 + w1 * x1 + w2;
    return 1.0 / (1.0 + Math.exp(-dot));
  }
}
