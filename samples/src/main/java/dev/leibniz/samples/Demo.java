package dev.leibniz.samples;

import dev.leibniz.check.FiniteDifferences;

/** Prints the generated gradients of the samples next to finite differences. */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    CircuitGradients.F circuit = CircuitGradients.f(-2, 5, -4);
    System.out.printf("circuit (x + y) z at (-2, 5, -4): value %.1f, gradient (%.1f, %.1f, %.1f)%n",
        circuit.value(), circuit.dX(), circuit.dY(), circuit.dZ());

    NeuronGradients.Output neuron = NeuronGradients.output(2, -1, -3, -2, -3);
    System.out.printf("sigmoid neuron: value %.3f, dw = (%.3f, %.3f, %.3f), dx = (%.3f, %.3f)%n",
        neuron.value(), neuron.dW0(), neuron.dW1(), neuron.dW2(), neuron.dX0(), neuron.dX1());

    StagedGradients.F staged = StagedGradients.f(3, -4);
    double[] numeric =
        FiniteDifferences.gradient(p -> Staged.f(p[0], p[1]), new double[] {3, -4});
    System.out.printf("staged f at (3, -4): value %.6f, gradient (%.6f, %.6f), "
            + "finite differences (%.6f, %.6f)%n",
        staged.value(), staged.dX(), staged.dY(), numeric[0], numeric[1]);
  }
}
