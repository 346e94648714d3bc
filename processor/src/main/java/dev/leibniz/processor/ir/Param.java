package dev.leibniz.processor.ir;

/**
 * A parameter of a differentiable method.
 *
 * @param var the parameter as a variable of the body
 * @param objectType for a parameter of a class type, the class; null for a primitive
 * @param typeArguments how many type arguments the class takes (written as wildcards)
 * @param differentiable whether the gradient has a component for it
 * @param part for a component of a record parameter, which the body reads as a variable of
 *     its own, where in the record it is; else null
 */
public record Param(Expr.Var var, TypeRef objectType, int typeArguments, boolean differentiable,
    RecordPart part) {

  /** A parameter as declared, not part of a record. */
  public Param(Expr.Var var, TypeRef objectType, int typeArguments, boolean differentiable) {
    this(var, objectType, typeArguments, differentiable, null);
  }

  /** A parameter of a primitive type. */
  public static Param primitive(Expr.Var var, boolean differentiable) {
    return new Param(var, null, 0, differentiable);
  }

  /**
   * Where a component of a record parameter sits: {@code p.pos().x()} is the parameter
   * {@code p} of type {@code record}, path {@code [pos, x]}.
   *
   * @param parameter the declared parameter's name
   * @param record the declared parameter's record type
   * @param differentiable whether the declared parameter is differentiable
   * @param path the accessors from the record to the component
   * @param receiver whether the record is the receiver of a method declared in it
   * @param array whether the parameter is an array of records, whose component is then an
   *     array with an element per record
   * @param arrayAt for a component of a record held in an array the record has as a component
   *     ({@code s.ps()[i].x()}), how many accessors lead to that array; else -1
   */
  public record RecordPart(String parameter, Type.Record record, boolean differentiable,
      java.util.List<String> path, boolean receiver, boolean array, int arrayAt) {
    public RecordPart {
      path = java.util.List.copyOf(path);
    }
  }

  /** The parameter as the source names it: {@code p.pos().x()} for a record's component. */
  public String sourceName() {
    if (part == null) {
      return var.name();
    }
    var name = new StringBuilder(part.parameter());
    part.path().forEach(accessor -> name.append('.').append(accessor).append("()"));
    return name.toString();
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
