package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Map;
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
    var messages = new StringWriter();
    assertTrue(run(sources, Map.of(className, source), out, classPath, messages),
        messages.toString());
    return out;
  }

  /**
   * What javac says when compiling {@code sources} (class names to whole files) with the
   * processor fails; the compilation must fail.
   */
  static String errors(Path dir, Map<String, String> sources, List<Path> classPath)
      throws IOException {
    var messages = new StringWriter();
    assertFalse(run(dir.resolve("src"), sources, dir.resolve("out"), classPath, messages),
        "the compilation succeeded");
    return messages.toString();
  }

  /** Compiles classes into {@code out}; whether javac succeeded. */
  static boolean run(Path sources, Map<String, String> classes, Path out, List<Path> classPath,
      StringWriter messages) throws IOException {
    var files = new ArrayList<Path>();
    for (var c : classes.entrySet()) {
      String pkg = c.getValue().replaceAll("(?s)^\\s*package\\s+([\\w.]+);.*", "$1");
      Path file = sources.resolve(pkg.replace('.', '/')).resolve(c.getKey() + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, c.getValue());
      files.add(file);
    }
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager manager = javac.getStandardFileManager(null, null, null)) {
      var path = new ArrayList<String>();
      classPath.forEach(p -> path.add(p.toString()));
      path.add(System.getProperty("java.class.path"));
      List<String> options = List.of("-d", out.toString(), "-s", out.toString(),
          "-classpath", String.join(java.io.File.pathSeparator, path), "-Xlint:all", "-Werror");
      Iterable<? extends JavaFileObject> units = manager.getJavaFileObjectsFromPaths(files);
      JavaCompiler.CompilationTask task =
          javac.getTask(messages, manager, null, options, null, units);
      task.setProcessors(List.of(new DifferentiableProcessor()));
      return task.call();
    }
  }

  /** Packs every file under {@code classes} but sources into {@code jar}, as a build would. */
  static Path jar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        var out = new JarOutputStream(file);
        Stream<Path> entries = Files.walk(classes)) {
      for (Path p : entries.filter(Files::isRegularFile)
          .filter(f -> !f.toString().endsWith(".java")).toList()) {
        String name = classes.relativize(p).toString().replace(java.io.File.separatorChar, '/');
        out.putNextEntry(new JarEntry(name));
        out.write(Files.readAllBytes(p));
        out.closeEntry();
      }
    }
    return jar;
  }

  /**
   * A library compiled with the processor into a jar, then an application compiled against the
   * jar alone (both whole files declaring the classes named), loaded together.
   */
  static URLClassLoader libraryAndApplication(Path dir, String library, String libraryClass,
      String application, String applicationClass) throws IOException {
    Path jar = jar(compile(dir.resolve("lib-src"), library, libraryClass, dir.resolve("lib"),
        List.of()), dir.resolve(libraryClass + ".jar"));
    Path app = compile(dir.resolve("app-src"), application, applicationClass,
        dir.resolve("app"), List.of(jar));
    return loader(app, jar);
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
