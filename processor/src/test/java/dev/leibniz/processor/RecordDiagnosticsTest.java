package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What records cannot do yet: each an error of Leibniz's at the line of its cause, with the
 * reason, never a constant in silence.
 */
class RecordDiagnosticsTest {
  private static JavaFileObject file;
  private static Compilation compilation;

  @BeforeAll
  static void compile() {
    file = Compiled.file("""
        package rc;

        import dev.leibniz.Differentiable;

        record V(double x, double y) {
          @Differentiable
          double[] both(V[] others) {
            double[] r = {x, others[0].y()};
            return r;
          }
        }

        class Bad {
          @Differentiable
          static void second(V v, double[] out) {
            out[0] = v.x();
          }
          @Differentiable
          static double passes(V v) {
            return helper(v);
          }
          static double helper(V v) {
            return v.x();
          }
          @Differentiable
          static double built(double a) {
            V v = make(a);
            return v.x();
          }
          static V make(double a) {
            return new V(a, a);
          }
          @Differentiable
          static double renamed(V[] vs) {
            V[] copy = new V[vs.length];
            copy = vs;
            return copy[0].x() + vs[0].y();
          }
        }

        class Holder {
          record Outer(V[] inner, double t) {}
          @Differentiable
          static double held(Outer[] os) {
            return os[0].t();
          }
        }

        class More {
          record Named(double x, String name) {}
          @Differentiable
          static double unset(double a) {
            V v;
            return a;
          }
          @Differentiable
          static double aliased(V[] vs) {
            V[] other = {vs[0]};
            return other[0].x();
          }
          @Differentiable
          static double loopVariable(V[] vs) {
            double s = 0;
            for (V v : vs) {
              v = new V(1, 2);
              s += v.x();
            }
            return s;
          }
          @Differentiable
          static double holding(V[] vs, double t) {
            Holder.Outer o = new Holder.Outer(new V[2], t);
            return o.t();
          }
          @Differentiable
          static Named named(double a) {
            return new Named(a, "n");
          }
          @Differentiable
          static double text(Named[] ns) {
            return ns[0].name().length() * ns[0].x();
          }
          @Differentiable
          static double same(V v, V w) {
            return v == w ? v.x() : w.y();
          }
        }

        class Vectors {
          record S(double[] q, double t) {}
          @Differentiable
          static double writesRecord(double[] q0) {
            S s = new S(q0, 1);
            s.q()[0] = 2;
            return s.q()[0];
          }
          @Differentiable
          static double writesAfter(double[] q0) {
            double[] q = q0.clone();
            S s = new S(q, 1);
            q[1] = 3;
            return s.q()[1] + q[1];
          }
          @Differentiable
          static double writesInLoop(double[] q0) {
            double[] q = q0.clone();
            S s = new S(q0, 0);
            for (int k = 0; k < 3; k++) {
              q[0] = s.q()[0] * 2;
              s = new S(q, k);
            }
            return s.q()[0];
          }
          @Differentiable
          static double keepsOld(double[] q0) {
            S s = new S(q0, 1);
            double[] old = s.q();
            s = new S(q0, 2);
            return old[0];
          }
          record M(double[][] m) {}
          @Differentiable
          static M matrix(double[][] m) {
            return new M(m);
          }
        }

        class Constructors {
          record Unit(double x, double y) {
            Unit {
              double n = Math.hypot(x, y);
              x /= n;
              y /= n;
            }
          }
          record Twice(double x, double y) {
            Twice(double a) {
              this(a, 2 * a);
            }
          }
          @Differentiable
          static double unit(double a, double b) {
            Unit u = new Unit(a, b);
            return u.x();
          }
          @Differentiable
          static double parameter(Unit u) {
            return u.x();
          }
          @Differentiable
          static double twice(double a) {
            Twice t = new Twice(a);
            return t.y();
          }
          record Doubled(double x) {
            public double x() {
              return 2 * x;
            }
          }
          @Differentiable
          static double doubled(Doubled d) {
            return d.x();
          }
          record Counted(double x, long n) {}
          @Differentiable
          static Counted[] moved(Counted[] cs) {
            return cs;
          }
        }

        class Shared {
          record S(double[] q, double t) {}
          record B(double x, double v) {}
          @Differentiable
          static double viaName(double[] q0) {
            S s = new S(q0, 1);
            double[] qq = s.q();
            qq[0] = 1;
            return s.q()[0];
          }
          @Differentiable
          static double sharedNext(B[] bs) {
            B[] state = new B[bs.length];
            B[] next = new B[bs.length];
            for (int k = 0; k < 3; k++) {
              for (int i = 0; i < bs.length; i++) {
                next[i] = new B(bs[i].x() * k, bs[i].v());
              }
              state = next;
            }
            return state[0].x();
          }
        }

        class Chosen {
          record P(double x, double y) {}
          @Differentiable
          static double norm(P p) {
            return p.x() * p.y();
          }
          @Differentiable
          static double argument(P a, P b) {
            return norm(a.x() > 0 ? a : b);
          }
          @Differentiable
          static P[] pick(P[] ps, int k) {
            return ps;
          }
          static double[] pick(P[] ps, double k) {
            return new double[] {k};
          }
          @Differentiable
          static double overloaded(P[] ps) {
            P[] s = pick(ps, 1);
            return s[0].x();
          }
          @Differentiable
          static double chosenArray(P[] ps) {
            P[] s = new P[ps.length];
            s = ps.length > 1 ? ps : s;
            return s[0].x();
          }
        }
        """);
    compilation = Compiled.compilation(file);
  }

