package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Test support for separate compilation: compiles sources with the processor onto disk, as a
 * build tool would, packs classes into a jar, and loads classes from both.
 */
final class Jars {
  private Jars() {}

  /**
   * Compiles {@code source}, a whole file declaring the class {@code className}, with the
   * processor into {@code out}; the runtime and {@code classPath} are on the class path.
   */
  static Path compile(Path sources, String source, String className, Path out,
      List<Path> classPath) throws IOException {
    String pkg = source.replaceAll("(?s)^\\s*package\\s+([\\w.]+);.*", "$1");
    Path file = sources.resolve(pkg.replace('.', '/')).resolve(className + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    var messages = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      var path = new ArrayList<String>();
      classPath.forEach(p -> path.add(p.toString()));
      path.add(System.getProperty("java.class.path"));
      List<String> options = List.of("-d", out.toString(), "-s", out.toString(),
          "-classpath", String.join(java.io.File.pathSeparator, path), "-Xlint:all", "-Werror");
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(file);
      JavaCompiler.CompilationTask task = javac.getTask(messages, files, null, options, null, units);
      task.setProcessors(List.of(new DifferentiableProcessor()));
      assertTrue(task.call(), messages.toString());
    }
    return out;
  }

  /** Packs every class file under {@code classes} into {@code jar}. */
  static Path jar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        var out = new JarOutputStream(file);
        Stream<Path> entries = Files.walk(classes)) {
      for (Path p : entries.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(p).toString().replace(java.io.File.separatorChar, '/');
        out.putNextEntry(new JarEntry(name));
        out.write(Files.readAllBytes(p));
        out.closeEntry();
      }
    }
    return jar;
  }

  /** A loader for classes in {@code paths} (directories or jars), delegating to the tests'. */
  static URLClassLoader loader(Path... paths) throws IOException {
    var urls = new URL[paths.length];
    for (int i = 0; i < paths.length; i++) {
      urls[i] = paths[i].toUri().toURL();
    }
    return new URLClassLoader(urls, Jars.class.getClassLoader());
  }
}
