package dev.leibniz.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.check.FiniteDifferences;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * The generated pullback as MLlib's gradient: on a two-thread local Spark, L-BFGS over four
 * partitions reaches the weights Newton's method finds on one machine for the same objective;
 * the gradient itself matches finite differences.
 */
class SparkTrainingTest {
  @Test
  void lbfgsOnSparkFindsTheOptimumOfOneMachine() {
    List<Tuple2<Object, Vector>> examples = Training.examples(2000, 1);
    double[] local = Training.onOneMachine(examples, 3);
    double[] distributed;
    try (var spark = new JavaSparkContext("local[2]", "leibniz-test")) {
      spark.setLogLevel("ERROR");
      distributed = Training.onSpark(spark.parallelize(examples, 4), 3);
    }
    System.out.printf("weights on Spark %s, on one machine %s%n",
        java.util.Arrays.toString(distributed), java.util.Arrays.toString(local));
    for (int i = 0; i < 3; i++) {
      assertEquals(local[i], distributed[i], 1e-5, "weight " + i);
    }
  }

  @Test
  void computeAddsTheLossGradientIntoMllibsVector() {
    double[] w = {0.3, -1.2, 0.8};
    double[] x = {1, 0.5, -2};
    var gradient = new PullbackGradient(LogisticLossGradients::lossPullback);
    Vector cumulative = Vectors.dense(10, 20, 30);
    double loss = gradient.compute(Vectors.dense(x), 1.0, Vectors.dense(w), cumulative);
    assertEquals(LogisticLoss.loss(w, x, 1.0), loss, 1e-15);
    for (int i = 0; i < 3; i++) {
      int index = i;
      double numeric = FiniteDifferences.derivative(v -> {
        double[] moved = w.clone();
        moved[index] = v;
        return LogisticLoss.loss(moved, x, 1.0);
      }, w[i]);
      assertEquals(10 * (i + 1) + numeric, cumulative.apply(i), 1e-9);
    }
  }
}