  @Test
  void combinationsOfArraysOfRecordsAreErrors() {
    assertThat(compilation).hadErrorContaining("an array of records holding arrays of records")
        .inFile(file).onLine(44);
    assertThat(compilation).hadErrorContaining("'vs' is used after it was given to another"
        + " array of records on line 36").inFile(file).onLine(37);
    assertThat(compilation).hadErrorContaining("a local array of records is declared with new")
        .inFile(file).onLine(58);
    assertThat(compilation).hadErrorContaining("it is the element of an array of records a"
        + " for-each loop is at").inFile(file).onLine(65);
    assertThat(compilation).hadErrorContaining("Leibniz builds a record holding an array of"
        + " records from a local or parameter array of records").inFile(file).onLine(72);
  }

  @Test
  void recordsWhereTheyCannotGoAreErrors() {
    assertThat(compilation).hadErrorContaining("a record passed to a method that is not"
        + " @Differentiable would lose its derivative there")
        .inFile(file).onLine(20);
    assertThat(compilation).hadErrorContaining("Leibniz follows a record built with new")
        .inFile(file).onLine(27);
    assertThat(compilation).hadErrorContaining("a record local is given its value where it is"
        + " declared").inFile(file).onLine(53);
    assertThat(compilation).hadErrorContaining("a record a method returns is read as its"
        + " components, which must be numbers or vectors").inFile(file).onLine(76);
    assertThat(compilation).hadErrorContaining("Leibniz reads the components of a record that"
        + " are numbers").inFile(file).onLine(81);
    assertThat(compilation).hadErrorContaining("it is a record, which Leibniz reads component"
        + " by component").inFile(file).onLine(85);
  }

  @Test
  void writesThatWouldTellARecordsCopyFromJavasSharedArrayAreErrors() {
    assertThat(compilation).hadErrorContaining("[LZ136] 's.q()[0] = 2' could tell the copy"
        + " Leibniz keeps of a record's array").inFile(file).onLine(94);
    assertThat(compilation).hadErrorContaining("it is s.q(); a record's arrays are read, not"
        + " written").inFile(file).onLine(94);
    assertThat(compilation).hadErrorContaining("the record built from it on line 100 would not"
        + " see this write").inFile(file).onLine(101);
    assertThat(compilation).hadErrorContaining("the record built from it on line 110 would not"
        + " see this write").inFile(file).onLine(109);
    assertThat(compilation).hadErrorContaining("'s.q()' is reassigned while another variable"
        + " names its array").inFile(file).onLine(118);
    assertThat(compilation).hadErrorContaining("a record a method returns is read as its"
        + " components").inFile(file).onLine(123);
  }

  @Test
  void recordsWhoseConstructorsOrAccessorsChangeTheirComponentsAreErrors() {
    assertThat(compilation).hadErrorContaining("the canonical constructor of Unit changes or"
        + " checks its components (double n = Math.hypot(x, y))").inFile(file).onLine(143);
    assertThat(compilation).hadErrorContaining("'u' cannot be read as a record value: the"
        + " canonical constructor of Unit").inFile(file).onLine(147);
    assertThat(compilation).hadErrorContaining("Leibniz reads new Twice(…) through the canonical"
        + " constructor").inFile(file).onLine(152);
    assertThat(compilation).hadErrorContaining("the accessor x() of Doubled computes its value")
        .inFile(file).onLine(161);
    assertThat(compilation).hadErrorContaining("a method returning an array of records is"
        + " read as the arrays of their components, which must be double, float or int")
        .inFile(file).onLine(166);
  }

  @Test
  void writesThroughNamesAndArraysSharedAcrossIterationsAreErrors() {
    assertThat(compilation).hadErrorContaining("it is s.q(); a record's arrays are read")
        .inFile(file).onLine(178);
    assertThat(compilation).hadErrorContaining("'next' is used after it was given to another"
        + " array of records on line 189").inFile(file).onLine(187);
  }

  @Test
  void recordsFromWhereLeibnizDoesNotFollowThemAreErrors() {
    assertThat(compilation).hadErrorContaining("Leibniz follows a record chosen by ?: as the"
        + " value of a record local: R v = c ? a : b").inFile(file).onLine(203);
    assertThat(compilation).hadErrorContaining("Leibniz gives an array of records the array of"
        + " records of its type a @Differentiable method returns").inFile(file).onLine(214);
    assertThat(compilation).hadErrorContaining("Leibniz gives an array of records another local"
        + " or parameter array of records of its type").inFile(file).onLine(220);
  }
}
