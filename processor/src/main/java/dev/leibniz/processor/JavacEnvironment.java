package dev.leibniz.processor;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's Compiler Tree API behind a processing environment. Build tools wrap javac's
 * environment (Gradle in a delegating class, IntelliJ in a dynamic proxy); the wrapper holds the
 * original in a field, which is where this looks, a few levels deep.
 */
final class JavacEnvironment {
  private static final int MAX_DEPTH = 5;

  private JavacEnvironment() {}

  /** The Tree API for {@code env}, or empty under a compiler that has none. */
  static Optional<Trees> trees(ProcessingEnvironment env) {
    return trees(env, 0);
  }

  private static Optional<Trees> trees(Object env, int depth) {
    if (env instanceof ProcessingEnvironment processing) {
      try {
        return Optional.of(Trees.instance(processing));
      } catch (IllegalArgumentException | LinkageError notJavac) {
        // not javac's own environment: look inside the wrapper below
      }
    }
    if (env == null || depth >= MAX_DEPTH) {
      return Optional.empty();
    }
    Object target = Proxy.isProxyClass(env.getClass()) ? Proxy.getInvocationHandler(env) : env;
    for (Class<?> c = target.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        Optional<Trees> found = inside(target, field, depth);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a field's value may be, or hold, the original environment: an environment, a proxy,
   * or an object of a build tool's own class (never a JDK class: those are not wrappers).
   */
  private static boolean isWrapper(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof ProcessingEnvironment || Proxy.isProxyClass(value.getClass())) {
      return true;
    }
    String name = value.getClass().getName();
    return !name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("jdk.")
        && !name.startsWith("com.sun.") && !value.getClass().isArray();
  }

  private static Optional<Trees> inside(Object target, Field field, int depth) {
    if (field.getType().isPrimitive()) {
      return Optional.empty();
    }
    try {
      field.setAccessible(true);
      Object value = field.get(target);
      return isWrapper(value) ? trees(value, depth + 1) : Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException inaccessible) {
      return Optional.empty();
    }
  }
}
