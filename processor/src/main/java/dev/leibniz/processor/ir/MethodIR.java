package dev.leibniz.processor.ir;

import java.util.List;

/**
 * A {@code @Differentiable} method as the read phase understood it.
 *
 * @param name the method's name
 * @param owner the class that declares it
 * @param fileName the simple name of the source file, for comments in generated code
 * @param receiver the receiver of an instance method as a parameter, or null for a static one
 * @param params the declared parameters, in order
 * @param body the body, with every local renamed so that each name is declared once
 * @param hidden whether the method is private, so that its companion methods are not public
 * @param constants the private fields it reads that the companion copies
 * @param returnType {@code double}, {@code double[]}, or {@code void} for a method that writes
 *     into its array parameters
 * @param userMethod the name of the user's method this is, or is a form of: {@code m} for
 *     {@code mNewA}, the function returning what {@code m} writes into {@code a}
 * @param resultRecord for a method returning a record, its type: the method is then read as
 *     {@code mComponents}, returning a {@code double[]} of the record's components; else null
 * @param publicName the name of the companion's methods the user calls for it: the user's
 *     method's own even where {@code name}, the name of its sweeps, is {@code sOverload2} (an
 *     overload that takes the same components); a form's own name for a form of the method
 */
public record MethodIR(
    String name, TypeRef owner, String fileName, Param receiver, List<Param> params, Stmt.Block body,
    boolean hidden, List<Constant> constants, Type returnType, String userMethod,
    Type.Record resultRecord, String publicName) {
  public MethodIR {
    params = List.copyOf(params);
    constants = List.copyOf(constants);
  }

  /** A method returning a number, an array or nothing. */
  public MethodIR(String name, TypeRef owner, String fileName, Param receiver,
      List<Param> params, Stmt.Block body, boolean hidden, List<Constant> constants,
      Type returnType, String userMethod) {
    this(name, owner, fileName, receiver, params, body, hidden, constants, returnType, userMethod,
        null, name);
  }

  /** The same method with another body. */
  public MethodIR withBody(Stmt.Block newBody) {
    return new MethodIR(name, owner, fileName, receiver, params, newBody, hidden, constants,
        returnType, userMethod, resultRecord, publicName);
  }

  /** The same method under another name, returning another type, with another body. */
  public MethodIR variant(String newName, Type newReturnType, Stmt.Block newBody) {
    return new MethodIR(newName, owner, fileName, receiver, params, newBody, hidden, constants,
        newReturnType, userMethod, resultRecord, newName);
  }

  /**
   * The differentiable array parameters the body assigns to or writes elements of, itself or
   * through calls of methods writing into arrays.
   */
  public List<Param> writtenArrays() {
    return params.stream()
        .filter(p -> p.differentiable() && p.var().type().isArray())
        .filter(p -> writes(p.var()))
        .toList();
  }

  /**
   * Whether the body assigns to {@code variable} or writes elements of it, itself or through
   * calls of methods writing into arrays.
   */
  public boolean writes(Expr.Var variable) {
    return Stmts.all(body).anyMatch(s -> !(s instanceof Stmt.Declare)
        && Stmts.writes(s).contains(variable));
  }

  /** The receiver (if any) followed by the declared parameters. */
  public List<Param> allParams() {
    if (receiver == null) {
      return params;
    }
    var all = new java.util.ArrayList<Param>();
    all.add(receiver);
    all.addAll(params);
    return List.copyOf(all);
  }
}
