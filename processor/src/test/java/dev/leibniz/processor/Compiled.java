package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Test support: compiles sources in memory with the processor under {@code -Xlint:all -Werror},
 * loads the classes, and calls generated gradient methods by name.
 */
public final class Compiled {
  private final Compilation compilation;
  private final ClassLoader loader;

  private Compiled(Compilation compilation) {
    this.compilation = compilation;
    this.loader = new InMemoryLoader(compilation.generatedFiles());
  }

  /** Compiles {@code sources} (each a whole file: "package p; class C {...}"), expecting success. */
  public static Compiled compile(String... sources) {
    return compileWith(List.of(), sources);
  }

  /** As {@link #compile}, with processor options such as {@code -Aleibniz.replay=always}. */
  public static Compiled compileWith(List<String> options, String... sources) {
    Compilation compilation = compilation(options,
        Arrays.stream(sources).map(Compiled::file).toArray(JavaFileObject[]::new));
    assertWithMessage("compilation errors: %s", compilation.diagnostics())
        .that(compilation.status())
        .isEqualTo(Compilation.Status.SUCCESS);
    assertWithMessage("warnings").that(compilation.warnings()).isEmpty();
    assertLinesFit(compilation);
    return new Compiled(compilation);
  }

  /** The text of the source file generated for {@code className} ({@code p.CGradients}). */
  public String generatedSource(String className) {
    try {
      return compilation.generatedSourceFile(className).orElseThrow().getCharContent(false)
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every line Leibniz wrote is at most 100 columns wide, as style guides ask. */
  static void assertLinesFit(Compilation compilation) {
    for (JavaFileObject source : compilation.generatedSourceFiles()) {
      try {
        String[] lines = source.getCharContent(false).toString().split("\n");
        for (int i = 0; i < lines.length; i++) {
          assertWithMessage("%s line %s: %s", source.getName(), i + 1, lines[i])
              .that(lines[i].length()).isAtMost(100);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** The raw compilation of {@code sources}, successful or not, for diagnostics tests. */
  static Compilation compilation(String... sources) {
    return compilation(Arrays.stream(sources).map(Compiled::file).toArray(JavaFileObject[]::new));
  }

  /** The raw compilation of {@code files} with the processor, successful or not. */
  public static Compilation compilation(JavaFileObject... files) {
    return compilation(List.of(), files);
  }

  /** As {@link #compilation(JavaFileObject...)}, with more options for javac. */
  public static Compilation compilation(List<String> options, JavaFileObject... files) {
    var all = new java.util.ArrayList<>(List.of("-Xlint:all", "-Werror"));
    all.addAll(options);
    return javac()
        .withProcessors(new DifferentiableProcessor())
        .withOptions(all)
        .compile(files);
  }

  /** A source file named after the class it declares. */
  public static JavaFileObject file(String source) {
    String pkg = source.replaceAll("(?s)^\\s*package\\s+([\\w.]+);.*", "$1");
    String type =
        source.replaceAll("(?s).*?(?:class|record|interface|enum)\\s+(\\w+).*", "$1");
    String name = source.trim().startsWith("package") ? pkg + "." + type : type;
    return JavaFileObjects.forSourceString(name, source);
  }

  Compilation compilation() {
    return compilation;
  }

  /** How many pullbacks Leibniz wrote run a loop's adjoint inside the loop, in one pass. */
  public int onePassPullbacks() {
    return occurrences("// one pass:");
  }

  /** How many loops the generated sources compute again from snapshots, sweeps and halves. */
  public int replayedLoops() {
    return occurrences("// replayed:");
  }

  /** How many loops run their adjoint in forward order, sweeps and halves. */
  public int forwardOrderLoops() {
    return occurrences("// adjoint in forward order");
  }

  /** How many backward loops are skipped while their adjoints are zero, sweeps and halves. */
  public int zeroSkippedLoops() {
    return occurrences("// adds nothing while");
  }

  private int occurrences(String text) {
    int count = 0;
    for (JavaFileObject source : compilation.generatedSourceFiles()) {
      try {
        count += source.getCharContent(false).toString().split(text, -1).length - 1;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return count;
  }

  /**
   * The text of the sweeps of {@code pullback} (a method returning {@code double}) with a
   * workspace, in the companion class {@code companion}: its body, or where it runs the two
   * halves, theirs one after the other.
   */
  String pullbackBody(String companion, String pullback) {
    try {
      String source = compilation.generatedSourceFile(companion).orElseThrow()
          .getCharContent(false).toString();
      // Under a budget a pullback runs its halves, which checkpoint; this is the other path.
      String body = body(source, "double " + pullback, "Workspace workspace")
          .replaceFirst("(?s)^\\s*if \\(workspace\\.hasBudget\\(\\)\\) \\{.*?\n    }\n", "");
      String method = pullback.substring(0, pullback.length() - "Pullback".length());
      if (body.contains(method + "Forward(") && body.contains(method + "Backward(")) {
        return body(source, "double " + method + "Forward", "Workspace workspace")
            + body(source, "void " + method + "Backward", "Workspace workspace");
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String body(String source, String declaration, String lastParameter) {
    var m = java.util.regex.Pattern.compile("public static " + declaration
        + "\\([^)]*" + lastParameter + "\\) \\{(.*?)\n  }\n", java.util.regex.Pattern.DOTALL)
        .matcher(source);
    if (!m.find()) {
      throw new AssertionError("no " + declaration + " in the companion");
    }
    return m.group(1);
  }

  /** A class of the compilation. */
  public Class<?> load(String className) {
    try {
      return loader.loadClass(className);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** Calls a static method {@code name} of {@code className} with {@code args}. */
  public Object call(String className, String name, Object... args) {
    try {
      Class<?> type = loader.loadClass(className);
      Method method =
          Arrays.stream(type.getDeclaredMethods())
              .filter(m -> m.getName().equals(name) && m.getParameterCount() == args.length)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no method " + name + " in " + className));
      method.setAccessible(true);
      return method.invoke(null, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("calling " + className + "." + name, e);
    }
  }

  /** A new instance of {@code className}, made by its constructor that takes as many arguments. */
  public Object construct(String className, Object... args) {
    try {
      var constructor = Arrays.stream(load(className).getDeclaredConstructors())
          .filter(c -> c.getParameterCount() == args.length).findFirst()
          .orElseThrow(() -> new AssertionError("no constructor of " + className));
      constructor.setAccessible(true);
      return constructor.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("constructing " + className, e);
    }
  }

  /**
   * The value and gradient the companion of {@code className} returns for {@code method}: the
   * result record's components in order.
   */
  public double[] valueAndGradient(String className, String method, Object... args) {
    Object record = call(className.replace('$', '_') + "Gradients", method, args);
    return Gradients.valueAndGradient(record);
  }

  /** The components of a generated result record, by accessor name. */
  public static Map<String, Object> components(Object record) {
    var values = new HashMap<String, Object>();
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      try {
        values.put(c.getName(), c.getAccessor().invoke(record));
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return values;
  }

  /** Loads classes straight from the compilation's in-memory class files. */
  private static final class InMemoryLoader extends ClassLoader {
    private final Map<String, JavaFileObject> classes = new HashMap<>();

    InMemoryLoader(List<JavaFileObject> files) {
      super(Compiled.class.getClassLoader());
      for (JavaFileObject file : files) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = file.toUri().getPath();
          String name = path.substring(path.indexOf("CLASS_OUTPUT/") + 13, path.length() - 6);
          classes.put(name.replace('/', '.'), file);
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      JavaFileObject file = classes.get(name);
      if (file == null) {
        throw new ClassNotFoundException(name);
      }
      try (InputStream in = file.openInputStream()) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
