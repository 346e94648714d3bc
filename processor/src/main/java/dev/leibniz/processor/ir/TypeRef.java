package dev.leibniz.processor.ir;

import java.util.List;

/** A reference to a named class, kept as plain names so that the IR holds no javac types. */
public record TypeRef(String packageName, List<String> simpleNames) {
  public static final TypeRef MATH = new TypeRef("java.lang", List.of("Math"));
  public static final TypeRef STRICT_MATH = new TypeRef("java.lang", List.of("StrictMath"));

  /** The runtime's array operations for generated code: {@code dev.leibniz.AdjointArrays}. */
  public static final TypeRef ADJOINT_ARRAYS = new TypeRef("dev.leibniz", List.of("AdjointArrays"));

  public TypeRef {
    simpleNames = List.copyOf(simpleNames);
  }

  /**
   * The companion class Leibniz writes for this class: {@code p.C → p.CGradients},
   * {@code p.A.B → p.A_BGradients}.
   */
  public TypeRef companion() {
    return new TypeRef(packageName, List.of(String.join("_", simpleNames) + "Gradients"));
  }

  /** The name as written in source in the same package: {@code Outer.Inner}. */
  public String nestedName() {
    return String.join(".", simpleNames);
  }
}
