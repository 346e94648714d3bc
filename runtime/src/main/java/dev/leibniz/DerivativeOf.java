package dev.leibniz;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the annotated static method the derivative rule of a function Leibniz cannot see
 * into, such as a special function in a library.
 *
 * <p>The rule has the same parameter list as its target. For a function of one {@code double}
 * it returns the derivative at that point:
 *
 * <pre>{@code
 * @DerivativeOf(type = Special.class, method = "erf")
 * static double erfDerivative(double x) { return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DerivativeOf {
  /** The class that declares the target function. */
  Class<?> type();

  /** The name of the target function in {@link #type()}. */
  String method();
}
