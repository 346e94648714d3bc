package dev.leibniz.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.UnaryOp;
import java.util.List;

/** Prints IR statements as Java statements into a JavaPoet code block. */
final class StatementPrinter {
  private StatementPrinter() {}

  static void print(List<Stmt> statements, CodeBlock.Builder out) {
    statements.forEach(s -> print(s, out));
  }

  static void print(Stmt stmt, CodeBlock.Builder out) {
    if (stmt instanceof Stmt.Declare d) {
      String type = d.var().type().javaName();
      if (d.init() == null) {
        out.addStatement("$L $N", type, d.var().name());
      } else {
        out.addStatement("$L $N = $L", type, d.var().name(), ExprPrinter.print(d.init()));
      }
    } else if (stmt instanceof Stmt.Assign a) {
      out.addStatement("$N = $L", a.target().name(), ExprPrinter.print(a.value()));
    } else if (stmt instanceof Stmt.Accumulate a) {
      accumulate(a, out);
    } else if (stmt instanceof Stmt.Return r) {
      out.addStatement("return $L", ExprPrinter.print(r.value()));
    } else if (stmt instanceof Stmt.Comment c) {
      out.add("// $L\n", c.text());
    } else if (stmt instanceof Stmt.Block b) {
      out.add("{\n").indent();
      print(b.statements(), out);
      out.unindent().add("}\n");
    } else if (stmt instanceof Stmt.If i) {
      out.beginControlFlow("if ($L)", ExprPrinter.print(i.condition()));
      print(i.then().statements(), out);
      if (!i.otherwise().statements().isEmpty()) {
        out.nextControlFlow("else");
        print(i.otherwise().statements(), out);
      }
      out.endControlFlow();
    }
  }

  /** {@code d += term}, or {@code d -= t} for a negated term. */
  private static void accumulate(Stmt.Accumulate a, CodeBlock.Builder out) {
    Expr term = a.value();
    if (term instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
      out.addStatement("$N -= $L", a.target().name(), ExprPrinter.print(u.operand()));
    } else {
      out.addStatement("$N += $L", a.target().name(), ExprPrinter.print(term));
    }
  }
}
