package dev.leibniz.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.UnaryOp;
import java.util.List;

/** Prints IR statements as Java statements into a JavaPoet code block. */
final class StatementPrinter implements Stmt.Visitor<Void> {
  /** Generated lines stay within this many columns, as the user's own code style asks. */
  static final int COLUMNS = 100;
  /** A method body's statements start here: the class's indent and the method's. */
  private static final int BODY_INDENT = 4;

  private final CodeBlock.Builder out;
  private final int depth;

  private StatementPrinter(CodeBlock.Builder out, int depth) {
    this.out = out;
    this.depth = depth;
  }

  static void print(List<Stmt> statements, CodeBlock.Builder out) {
    print(statements, out, 0);
  }

  static void print(Stmt stmt, CodeBlock.Builder out) {
    stmt.accept(new StatementPrinter(out, 0));
  }

  /** The statements, inside {@code depth} blocks of the method's body. */
  static void print(List<Stmt> statements, CodeBlock.Builder out, int depth) {
    var printer = new StatementPrinter(out, depth);
    statements.forEach(s -> s.accept(printer));
  }

  @Override
  public Void declare(Stmt.Declare d) {
    String type = d.var().type().javaName();
    if (d.init() == null) {
      out.addStatement("$L $N", type, d.var().name());
    } else {
      out.addStatement("$L $N =$W$L", type, d.var().name(),
          ExprPrinter.printAs(d.init(), d.var().type()));
    }
    return null;
  }

  @Override
  public Void returns(Stmt.Return r) {
    out.addStatement("return $L", ExprPrinter.print(r.value()));
    return null;
  }

  @Override
  public Void comment(Stmt.Comment c) {
    out.add("// $L\n", fitted(c.text(), COLUMNS - BODY_INDENT - 2 * depth - "// ".length()));
    return null;
  }

  @Override
  public Void block(Stmt.Block b) {
    out.add("{\n").indent();
    print(b.statements(), out, depth + 1);
    out.unindent().add("}\n");
    return null;
  }

  @Override
  public Void push(Stmt.Push p) {
    out.addStatement("$N.$N($L)", p.workspace().name(), p.stack().push(),
        ExprPrinter.print(p.value()));
    return null;
  }

  @Override
  public Void reserve(Stmt.Reserve r) {
    out.addStatement("$N.$N($L)", r.workspace().name(), r.stack().reserve().orElseThrow(),
        ExprPrinter.print(r.count()));
    return null;
  }

  @Override
  public Void release(Stmt.Release r) {
    out.addStatement("$N.release($L)", r.workspace().name(), ExprPrinter.print(r.array()));
    return null;
  }

  @Override
  public Void evaluate(Stmt.Evaluate e) {
    out.addStatement("$L", ExprPrinter.print(e.call()));
    return null;
  }

  @Override
  public Void write(Stmt.Write w) {
    out.addStatement("$L", ExprPrinter.print(w.call()));
    return null;
  }

  // break and continue are lowered to flags before the sweeps are built; printing one here
  // would change what the loop does, so it is an internal error instead.
  @Override
  public Void breaks(Stmt.Break s) {
    throw new IllegalStateException("a break reached the printer: " + s);
  }

  @Override
  public Void continues(Stmt.Continue s) {
    throw new IllegalStateException("a continue reached the printer: " + s);
  }

  /**
   * A source-line comment cut to {@code width} characters: its line number says where the whole
   * statement is.
   */
  private static String fitted(String text, int width) {
    int room = Math.max(width, 20);
    return text.length() <= room ? text : text.substring(0, room - 3) + "...";
  }

  /** {@code d += term}, or {@code d -= t} for a negated term. */
  @Override
  public Void accumulate(Stmt.Accumulate a) {
    Expr term = a.value();
    CodeBlock target = ExprPrinter.print(a.target());
    if (term instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
      out.addStatement("$L -=$W$L", target, ExprPrinter.printAs(u.operand(),
          a.target().type()));
    } else {
      out.addStatement("$L +=$W$L", target, ExprPrinter.printAs(term, a.target().type()));
    }
    return null;
  }

  /** {@code v = e}, or {@code v++} for a counter's step. */
  @Override
  public Void assign(Stmt.Assign a) {
    CodeBlock target = ExprPrinter.print(a.target());
    if (a.value() instanceof Expr.Binary b && b.left().equals(a.target())
        && b.right() instanceof Expr.Literal l && Integer.valueOf(1).equals(l.value())
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
      out.addStatement("$L$L", target, b.op() == BinaryOp.ADD ? "++" : "--");
    } else {
      out.addStatement("$L =$W$L", target, ExprPrinter.printAs(a.value(), a.target().type()));
    }
    return null;
  }

  @Override
  public Void branch(Stmt.If i) {
    out.beginControlFlow("if ($L)", ExprPrinter.print(i.condition()));
    Stmt.If branch = i;
    print(branch.then().statements(), out, depth + 1);
    // A branch that is all of another's otherwise reads as else if.
    while (branch.otherwise().statements().size() == 1
        && branch.otherwise().statements().get(0) instanceof Stmt.If next) {
      branch = next;
      out.nextControlFlow("else if ($L)", ExprPrinter.print(branch.condition()));
      print(branch.then().statements(), out, depth + 1);
    }
    if (!branch.otherwise().statements().isEmpty()) {
      out.nextControlFlow("else");
      print(branch.otherwise().statements(), out, depth + 1);
    }
    out.endControlFlow();
    return null;
  }

  /** A loop of the backward sweep, counting its forward twin's iterations. */
  @Override
  public Void repeat(Stmt.Repeat r) {
    String counter = r.counter().name();
    // Printed as a comparison, so that a count such as c ? m : n gets its parentheses.
    Expr test = new Expr.Binary(BinaryOp.LT, r.counter(), r.times(), Type.BOOLEAN);
    out.beginControlFlow("for (int $N = 0; $L; $N++)", counter, ExprPrinter.print(test),
        counter);
    print(r.body().statements(), out, depth + 1);
    out.endControlFlow();
    return null;
  }

  /** A loop with its update at the end of its body, as the forward sweep runs it. */
  @Override
  public Void loop(Stmt.Loop l) {
    CodeBlock condition = ExprPrinter.print(l.condition());
    if (l.testFirst()) {
      out.beginControlFlow("while ($L)", condition);
    } else {
      out.beginControlFlow("do");
    }
    print(l.body().statements(), out, depth + 1);
    print(l.update().statements(), out, depth + 1);
    if (l.testFirst()) {
      out.endControlFlow();
    } else {
      out.endControlFlow("while ($L)", condition);
    }
    return null;
  }
}
