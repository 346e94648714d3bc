package dev.leibniz.spark;

import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.optimization.Gradient;

/**
 * A generated pullback as MLlib's {@link Gradient}. MLlib asks a gradient to return the loss of
 * one example and to <em>add</em> its gradient into {@code cumGradient}, which is what a
 * pullback does with its adjoints: {@code compute} is one call of it with {@code upstream = 1}
 * and nothing allocated but MLlib's own arrays.
 */
public final class PullbackGradient extends Gradient {
  private static final long serialVersionUID = 1L;

  /**
   * The shape of the pullback of a loss {@code f(double[] w, double[] x, double y)} whose
   * {@code x} and {@code y} are {@code @NoDerivative}: {@code LogisticLossGradients::lossPullback}.
   */
  @FunctionalInterface
  public interface Pullback extends java.io.Serializable {
    /** Returns f(w, x, y) and adds {@code upstream} × ∂f/∂w to {@code dW}. */
    double apply(double[] w, double[] x, double y, double upstream, double[] dW);
  }

  private final Pullback pullback;

  /** MLlib's gradient for the loss whose pullback is {@code pullback}. */
  public PullbackGradient(Pullback pullback) {
    this.pullback = pullback;
  }

  @Override
  public double compute(Vector data, double label, Vector weights, Vector cumGradient) {
    return pullback.apply(weights.toArray(), data.toArray(), label, 1.0,
        ((DenseVector) cumGradient).values());
  }
}
