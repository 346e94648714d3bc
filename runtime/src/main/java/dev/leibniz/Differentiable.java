package dev.leibniz;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose gradient Leibniz writes at compile time.
 *
 * <p>For a method {@code m} of class {@code p.C}, the annotation processor generates
 * {@code p.CGradients.m(...)}, which takes the same parameters (an instance method's receiver
 * first) and returns the value together with the partial derivative with respect to every
 * differentiable parameter: each {@code double} parameter not marked {@link NoDerivative}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {
  /**
   * The highest order of derivative wanted: 1 for gradients (and pushforwards), 2 for
   * Hessians too ({@code mHessian} and {@code mHvp} in the companion).
   *
   * @return 1 or 2
   */
  int order() default 1;

  /**
   * Whether the companion also has {@code mTrace(params…)}, which returns the computational
   * graph of one evaluation as a {@link Trace}: every operation with its value, its gradient and
   * the local partial derivative on each of its edges. Without it, nothing else changes.
   *
   * @return true for a trace method
   */
  boolean trace() default false;
}
