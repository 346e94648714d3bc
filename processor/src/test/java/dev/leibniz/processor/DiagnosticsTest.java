package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.leibniz.processor.diag.Message;
import java.util.Arrays;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every diagnostic, pinned to its file and line. A test source marks the line each error belongs
 * to with a comment naming the message id, such as {@code // LZ106}.
 */
class DiagnosticsTest {

  @Test
  void unsupportedStatement() {
    assertErrors(method("try { x = 2 * x; } finally { x = 1; } // LZ101", "return x;"),
        Message.UNSUPPORTED_STATEMENT, "a try statement");
  }

  @Test
  void unsupportedExpressions() {
    assertErrors(method("double y = x + (short) 1; // LZ102", "return y;"),
        Message.UNSUPPORTED_EXPRESSION, "cannot differentiate '(short)1' (type cast)");
    assertErrors(method("Runnable r = () -> {}; // LZ103", "return x;"),
        Message.UNSUPPORTED_LOCAL_TYPE, "local variable 'r' has type Runnable");
    assertErrors(method("int b = 3 & 1; // LZ102", "return x * b;"),
        Message.UNSUPPORTED_EXPRESSION, "'3 & 1' (and)");
  }

  @Test
  void unsupportedParameterType() {
    assertErrors(
        "package d; import dev.leibniz.Differentiable;\n"
            + "class C {\n"
            + "  @Differentiable static double f(double x, Object[] o) { // LZ105\n"
            + "    return x;\n"
            + "  }\n"
            + "}\n",
        Message.UNSUPPORTED_PARAMETER_TYPE, "parameter 'o' has type java.lang.Object[]");
  }

  @Test
  void unknownFunctionSuggestsARule() {
    assertErrors(
        method("return helper(x); // LZ106")
            .replace("class C {", "class C { static double helper(double x) { return x; }"),
        Message.UNKNOWN_FUNCTION, "call to 'C.helper' cannot be differentiated");
    assertErrors(method("return Double.sum(x, 1); // LZ106"),
        Message.UNKNOWN_FUNCTION, "@DerivativeOf");
  }

  @Test
  void wrongArgumentCount() {
    assertErrors(method("return Math.atan2(x); // LZ107"),
        Message.WRONG_ARGUMENT_COUNT, "'Math.atan2' takes 2 argument(s) here, not 1");
  }

  @Test
  void unresolvedNamesAndPrivateFields() {
    assertErrors(method("return x * nowhere; // LZ108"),
        Message.UNRESOLVED_NAME, "cannot resolve 'nowhere'");
    assertErrors(
        "package d; import dev.leibniz.Differentiable;\n"
            + "class C {\n"
            + "  private static double hidden = 2;\n"
            + "  @Differentiable static double f(double x) {\n"
            + "    return x * hidden; // LZ109\n"
            + "  }\n"
            + "}\n",
        Message.PRIVATE_MEMBER, "'hidden' is private and neither a compile-time constant nor a"
            + " static final number computed from constants, so the generated CGradients cannot"
            + " use it");
  }

  @Test
  void signatureMisuse() {
    assertErrors(
        "package d; import dev.leibniz.Differentiable;\n"
            + "abstract class C {\n"
            + "  @Differentiable static int f(double x) { return 1; } // LZ110\n"
            + "  @Differentiable abstract double g(double x); // LZ111\n"
            + "  @Differentiable native double h(double x); // LZ111\n"
            + "  @Differentiable static <T> double k(double x) { return x; } // LZ115\n"
            + "  @Differentiable static double m(double x, double X) { return x; } // LZ117\n"
            + "  private static class Hidden {\n"
            + "    @Differentiable static double n(double x) { return x; } // LZ116\n"
            + "  }\n"
            + "}\n",
        null, "");
    assertErrors(
        "package d; import dev.leibniz.Differentiable;\n"
            + "interface I {\n"
            + "  @Differentiable static double f(double x) { return x; } // LZ112\n"
            + "}\n",
        Message.IN_INTERFACE, "declared in an interface");
  }

  @Test
  void returnsAndAssignments() {
    assertErrors(method("x = 2;", "throw new IllegalStateException(); // LZ101"),
        Message.UNSUPPORTED_STATEMENT, "a throw statement");
    assertErrors(method("x = 1;", "assert x > 0; // LZ101", "return x;"),
        Message.UNSUPPORTED_STATEMENT, "an assert statement");
    assertErrors(
        "package d; import dev.leibniz.Differentiable;\n"
            + "class C {\n"
            + "  static double field;\n"
            + "  @Differentiable static double f(double x) {\n"
            + "    field = x; // LZ118\n"
            + "    return x;\n"
            + "  }\n"
            + "}\n",
        Message.ASSIGNMENT_TARGET, "not to 'field");
    assertErrors(method("double[] a = {x};", "double[] b = a = new double[1]; // LZ119",
        "return b[0];"), Message.NESTED_ASSIGNMENT, "'a = new double[1]'");
  }

  @Test
  void arrayNamesLeibnizCannotFollow() {
    assertErrors(
        "package d; import dev.leibniz.Differentiable;\n"
            + "class C {\n"
            + "  @Differentiable static double f(double[] w, double[][] m, double x) {\n"
            + "    double[] v = w;\n"
            + "    double[] row = new double[2];\n"
            + "    w = m[0]; // LZ120\n"
            + "    for (double r : m) { } // LZ121\n"
            + "    int[] counts = new int[3]; // LZ103\n"
            + "    return w[0] + v[0];\n"
            + "  }\n"
            + "}\n",
        Message.ARRAY_ALIAS, "'w' holds an array of its own: give the other array a new"
            + " variable");
  }

  @Test
  void callsThatWouldLoseADerivative() {
    assertErrors(
        "package d; import dev.leibniz.Differentiable; import dev.leibniz.NoDerivative;\n"
            + "class C {\n"
            + "  @Differentiable static double g(double a, @NoDerivative double b) { return a * b; }\n"
            + "  static double plain(double a) { return a * a; }\n"
            + "  @Differentiable static double f(double x) {\n"
            + "    double y = g(1.0, x); // LZ122\n"
            + "    return y + plain(x); // LZ106\n"
            + "  }\n"
            + "}\n",
        Message.CONSTANT_PARAMETER, "argument 2 of 'g' depends on a differentiable input");
  }

  @Test
  void callsLeibnizCannotMake() {
    assertErrors(
        "package d; import dev.leibniz.Differentiable;\n"
            + "class C {\n"
            + "  private static int hidden(int a) { return a; }\n"
            + "  @Differentiable static double writes(double[] w) { w[0] = 1; return w[1]; }\n"
            + "  @Differentiable static double f(double x, double[] w) {\n"
            + "    return x * hidden(2) // LZ109\n"
            + "        + writes(w); // LZ125\n"
            + "  }\n"
            + "}\n",
        Message.CALLEE_WRITES_ARRAY, "'writes' writes into its array parameter 'w'");
  }

  @Test
  void ruleMisuseIsReportedAtTheRule() {
    assertErrors(
        "package d; import dev.leibniz.DerivativeOf;\n"
            + "class Rules {\n"
            + "  static double f(double x) { return x; }\n"
            + "  static double g(double a, double b) { return a * b; }\n"
            + "  static int h(int k) { return k; }\n"
            + "  @DerivativeOf(type = Rules.class, method = \"missing\")\n"
            + "  static double a(double x) { return 1; } // LZ123\n"
            + "  @DerivativeOf(type = Rules.class, method = \"f\")\n"
            + "  static double b(double x, double y) { return 1; } // LZ124\n"
            + "  @DerivativeOf(type = Rules.class, method = \"g\")\n"
            + "  static double c(double a, double b) { return 1; } // LZ124\n"
            + "  @DerivativeOf(type = Rules.class, method = \"f\")\n"
            + "  double d(double x) { return 1; } // LZ124\n"
            + "  @DerivativeOf(type = Rules.class, method = \"h\")\n"
            + "  static int e(int k) { return 0; } // LZ126\n"
            + "}\n",
        Message.RULE_SIGNATURE, "a double[] to fill with the partial derivatives");
  }

  @Test
  void noDerivativeWhereItChangesNothingIsAWarningAtTheParameter() {
    JavaFileObject file = Compiled.file(
        "package d; import dev.leibniz.Differentiable; import dev.leibniz.NoDerivative;\n"
            + "class C {\n"
            + "  @Differentiable static double f(double x,\n"
            + "      @NoDerivative int k) { return x * k; }\n"
            + "  static double g(@NoDerivative double y) { return y; }\n"
            + "}\n");
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadWarningContaining("[LZ127] @NoDerivative on 'k' means nothing on a"
        + " parameter of type int").inFile(file).onLine(4);
    assertThat(compilation).hadWarningContaining("[LZ127] @NoDerivative on 'y' means nothing on a"
        + " method that is not @Differentiable").inFile(file).onLine(5);
  }

  @Test
  void collectionsAreNamedAsTheCause() {
    assertErrors(
        "package d; import dev.leibniz.Differentiable; import java.util.List;\n"
            + "class C {\n"
            + "  @Differentiable static double g(double x, List<Double> weights) {\n"
            + "    return x * weights.get(0); // LZ130\n"
            + "  }\n"
            + "}\n",
        Message.COLLECTION, "'weights' is a java.util.List<java.lang.Double>: Leibniz"
            + " differentiates numbers and arrays of double, not collections");
  }

  @Test
  void aGenericMethodIsOneError() {
    assertErrors(
        "package d; import dev.leibniz.Differentiable;\n"
            + "class C {\n"
            + "  @Differentiable static <T> double h(double x, T tag) { // LZ115\n"
            + "    return tag == null ? x : 2 * x;\n"
            + "  }\n"
            + "}\n",
        Message.GENERIC_METHOD, "has type parameters");
  }

  @Test
  void referencesComparedWithNullDecideBranches() {
    Compiled compiled = Compiled.compile(
        "package d; import dev.leibniz.Differentiable;\n"
            + "public class Tags {\n"
            + "  @Differentiable static double f(double x, String tag) {\n"
            + "    if (tag == null) {\n"
            + "      return x * x;\n"
            + "    }\n"
            + "    return tag != null ? 3 * x : x;\n"
            + "  }\n"
            + "}\n");
    assertEquals(2 * 1.5, Gradients.valueAndGradient(
        compiled.call("d.TagsGradients", "f", 1.5, null))[1], 0.0);
    assertEquals(3.0, Gradients.valueAndGradient(
        compiled.call("d.TagsGradients", "f", 1.5, "t"))[1], 0.0);
  }

  @Test
  void oneErrorPerCauseForBoxedNumbersAndShortLocals() {
    assertErrors(
        "package d; import dev.leibniz.Differentiable;\n"
            + "class C {\n"
            + "  @Differentiable static double f(Double x, double y) {\n"
            + "    return x * y; // LZ129\n"
            + "  }\n"
            + "  @Differentiable static double g(double x) {\n"
            + "    short f = 2; // LZ103\n"
            + "    double s = x * f + f;\n"
            + "    return s * f;\n"
            + "  }\n"
            + "}\n",
        Message.BOXED_NUMBER, "'x' is a boxed java.lang.Double: Leibniz computes with primitive"
            + " numbers; declare it double");
  }

  @Test
  void ruleForAMathFunctionWithARuleOfLeibnizsOwnIsReportedUnused() {
    JavaFileObject file = Compiled.file(
        "package d;\n"
            + "import dev.leibniz.DerivativeOf;\n"
            + "class Rules {\n"
            + "  @DerivativeOf(type = Math.class, method = \"fma\")\n"
            + "  static void fmaPartials(double a, double b, double c, double[] p) {}\n"
            + "}\n");
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).hadWarningContaining("[LZ128] Leibniz differentiates"
        + " 'java.lang.Math.fma' with a rule of its own").inFile(file).onLine(5);
  }

  @Test
  void methodsOfLocalAndAnonymousClassesCannotBeNamedByGeneratedCode() {
    assertErrors(
        "package d; import dev.leibniz.Differentiable;\n"
            + "class C {\n"
            + "  @Differentiable static double h(double x) { return x; }\n"
            + "  static Object make() {\n"
            + "    class Local {\n"
            + "      @Differentiable double f(double x) { return x; } // LZ116\n"
            + "    }\n"
            + "    return new Object() {\n"
            + "      @Differentiable double g(double x) { return x; } // LZ116\n"
            + "    };\n"
            + "  }\n"
            + "}\n",
        Message.INACCESSIBLE_CLASS, "local");
  }

  @Test
  void everyErrorOfAMethodIsReportedAndNoCodeIsWritten() {
    String source = method(
        "double a = unknownA; // LZ108",
        "double b = Math.nope(x); // LZ106",
        "short c = 1; // LZ103",
        "return a + b;");
    assertErrors(source, null, "");
    assertTrue(generated(source).isEmpty());
  }

  @Test
  void otherMethodsOfTheClassStillGetCode() {
    String source =
        "package d; import dev.leibniz.Differentiable;\n"
            + "class C {\n"
            + "  @Differentiable static double good(double x) { return x * x; }\n"
            + "  @Differentiable static double bad(double x) { return x * missing; } // LZ108\n"
            + "}\n";
    assertErrors(source, null, "");
    assertEquals(List.of("CGradients.java"), generated(source));
  }

  /** The names of the sources the processor writes for {@code source}, errors or not. */
  private static List<String> generated(String source) {
    return SourceOutput.generatedBy(Compiled.file(source));
  }

  /** A class {@code d.C} with one method {@code f(double x)} whose body is {@code lines}. */
  private static String method(String... lines) {
    return "package d; import dev.leibniz.Differentiable;\n"
        + "class C {\n"
        + "  @Differentiable static double f(double x) {\n    "
        + String.join("\n    ", lines) + "\n"
        + "  }\n"
        + "}\n";
  }

  /**
   * Compiles {@code source} and asserts exactly one error of Leibniz per marked line, with the
   * marked message id; if {@code message} is given, its errors also contain {@code text}.
   */
  private static Compilation assertErrors(String source, Message message, String text) {
    JavaFileObject file = Compiled.file(source);
    Compilation compilation = Compiled.compilation(file);
    assertThat(compilation).failed();
    List<String> lines = Arrays.asList(source.split("\n", -1));
    long leibnizErrors =
        compilation.errors().stream().filter(e -> e.getMessage(null).startsWith("[LZ")).count();
    long marked = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int mark = line.indexOf("// LZ");
      while (mark >= 0) {
        String id = line.substring(mark + 3, mark + 8);
        assertThat(compilation).hadErrorContaining("[" + id + "]").inFile(file).onLine(i + 1);
        marked++;
        mark = line.indexOf("// LZ", mark + 1);
      }
    }
    assertEquals(marked, leibnizErrors, "Leibniz errors: " + compilation.errors());
    if (message != null) {
      assertThat(compilation).hadErrorContaining("[" + message.id() + "]");
      assertThat(compilation).hadErrorContaining(text);
    }
    assertTrue(compilation.errors().stream().allMatch(DiagnosticsTest::positioned));
    return compilation;
  }

  private static boolean positioned(Diagnostic<? extends JavaFileObject> d) {
    return d.getSource() != null && d.getLineNumber() > 0;
  }
}
