package dev.leibniz;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes the {@link DerivativeOf} rules declared in the named classes visible to the
 * {@code @Differentiable} methods of the annotated class (and the classes nested in it), or,
 * on a {@code package-info.java}, of every class of the package.
 *
 * <p>Leibniz finds a rule without this annotation when it is declared in the class of the
 * function it is for, in any class of that class's package or of the calling class's package,
 * or anywhere in the same compilation. A library of rules kept in a package of its own and
 * shipped in a jar is named here:
 *
 * <pre>{@code
 * @UseRules(SpecialFunctionRules.class)
 * final class Pricing { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface UseRules {
  /** The classes whose {@code @DerivativeOf} methods become visible. */
  Class<?>[] value();
}
