package dev.leibniz.processor;

import static dev.leibniz.processor.Gradients.assertMatchesFiniteDifferences;

import org.junit.jupiter.api.Test;

/**
 * Generated lines stay within 100 columns however long the user's names, expressions, source
 * lines and nesting are: long expressions and argument lists wrap, source-line comments are cut,
 * Javadoc is reflowed. ({@link Compiled#compile} checks every line of every test's companions;
 * this test makes each cause happen.)
 */
class GeneratedLayoutTest {
  @Test
  void longNamesExpressionsAndNestingFitInOneHundredColumns() {
    Compiled compiled = Compiled.compile(
        """
        package lay;

        import dev.leibniz.Differentiable;

        public class PhysicalModelWithLongName {
          @Differentiable
          static double logLikelihoodOfTheObservations(
              double theFirstParameterWithALongName, double theSecondParameterWithALongName,
              double theThirdParameterWithALongName, double[] theObservationsWithALongName) {
            double accumulatedLogLikelihoodOfAllObservations = 0;
            for (int i = 0; i < theObservationsWithALongName.length; i++) {
              for (int j = 0; j < 2; j++) {
                if (i > j) {
                  for (int k = 0; k < 2; k++) {
                    accumulatedLogLikelihoodOfAllObservations += Math.sin(theFirstParameterWithALongName * theObservationsWithALongName[i]) * Math.cos(theSecondParameterWithALongName * theObservationsWithALongName[i] + theThirdParameterWithALongName * k) + Math.exp(-theThirdParameterWithALongName * theObservationsWithALongName[i] * theObservationsWithALongName[i]);
                  }
                }
              }
            }
            return accumulatedLogLikelihoodOfAllObservations + helperWithALongName(theFirstParameterWithALongName, theSecondParameterWithALongName, theThirdParameterWithALongName);
          }

          @Differentiable
          static double helperWithALongName(double theFirstParameterWithALongName,
              double theSecondParameterWithALongName, double theThirdParameterWithALongName) {
            return theFirstParameterWithALongName * theSecondParameterWithALongName * theThirdParameterWithALongName;
          }

          static double probe(double a, double b, double c) {
            return logLikelihoodOfTheObservations(
                a, b, c, new double[] {0.3, -0.7, 1.1});
          }

          static double probeDerivative(double a, double b, double c, int which) {
            var result = PhysicalModelWithLongNameGradients
                .logLikelihoodOfTheObservations(
                    a, b, c, new double[] {0.3, -0.7, 1.1});
            return which == 0 ? result.dTheFirstParameterWithALongName()
                : which == 1 ? result.dTheSecondParameterWithALongName()
                : result.dTheThirdParameterWithALongName();
          }
        }
        """);
    Compiled.assertLinesFit(compiled.compilation());
    assertMatchesFiniteDifferences(compiled, "lay.PhysicalModelWithLongName",
        "helperWithALongName", 1e-8, 0.4, -1.2, 0.9);
    double[] x = {0.4, -1.2, 0.9};
    double[] numeric = dev.leibniz.check.FiniteDifferences.gradient(
        p -> (double) compiled.call("lay.PhysicalModelWithLongName", "probe",
            p[0], p[1], p[2]), x.clone());
    for (int i = 0; i < 3; i++) {
      double exact = (double) compiled.call("lay.PhysicalModelWithLongName",
          "probeDerivative", x[0], x[1], x[2], i);
      org.junit.jupiter.api.Assertions.assertEquals(numeric[i], exact,
          1e-7 * Math.max(1, Math.abs(numeric[i])), "d/dx" + i);
    }
  }
}
