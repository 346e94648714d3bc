package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Javadoc Leibniz writes is complete: {@code javadoc -Xdoclint:all} finds nothing to say
 * about a companion (every parameter, return value and record component described), also where
 * long references are broken across lines and for the methods of a private helper.
 */
class GeneratedJavadocTest {
  @Test
  void companionsPassDoclint(@TempDir Path dir) throws IOException {
    Path source = dir.resolve("src/doc/Model.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package doc;

        import dev.leibniz.Differentiable;
        import dev.leibniz.NoDerivative;

        /** A model. */
        public class Model {
          /** A weight. */
          public double weight = 2;

          /** Creates the model. */
          public Model() {}

          /**
           * A point.
           *
           * @param x abscissa
           * @param y ordinate
           * @param tag a name
           */
          public record Point(double x, float y, String tag) {
            /**
             * A method of the record.
             *
             * @return its length
             */
            @Differentiable
            public double length() {
              return Math.hypot(x, y);
            }
          }

          /**
           * Two doubles.
           *
           * @param a one
           * @param b another
           */
          public record Pair(double a, double b) {}

          /**
           * A method returning a record.
           *
           * @param p a pair
           * @param s a scale
           * @return the pair scaled
           */
          @Differentiable
          public static Pair scaledPair(Pair p, double s) {
            return new Pair(p.a() * s, p.b() + s);
          }

          /**
           * A vector and a number.
           *
           * @param q the vector
           * @param t the number
           */
          public record Chain(double[] q, double t) {}

          /**
           * A method returning a record of a vector.
           *
           * @param c a chain
           * @param s a scale
           * @return the chain scaled
           */
          @Differentiable
          public static Chain scaledChain(Chain c, double s) {
            double[] q = new double[c.q().length];
            for (int i = 0; i < q.length; i++) {
              q[i] = c.q()[i] * s;
            }
            return new Chain(q, c.t() + s);
          }

          /**
           * A method returning an array of records.
           *
           * @param ps pairs
           * @param s a scale
           * @return the pairs scaled
           */
          @Differentiable
          public static Pair[] scaledPairs(Pair[] ps, double s) {
            Pair[] out = new Pair[ps.length];
            for (int i = 0; i < ps.length; i++) {
              out[i] = new Pair(ps[i].a() * s, ps[i].b());
            }
            return out;
          }

          /**
           * A method of records and floats.
           *
           * @param p a point
           * @param q another
           * @param s a scale
           * @return a number
           */
          @Differentiable
          public static double spread(Point p, Point q, float s) {
            Point mid = new Point(0.5 * (p.x() + q.x()), p.y() * s, "mid");
            return mid.x() * mid.y() + squaredNorm(mid);
          }

          /**
           * A callee of records.
           *
           * @param p a point
           * @return its squared norm
           */
          @Differentiable
          public static double squaredNorm(Point p) {
            return p.x() * p.x() + p.y() * p.y();
          }

          /**
           * A loss.
           *
           * @param x an input
           * @param w weights
           * @param data data
           * @return the loss
           */
          @Differentiable
          public double loss(double x, double[] w, @NoDerivative double[] data) {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
              s += Math.sin(w[i] * x) * data[i] * weight;
            }
            return s + squared(x);
          }

          private static double squared(double x) {
            return x * x;
          }

          /**
           * A vector-valued method.
           *
           * @param a a vector
           * @param s a scale
           * @return the scaled vector
           */
          @Differentiable(order = 2)
          public static double[] scaled(double[] a, double s) {
            double[] r = new double[a.length];
            for (int i = 0; i < a.length; i++) {
              r[i] = s * a[i];
            }
            return r;
          }

          /**
           * A method writing into its array.
           *
           * @param t a time
           * @param y a state
           * @param dy receives the rate
           */
          @Differentiable(order = 2)
          public static void rate(double t, double[] y, double[] dy) {
            dy[0] = t * y[0];
          }

          /**
           * A method of order 2, calling one.
           *
           * @param x an input
           * @param w weights
           * @return a number
           */
          @Differentiable(order = 2)
          public static double curved(double x, double[] w) {
            double[] dy = new double[1];
            rate(x, scaled(w, x), dy);
            return Math.exp(x * w[0]) + cube(x) + dy[0];
          }

          /**
           * A callee of order 2.
           *
           * @param x an input
           * @return its cube
           */
          @Differentiable(order = 2)
          public static double cube(double x) {
            return x * x * x;
          }

          /**
           * A method whose reference in Javadoc is too long for one line.
           *
           * @param theFirstParameterWithALongName a
           * @param theSecondParameterWithALongName b
           * @param theObservationsWithALongName c
           * @return a number
           */
          @Differentiable
          public static double logLikelihoodOfTheObservationsWithALongName(
              double theFirstParameterWithALongName, double theSecondParameterWithALongName,
              double[] theObservationsWithALongName) {
            return theFirstParameterWithALongName * theSecondParameterWithALongName
                * theObservationsWithALongName[0];
          }
        }
        """);
    Path generated = Files.createDirectories(dir.resolve("generated"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    var classpath = System.getProperty("java.class.path");
    var output = new StringWriter();
    JavaCompiler.CompilationTask task = javac.getTask(output, null, null,
        List.of("-d", Files.createDirectories(dir.resolve("classes")).toString(),
            "-s", generated.toString(), "-classpath", classpath), null,
        javac.getStandardFileManager(null, null, null).getJavaFileObjects(source));
    task.setProcessors(List.of(new DifferentiableProcessor()));
    assertTrue(task.call(), output.toString());

    List<Path> sources = new ArrayList<>(List.of(source));
    try (Stream<Path> files = Files.walk(generated)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
    }
    assertEquals(3, sources.size(), "the model, its companion and its record's");
    DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
    var diagnostics = new DiagnosticCollector<JavaFileObject>();
    var fileManager = javadoc.getStandardFileManager(null, null, null);
    boolean documented = javadoc.getTask(new StringWriter(), fileManager, diagnostics, null,
        List.of("-Xdoclint:all", "-quiet", "-classpath", classpath,
            "-d", dir.resolve("docs").toString()), fileManager.getJavaFileObjectsFromPaths(sources))
        .call();
    List<String> complaints = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING)
        .map(Object::toString)
        .toList();
    assertTrue(documented && complaints.isEmpty(), String.join("\n", complaints));
  }
}
