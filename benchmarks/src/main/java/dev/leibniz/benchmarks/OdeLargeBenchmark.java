package dev.leibniz.benchmarks;

/** GradBench's {@code ode} with n = 10,000 and 100 steps, as {@link OdeBenchmark}. */
public class OdeLargeBenchmark extends OdeBenchmark {
  @Override
  int size() {
    return 10_000;
  }
}
