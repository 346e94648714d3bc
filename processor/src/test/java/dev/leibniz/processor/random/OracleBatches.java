package dev.leibniz.processor.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.check.FiniteDifferences;
import dev.leibniz.processor.Compiled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Batches of random programs of one kind checked against their oracle: each batch compiled as
 * one class with the helpers its programs call, every program checked at a few points and every
 * fifth one's Hessian too. {@code -Dleibniz.random.batches=N} runs more batches.
 *
 * @param <P> the kind of program
 */
final class OracleBatches<P> {
  private static final int PROGRAMS_PER_BATCH = 30;
  private static final int POINTS_PER_PROGRAM = 3;
  private static final double TOLERANCE = 1e-9;
  private static final int HESSIAN_EVERY = 5;

  /** The worst relative error of a program's derivatives at a random point. */
  interface AtPoint<P> {
    double check(Compiled compiled, String className, P program, Random random);
  }

  /** Fails if a program's Hessian at a random point is not its gradient's derivative. */
  interface Hessian<P> {
    void check(Compiled compiled, String className, P program, Random random);
  }

  /** What is checked of each program of a compiled batch, given the class's name. */
  record Check<P>(AtPoint<P> atPoint, Hessian<P> hessian) {}

  private final String kind;
  private final BiFunction<String, Random, P> generate;
  private final Function<P, String> source;
  private final String helpers;

  /**
   * @param kind what the programs are, for the summary and the classes' names
   * @param generate a program of the given name
   * @param source a program's source
   * @param helpers the source of what every program may call
   */
  OracleBatches(String kind, BiFunction<String, Random, P> generate, Function<P, String> source,
      String helpers) {
    this.kind = kind;
    this.generate = generate;
    this.source = source;
    this.helpers = helpers;
  }

  /** Runs the batches from {@code seed} on, then fails if any error is over the tolerance. */
  void run(long seed, Check<P> check) {
    int batches = Integer.getInteger("leibniz.random.batches", 2);
    double worst = 0;
    int checked = 0;
    int hessians = 0;
    for (int batch = 0; batch < batches; batch++) {
      var random = new Random(seed + batch);
      List<P> programs = new ArrayList<>();
      for (int p = 0; p < PROGRAMS_PER_BATCH; p++) {
        programs.add(generate.apply("p" + p, random));
      }
      String className = Arrays.stream(kind.split("[ -]"))
          .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
          .collect(Collectors.joining()) + batch;
      var text = new StringBuilder("package g;\nimport dev.leibniz.Differentiable;\n")
          .append("public class ").append(className).append(" {\n").append(helpers);
      programs.forEach(p -> text.append(source.apply(p)).append('\n'));
      var compiled = Compiled.compile(text.append("}\n").toString());
      for (P program : programs) {
        for (int point = 0; point < POINTS_PER_PROGRAM; point++) {
          worst = Math.max(worst, check.atPoint().check(compiled, "g." + className, program,
              random));
        }
        if (checked % HESSIAN_EVERY == 0) {
          check.hessian().check(compiled, "g." + className, program, random);
          hessians++;
        }
        checked++;
      }
    }
    System.out.printf("random %s: %d checked at %d points each, worst relative error %.3g;"
        + " %d Hessians%n", kind, checked, POINTS_PER_PROGRAM, worst, hessians);
    assertTrue(worst <= TOLERANCE, "worst relative error " + worst);
  }

  /**
   * The worst relative error of a generated value and gradient against the oracle's; fails
   * over the tolerance.
   */
  static double gradientError(Dual expected, double value, double[] gradient, String context) {
    assertEquals(expected.value(), value, 1e-12 * Math.max(1, Math.abs(expected.value())),
        "value of " + context);
    double worst = 0;
    for (int i = 0; i < gradient.length; i++) {
      double error = FiniteDifferences.relativeError(gradient[i], expected.tangent()[i]);
      assertTrue(error <= TOLERANCE, "input " + i + " of " + context + " generated "
          + gradient[i] + ", oracle " + expected.tangent()[i]);
      worst = Math.max(worst, error);
    }
    return worst;
  }

  /**
   * The relative error of a generated derivative along {@code direction} against the oracle's
   * gradient times it; fails over the tolerance.
   */
  static double tangentError(Dual expected, double tangent, double[] direction,
      String context) {
    double along = 0;
    for (int i = 0; i < direction.length; i++) {
      along += expected.tangent()[i] * direction[i];
    }
    double error = FiniteDifferences.relativeError(tangent, along);
    assertTrue(error <= TOLERANCE, "pushforward of " + context + " generated " + tangent
        + ", oracle " + along);
    return error;
  }
}
