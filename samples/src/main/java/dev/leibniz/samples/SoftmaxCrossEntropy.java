package dev.leibniz.samples;

import dev.leibniz.Differentiable;

/**
 * The cross-entropy of a softmax over logits against a class label, computed stably: the
 * largest logit is subtracted before exponentiating, so that no exp overflows. Its gradient with
 * respect to the logits is softmax(logits) − one-hot(label).
 */
public final class SoftmaxCrossEntropy {
  private SoftmaxCrossEntropy() {}

  @Differentiable
  public static double loss(double[] logits, int label) {
    double max = logits[0];
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > max) {
        max = logits[i];
      }
    }
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      sum += Math.exp(logits[i] - max);
    }
    return Math.log(sum) + max - logits[label];
  }
}
