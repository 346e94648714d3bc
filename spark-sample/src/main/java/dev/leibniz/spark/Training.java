package dev.leibniz.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.LBFGS;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import scala.Tuple2;

/**
 * Logistic regression trained on Spark with MLlib's L-BFGS and the gradient Leibniz writes, and
 * the same objective minimised on one machine, for comparison: the mean loss over the examples
 * plus regParam / 2 · |w|², as MLlib's {@link SquaredL2Updater} defines it.
 */
public final class Training {
  /** The L2 penalty's weight: it makes the optimum unique, whatever the data. */
  public static final double REG_PARAM = 0.01;

  private Training() {}

  /** Two Gaussian classes in the plane, each point with a constant feature 1 for the bias. */
  public static List<Tuple2<Object, Vector>> examples(int count, long seed) {
    var random = new Random(seed);
    var examples = new ArrayList<Tuple2<Object, Vector>>();
    for (int n = 0; n < count; n++) {
      double label = n % 2;
      double x1 = random.nextGaussian() + (label == 1 ? 1.5 : -0.5);
      double x2 = random.nextGaussian() + (label == 1 ? 0.5 : -1.0);
      examples.add(new Tuple2<>(label, Vectors.dense(1, x1, x2)));
    }
    return examples;
  }

  /** The weights MLlib's L-BFGS finds over {@code data}, spread over the cluster. */
  public static double[] onSpark(JavaRDD<Tuple2<Object, Vector>> data, int features) {
    Tuple2<Vector, double[]> result = LBFGS.runLBFGS(data.rdd(),
        new PullbackGradient(LogisticLossGradients::lossPullback), new SquaredL2Updater(),
        10, 1e-12, 200, REG_PARAM, Vectors.zeros(features));
    return result._1().toArray();
  }

  /** The same objective's minimum on one machine: Newton's method, with the same gradient. */
  public static double[] onOneMachine(List<Tuple2<Object, Vector>> examples, int features) {
    double[] w = new double[features];
    for (int iteration = 0; iteration < 50; iteration++) {
      double[] gradient = new double[features];
      double[][] hessian = new double[features][features];
      for (Tuple2<Object, Vector> e : examples) {
        double[] x = e._2().toArray();
        LogisticLossGradients.lossPullback(w, x, (Double) e._1(), 1.0 / examples.size(),
            gradient);
        // The logistic loss's Hessian is p(1 − p) x xᵀ, p the predicted probability.
        double z = 0;
        for (int i = 0; i < features; i++) {
          z += w[i] * x[i];
        }
        double p = 1 / (1 + Math.exp(-z));
        for (int i = 0; i < features; i++) {
          for (int j = 0; j < features; j++) {
            hessian[i][j] += p * (1 - p) * x[i] * x[j] / examples.size();
          }
        }
      }
      for (int i = 0; i < features; i++) {
        gradient[i] += REG_PARAM * w[i];
        hessian[i][i] += REG_PARAM;
      }
      double[] step = solve(hessian, gradient);
      for (int i = 0; i < features; i++) {
        w[i] -= step[i];
      }
    }
    return w;
  }

  /** a x = b by Gaussian elimination; a is small, symmetric and positive definite. */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    double[] x = b.clone();
    for (int i = 0; i < n; i++) {
      m[i] = a[i].clone();
    }
    for (int k = 0; k < n; k++) {
      for (int i = k + 1; i < n; i++) {
        double factor = m[i][k] / m[k][k];
        for (int j = k; j < n; j++) {
          m[i][j] -= factor * m[k][j];
        }
        x[i] -= factor * x[k];
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      for (int j = i + 1; j < n; j++) {
        x[i] -= m[i][j] * x[j];
      }
      x[i] /= m[i][i];
    }
    return x;
  }

  /** Trains on a local two-thread Spark and on one machine, and prints both. */
  public static void main(String[] args) {
    var examples = examples(2000, 1);
    try (var spark = new JavaSparkContext("local[2]", "leibniz")) {
      double[] distributed = onSpark(spark.parallelize(examples, 4), 3);
      System.out.println("Spark, L-BFGS:      " + java.util.Arrays.toString(distributed));
    }
    System.out.println("one machine, Newton: "
        + java.util.Arrays.toString(onOneMachine(examples, 3)));
  }
}
