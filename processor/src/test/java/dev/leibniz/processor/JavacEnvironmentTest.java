package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** Finding javac behind the wrappers build tools put around it, and saying so when it is not. */
class JavacEnvironmentTest {

  /** How IntelliJ wraps javac's environment: a dynamic proxy whose handler holds the original. */
  static final class Forwarding implements InvocationHandler {
    private final Object delegate;

    Forwarding(Object delegate) {
      this.delegate = delegate;
    }

    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args)
        throws Throwable {
      return method.invoke(delegate, args);
    }

    static ProcessingEnvironment wrap(ProcessingEnvironment env) {
      return (ProcessingEnvironment) Proxy.newProxyInstance(
          Forwarding.class.getClassLoader(),
          new Class<?>[] {ProcessingEnvironment.class},
          new Forwarding(env));
    }
  }

  /** How Gradle wraps it: an object that keeps the original in a field. */
  record Holder(ProcessingEnvironment delegate) {}

  @Test
  void findsTheTreeApiBehindWrappers() {
    var found = new ArrayList<Boolean>();
    var probe = new AbstractProcessor() {
      @Override
      public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
      }

      @Override
      public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        found.add(JavacEnvironment.trees(processingEnv).isPresent());
        found.add(JavacEnvironment.trees(Forwarding.wrap(processingEnv)).isPresent());
        var twice = Forwarding.wrap(Forwarding.wrap(processingEnv));
        found.add(JavacEnvironment.trees(twice).isPresent());
        var held = new Forwarding(new Holder(processingEnv));
        found.add(JavacEnvironment.trees(Forwarding.wrap((ProcessingEnvironment) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {ProcessingEnvironment.class}, held)))
            .isPresent());
        return false;
      }
    };
    Compiler.javac()
        .withProcessors(probe)
        .compile(JavaFileObjects.forSourceString("p.A", "package p; class A {}"));
    assertEquals(List.of(true, true, true, true), found.subList(0, 4));
  }

  @Test
  void withoutTheTreeApiReportsOneClearError() {
    var messages = new ArrayList<String>();
    Messager messager = (Messager) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {Messager.class},
        (proxy, method, args) -> {
          if (method.getName().equals("printMessage") && args[0] == Diagnostic.Kind.ERROR) {
            messages.add(args[1].toString());
          }
          return null;
        });
    ProcessingEnvironment foreign = (ProcessingEnvironment) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
        (proxy, method, args) -> method.getName().equals("getMessager") ? messager : null);
    assertFalse(JavacEnvironment.trees(foreign).isPresent());
    Element element = (Element) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {Element.class}, (proxy, method, args) -> null);
    CompanionGenerator.forEnvironment(foreign)
        .generate(new CompanionGenerator.Round(Set.of(element), Set.of(), Set.of(), Set.of()));
    assertEquals(1, messages.size());
    assertTrue(messages.get(0).startsWith("[LZ191]"), messages.get(0));
  }
}
