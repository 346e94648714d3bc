package dev.leibniz.samples.model;

import dev.leibniz.Differentiable;

/** Activation functions, each differentiable on its own and inside any caller. */
public final class Activations {
  private Activations() {}

  /** max(0, z); its derivative at the kink is 0. */
  @Differentiable
  public static double relu(double z) {
    return Math.max(0.0, z);
  }

  @Differentiable
  public static double tanh(double z) {
    return Math.tanh(z);
  }

  /** The activation {@code a} at {@code z}: a switch a differentiable method may hold. */
  @Differentiable
  public static double apply(Activation a, double z) {
    return switch (a) {
      case RELU -> relu(z);
      case TANH -> tanh(z);
      case SIGMOID -> sigmoid(z);
    };
  }

  /** 1 / (1 + e^−z). */
  @Differentiable
  public static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
