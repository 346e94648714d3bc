package dev.leibniz.processor.diag;

/**
 * Every diagnostic Leibniz reports, with a stable id. Each says what cannot be differentiated and
 * what to do instead.
 */
public enum Message {
  UNSUPPORTED_STATEMENT(
      "LZ101", "Leibniz cannot differentiate %s yet: %s"),
  UNSUPPORTED_EXPRESSION(
      "LZ102",
      "Leibniz cannot differentiate %s: rewrite it, or compute it outside the method and pass"
          + " it as a @NoDerivative parameter"),
  UNSUPPORTED_LOCAL_TYPE(
      "LZ103",
      "local variable '%s' has type %s: Leibniz supports locals of type double, float, int,"
          + " long, char, boolean, and arrays of double or float of rank 1 or 2"),
  UNSUPPORTED_PARAMETER_TYPE(
      "LZ105",
      "parameter '%s' has type %s, which Leibniz cannot differentiate: use double, or mark it"
          + " @NoDerivative"),
  UNKNOWN_FUNCTION(
      "LZ106",
      "call to '%s' cannot be differentiated: mark the method @Differentiable, declare its"
          + " derivative with @DerivativeOf, or make its arguments constants (a value computed"
          + " outside can come in as a @NoDerivative parameter)"),
  WRONG_ARGUMENT_COUNT("LZ107", "'Math.%s' takes %d argument(s) here, not %d"),
  UNRESOLVED_NAME(
      "LZ108",
      "cannot resolve '%s': Leibniz reads parameters, locals, fields and constants of known"
          + " classes"),
  PRIVATE_MEMBER(
      "LZ109",
      "'%s' is private and %s, so the generated %s cannot use it: make it package-private"),
  RETURN_TYPE("LZ110", "@Differentiable method '%s' returns %s: it must return double,"
      + " float, double[], or void and write into its array parameters"),
  NO_BODY(
      "LZ111", "@Differentiable method '%s' is %s: there is no body to differentiate"),
  IN_INTERFACE(
      "LZ112",
      "@Differentiable method '%s' is declared in an interface: move it to a class"),
  GENERIC_METHOD(
      "LZ115", "@Differentiable method '%s' has type parameters: Leibniz supports plain methods"),
  INACCESSIBLE_CLASS(
      "LZ116",
      "class '%s' is %s, so generated code cannot name it: make it a package-private or public"
          + " member class"),
  ACCESSOR_CLASH(
      "LZ117",
      "parameters '%s' and '%s' would both have the gradient accessor '%s()': rename one of them"),
  ASSIGNMENT_TARGET(
      "LZ118",
      "Leibniz can assign only to local variables and parameters, not to '%s': use a local"),
  NESTED_ASSIGNMENT(
      "LZ119",
      "an array assigned inside an expression cannot be followed: make '%s' a statement of its"
          + " own"),
  ARRAY_ALIAS(
      "LZ120",
      "'%s' gives an array a second name in a way Leibniz cannot follow: %s"),
  ARRAY_ITERATION(
      "LZ121",
      "Leibniz iterates with for-each over a double[] or double[][] variable only: write an"
          + " index loop over '%s' instead"),
  CONSTANT_PARAMETER(
      "LZ122",
      "argument %s of '%s' depends on a differentiable input, but the parameter it goes to is"
          + " @NoDerivative or not a double, so the derivative through it would be lost: pass a"
          + " constant, or make the parameter differentiable"),
  RULE_TARGET_MISSING(
      "LZ123",
      "@DerivativeOf names '%s.%s', which does not exist: name a static method of that class"),
  RULE_SIGNATURE(
      "LZ124",
      "a @DerivativeOf rule for '%s' must be a static, non-private method %s"),
  RULE_TARGET_SHAPE(
      "LZ126",
      "@DerivativeOf can give rules for static methods of double parameters returning double;"
          + " '%s' is not one: mark it @Differentiable instead"),
  CALLEE_WRITES_ARRAY(
      "LZ125",
      "'%s' writes into its array parameter '%s', which the gradient of a caller cannot follow:"
          + " copy the array inside '%s' before changing it"),
  NO_DERIVATIVE_IGNORED(
      "LZ127",
      "@NoDerivative on '%s' means nothing %s: remove it"),
  RULE_FOR_KNOWN_FUNCTION(
      "LZ128",
      "Leibniz differentiates '%s' with a rule of its own, so this @DerivativeOf rule is not used:"
          + " remove it"),
  BOXED_NUMBER(
      "LZ129",
      "'%s' is a boxed %s: Leibniz computes with primitive numbers; declare it %s"),
  COLLECTION(
      "LZ130",
      "'%s' is a %s: Leibniz differentiates numbers and arrays of double, not collections; pass"
          + " a double[] (list.stream().mapToDouble(Double::doubleValue).toArray(), say)"),
  ARRAY_RESULT(
      "LZ132",
      "'%s' cannot be differentiated: %s"),
  SECOND_ORDER(
      "LZ133",
      "@Differentiable(order = 2) on '%s': %s"),
  NESTED_GRADIENT(
      "LZ134",
      "the gradient of '%s' is differentiated here through its second derivatives: %s"),
  RECORD_VALUE("LZ135", "'%s' cannot be read as a record value: %s"),
  RECORD_COPY(
      "LZ136",
      "'%s' could tell the copy Leibniz keeps of a record's array from the array Java shares:"
          + " %s"),
  RULE_NOT_VISIBLE(
      "LZ137",
      "call to '%s' cannot be differentiated here: its @DerivativeOf rule '%s' is in a jar and"
          + " not visible from this class; add '@UseRules(%s.class)' to the class or to its"
          + " package's package-info.java"),
  CALL_ON_RESULT(
      "LZ138",
      "'%s' is called on the value of '%s', which Leibniz cannot follow yet: keep that value in"
          + " a local first ('var v = %s;') and call it on the local"),
  TRACE("LZ139", "@Differentiable(trace = true) on '%s' cannot trace this yet: %s"),
  ARRAY_LIBRARY(
      "LZ131",
      "'%s' cannot be differentiated: %s"),
  INTERNAL_ERROR(
      "LZ190",
      "internal error in Leibniz while differentiating '%s' (%s); please report it with this"
          + " method"),
  INCOMPLETE_PROCESSOR_PATH(
      "LZ192",
      "Leibniz cannot find class '%s' on the processor path: put the leibniz-processor jar there"
          + " as published, which contains everything it needs"),
  RULE_LISTING(
      "LZ193",
      "Leibniz could not list this compilation's @DerivativeOf rules for the compilations that"
          + " use its classes: %s"),
  OPTION_VALUE(
      "LZ194",
      "the processor option '%s' takes one of %s, not '%s'"),
  NO_TREE_API(
      "LZ191",
      "Leibniz needs javac's Compiler Tree API (com.sun.source), which this compiler does not"
          + " offer: compile with javac");

  private final String id;
  private final String template;

  Message(String id, String template) {
    this.id = id;
    this.template = template;
  }

  /** The message's stable id, such as {@code LZ101}. */
  public String id() {
    return id;
  }

  /** The text with its arguments filled in, prefixed by the id: {@code [LZ101] ...}. */
  public String format(Object... args) {
    return "[" + id + "] " + String.format(template, args);
  }
}
