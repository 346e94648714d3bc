package dev.leibniz.processor.ir;

/**
 * A parameter of a differentiable method.
 *
 * @param var the parameter as a variable of the body
 * @param objectType for a parameter of a class type, the class; null for a primitive
 * @param typeArguments how many type arguments the class takes (written as wildcards)
 * @param differentiable whether the gradient has a component for it
 */
public record Param(Expr.Var var, TypeRef objectType, int typeArguments, boolean differentiable) {

  /** A parameter of a primitive type. */
  public static Param primitive(Expr.Var var, boolean differentiable) {
    return new Param(var, null, 0, differentiable);
  }

  /** The name of the parameter's gradient accessor: {@code x → dX}, {@code logits → dLogits}. */
  public String accessor() {
    return accessorName(var.name());
  }

  /** The accessor a parameter of this name gets. */
  public static String accessorName(String parameter) {
    return "d" + Character.toUpperCase(parameter.charAt(0)) + parameter.substring(1);
  }
}
