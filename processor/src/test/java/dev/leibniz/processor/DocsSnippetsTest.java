package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Java block of README.md and of the pages in docs/ compiles with the processor, so that
 * what a reader pastes works. A block is a compilation unit (it declares a type), members of a
 * class (it starts with an annotation or a modifier), or statements; a page's blocks compile
 * together, so statements may use the types its units declare. A comment on the line before a
 * block may say {@code <!-- given: double[] w = {1, 2}; -->}, declarations the statements
 * assume, {@code <!-- excerpt: path -->}: the block's lines are in that file, in order, or
 * {@code <!-- generated: p.CGradients -->}: its lines, one-line Javadoc aside, are in the source
 * Leibniz generates for the page's code, in order.
 */
class DocsSnippetsTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern BLOCK = Pattern.compile(
      "(?:<!-- (given|excerpt|generated): (.*?) -->\\n)?```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern UNIT = Pattern.compile(
      "(?m)^(package |import |(public |final |abstract )*(class|record|interface|enum) )");
  private static final Pattern MEMBERS = Pattern.compile(
      "^(@|public |private |protected |static |final )");

  @TestFactory
  Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
    var pages = new ArrayList<Path>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages.stream().map(page -> DynamicTest.dynamicTest(
        page.getFileName().toString(), () -> compiles(page)));
  }

  private static void compiles(Path page) {
    var sources = new ArrayList<String>();
    var wrapped = new ArrayList<String>();
    var generated = new ArrayList<String[]>();
    String pkg = null;
    Matcher m = BLOCK.matcher(read(page));
    int index = 0;
    while (m.find()) {
      String code = m.group(3);
      if ("excerpt".equals(m.group(1))) {
        assertInOrder(page + ": a line", code, read(ROOT.resolve(m.group(2))), m.group(2));
      } else if ("generated".equals(m.group(1))) {
        generated.add(new String[] {m.group(2), code});
      } else if (UNIT.matcher(code).find()) {
        sources.add(code);
        Matcher p = Pattern.compile("(?m)^package ([\\w.]+);").matcher(code);
        pkg = pkg != null ? pkg : p.find() ? p.group(1) : "";
      } else {
        String given = "given".equals(m.group(1)) ? m.group(2) : "";
        wrapped.add(wrap(code, given, "Snippet" + index++));
      }
    }
    String prefix = pkg == null ? "package snippets;\n" : pkg.isEmpty() ? ""
        : "package " + pkg + ";\n";
    for (String w : wrapped) {
      sources.add(prefix + w);
    }
    if (sources.isEmpty()) {
      return;
    }
    Compiled compiled = Compiled.compile(sources.toArray(String[]::new));
    for (String[] excerpt : generated) {
      String code = excerpt[1].lines().filter(l -> !l.strip().matches("/\\*\\*.*\\*/"))
          .reduce("", (a, b) -> a + b + "\n");
      assertInOrder(page + ": a generated line", code, compiled.generatedSource(excerpt[0]),
          excerpt[0]);
    }
  }

  /** Statements in a method, members in a class, with the imports a page takes for granted. */
  private static String wrap(String code, String given, String name) {
    String imports = "import dev.leibniz.*;\nimport dev.leibniz.check.*;\nimport java.util.*;\n";
    if (MEMBERS.matcher(code.strip()).find()) {
      return imports + "class " + name + " {\n" + code + "}\n";
    }
    return imports + "class " + name + " {\n  static void run() throws Exception {\n" + given
        + "\n" + code + "  }\n}\n";
  }

  /** Each non-blank line of {@code code} is a line of {@code text}, in the same order. */
  private static void assertInOrder(String what, String code, String text, String source) {
    List<String> lines = text.lines().map(String::strip).toList();
    int at = 0;
    for (String line : code.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      int found = lines.subList(at, lines.size()).indexOf(line);
      assertTrue(found >= 0, what + ", '" + line + "', is not in " + source + " after line "
          + at);
      at += found + 1;
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
