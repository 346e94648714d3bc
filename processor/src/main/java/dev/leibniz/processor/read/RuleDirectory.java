package dev.leibniz.processor.read;

import dev.leibniz.processor.ir.Callee;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Where the {@code @DerivativeOf} rules of a compilation are listed for later compilations:
 * one resource per class whose functions have rules,
 * {@code dev/leibniz/rules/<binary name of that class>}, each line a function's name and
 * its rule ({@code erf com.acme.rules.SpecialRules#erfDerivative}).
 *
 * <p>A jar's rules are visible only through {@code @UseRules}; the listing is how a call of a
 * function whose rule is in a jar, but not visible, gets an error that says where the rule is
 * rather than one that says to write it.
 */
public final class RuleDirectory {
  /** javac reads resources of jars only in folders named like packages: not META-INF. */
  private static final String FOLDER = "dev/leibniz/rules/";

  private final Elements elements;
  private final Map<String, TreeSet<String>> listed = new TreeMap<>();

  public RuleDirectory(Elements elements) {
    this.elements = elements;
  }

  /** Lists {@code rule}, a rule for {@code target}'s function {@code method}. */
  public void add(ExecutableElement rule, TypeElement target, String method) {
    var owner = (TypeElement) rule.getEnclosingElement();
    listed.computeIfAbsent(elements.getBinaryName(target).toString(), t -> new TreeSet<>())
        .add(method + " " + elements.getBinaryName(owner) + "#" + rule.getSimpleName());
  }

  /** Writes the listings of the rules added into the class output, one resource per class. */
  public void write(Filer filer) throws IOException {
    for (var entry : listed.entrySet()) {
      FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "",
          FOLDER + entry.getKey());
      try (Writer out = file.openWriter()) {
        for (String line : entry.getValue()) {
          out.write(line + "\n");
        }
      }
    }
    listed.clear();
  }

  /** The rule a jar on the class path lists for {@code target}'s {@code method}, if one does. */
  static Optional<Callee.ListedRule> listedRule(Filer filer, Elements elements,
      TypeElement target, String method) {
    try {
      FileObject file = filer.getResource(StandardLocation.CLASS_PATH, "",
          FOLDER + elements.getBinaryName(target));
      return file.getCharContent(true).toString().lines()
          .filter(line -> line.startsWith(method + " "))
          .map(line -> line.substring(method.length() + 1).split("#"))
          .map(rule -> new Callee.ListedRule(rule[0].replace('$', '.'), rule[1]))
          .findFirst();
    } catch (IOException | IllegalArgumentException | UnsupportedOperationException none) {
      return Optional.empty();
    }
  }
}
