package dev.leibniz.processor.ir;

/**
 * A private {@code static final} field of the user's class whose value is not a compile-time
 * constant ({@code LOG_2PI = Math.log(2 * Math.PI)}), copied into the companion as a field of
 * its own, computed once as the user's is.
 *
 * @param type the field's declared type
 * @param name its name in the companion
 * @param original the field as the user's code names it, {@code Outer.Inner.NAME}
 * @param value its initializer, reading only literals, {@code Math} and other constants
 */
public record Constant(Type type, String name, String original, Expr value) {}
