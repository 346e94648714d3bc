package dev.leibniz.samples.model;

/** The activation functions a layer of {@link dev.leibniz.samples.Network} may apply. */
public enum Activation {
  RELU,
  TANH,
  SIGMOID
}
