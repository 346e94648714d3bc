package dev.leibniz.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.leibniz.processor.ir.AdjointMethod;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * The block tags of generated Javadoc ({@code @param}, {@code @return}), so that the companion
 * is complete under {@code javadoc -Xdoclint:all}.
 */
final class Docs {
  /** Javadoc lines stay within the columns left after a member's indent and {@code " * "}. */
  private static final int WIDTH = StatementPrinter.COLUMNS - 5;

  private Docs() {}

  /** The Javadoc {@code format} describes, its long lines broken to fit. */
  static CodeBlock wrap(String format, Object... args) {
    return wrap(CodeBlock.of(format, args));
  }

  /**
   * {@code doc} with each line longer than {@link #WIDTH} broken at spaces. A break never puts
   * {@code @} first on a line, where Javadoc would read a block tag.
   */
  static CodeBlock wrap(CodeBlock doc) {
    var out = new StringBuilder();
    String[] lines = doc.toString().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append('\n');
      }
      String line = lines[i];
      int start = 0;
      for (int cut : breaks(line)) {
        out.append(line, start, cut).append('\n');
        start = cut + 1;
      }
      out.append(line, start, line.length());
    }
    return CodeBlock.of("$L", out);
  }

  /**
   * Where to break {@code line}: greedily, at the last usable space that keeps each piece within
   * the width, or at the first one after it when a piece cannot fit.
   */
  private static List<Integer> breaks(String line) {
    List<Integer> spaces = usableSpaces(line);
    var cuts = new ArrayList<Integer>();
    int start = 0;
    while (line.length() - start > WIDTH) {
      int cut = -1;
      for (int space : spaces) {
        if (space <= start) {
          continue;
        }
        if (space - start > WIDTH && cut >= 0) {
          break;
        }
        cut = space;
      }
      if (cut < 0) {
        break;
      }
      cuts.add(cut);
      start = cut + 1;
    }
    return cuts;
  }

  /**
   * The spaces a line may break at. Not inside an inline tag such as {@code {@code a + b}}, so
   * that tags stay whole, except between the parameter types of a {@code {@link}}, where Javadoc
   * allows a break; never before {@code @} or another space.
   */
  private static List<Integer> usableSpaces(String line) {
    var spaces = new ArrayList<Integer>();
    int braces = 0;
    int parentheses = 0;
    for (int i = 0; i + 1 < line.length(); i++) {
      char c = line.charAt(i);
      braces += c == '{' ? 1 : c == '}' ? -1 : 0;
      parentheses += c == '(' ? 1 : c == ')' ? -1 : 0;
      boolean usable = i > 0 && c == ' ' && (braces == 0 || parentheses > 0)
          && line.charAt(i + 1) != '@' && line.charAt(i + 1) != ' ';
      if (usable) {
        spaces.add(i);
      }
    }
    return spaces;
  }

  /** {@code @param} for the result record's components. */
  static CodeBlock components(AdjointMethod method) {
    CodeBlock.Builder doc = CodeBlock.builder().add("\n@param value the method's value\n");
    for (Declared.Parameter p : Declared.differentiable(method.primal())) {
      doc.add(method.primal().returnType().isFloating()
              ? "@param $N the partial derivatives with respect to {@code $N}\n"
              : "@param $N the block of the Jacobian for {@code $N}, output index first\n",
          Declared.accessor(p), p.name());
    }
    return doc.build();
  }

  /**
   * {@code @param} for the method's own parameters, then, if asked, the pullback's adjoints and
   * the workspace.
   */
  static CodeBlock parameters(AdjointMethod method, boolean adjoints, boolean workspace) {
    return parameters(method, adjoints, workspace, true);
  }

  /**
   * As above; with {@code declared} false, for a method taking a record parameter's
   * components (the halves), one {@code @param} per component.
   */
  static CodeBlock parameters(AdjointMethod method, boolean adjoints, boolean workspace,
      boolean declared) {
    CodeBlock.Builder doc = declared ? primalParameters(method.primal())
        : componentParameters(method.primal());
    if (adjoints && method.upstream() != null) {
      doc.add("@param $N the gradient of the caller's result with respect to this value\n",
          method.upstream().name());
    }
    if (adjoints) {
      if (method.scalarAdjoints() != null) {
        doc.add("@param $N receives the partial derivatives with respect to the {@code double}"
            + " parameters, in order\n", method.scalarAdjoints().name());
      }
      for (AdjointMethod.ArrayAdjoint a : method.arrayAdjoints()) {
        doc.add("@param $N receives the partial derivatives with respect to {@code $N}\n",
            a.adjoint().name(), a.param().var().name());
      }
    }
    if (workspace) {
      doc.add("@param $N keeps what the backward sweep reads\n", method.workspace().name());
    }
    return doc.build();
  }

  /** {@code @param} for the receiver, if any, and the declared parameters of {@code primal}. */
  static CodeBlock.Builder primalParameters(MethodIR primal) {
    CodeBlock.Builder doc = CodeBlock.builder().add("\n");
    for (Declared.Parameter declared : Declared.of(primal)) {
      Param p = declared.first();
      if (p == primal.receiver()) {
        doc.add("@param $N the receiver\n", p.var().name());
      } else {
        doc.add("@param $N the argument {@code $N}\n", declared.name(), declared.name());
      }
    }
    return doc;
  }

  /** {@code @param} for every parameter of the sweeps, a record's components one by one. */
  static CodeBlock.Builder componentParameters(MethodIR primal) {
    CodeBlock.Builder doc = CodeBlock.builder().add("\n");
    for (Param p : primal.allParams()) {
      if (p == primal.receiver()) {
        doc.add("@param $N the receiver\n", p.var().name());
      } else if (p.part() != null) {
        doc.add("@param $N the argument's component {@code $L}\n", p.var().name(),
            Declared.access(p.part().parameter(), p.part().record(),
                p.part().path()));
      } else {
        doc.add("@param $N the argument {@code $N}\n", p.var().name(), p.var().name());
      }
    }
    return doc;
  }

  /**
   * {@code @param} for a direction: one component per differentiable parameter, after the
   * parameters of {@code primal}.
   */
  static CodeBlock withDirection(MethodIR primal, List<Param> differentiable,
      List<Expr.Var> directions) {
    CodeBlock.Builder doc = primalParameters(primal);
    for (int i = 0; i < directions.size(); i++) {
      doc.add("@param $N the direction's component for {@code $N}\n", directions.get(i).name(),
          differentiable.get(i).var().name());
    }
    return doc.build();
  }
}
