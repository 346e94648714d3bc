package dev.leibniz.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A method's parameters as the user declared them. The sweeps read a record parameter as one
 * variable per component; the methods users call take the record itself, and begin by reading
 * its components into those variables ({@code double p_x = p.x();}). The halves that
 * generated callers run take the components.
 */
final class Declared {
  private Declared() {}

  /** One declared parameter: a parameter of the sweeps, or a record standing for several. */
  record Parameter(String name, Param first, List<Param> parts) {
    boolean isRecord() {
      return first.part() != null;
    }
  }

  /**
   * The direction of a record parameter {@code p} in a user-facing method: {@code pDot}, or
   * {@code pDot2}, … if a parameter or a variable of the method already has that name.
   */
  static String recordDirection(MethodIR method, Parameter p) {
    var names = new HashSet<String>();
    of(method).forEach(d -> names.add(d.name()));
    method.allParams().forEach(q -> names.add(q.var().name()));
    Stmts.all(method.body()).forEach(s -> Stmts.writes(s).forEach(v -> names.add(v.name())));
    String name = p.name() + "Dot";
    for (int k = 2; names.contains(name); k++) {
      name = p.name() + "Dot" + k;
    }
    return name;
  }

  /** The declared parameters, the receiver first. */
  static List<Parameter> of(MethodIR method) {
    var declared = new ArrayList<Parameter>();
    for (Param p : method.allParams()) {
      Parameter last = declared.isEmpty() ? null : declared.get(declared.size() - 1);
      if (p.part() != null && last != null && last.isRecord()
          && last.name().equals(p.part().parameter())) {
        last.parts().add(p);
      } else if (p.part() != null) {
        declared.add(new Parameter(p.part().parameter(), p, new ArrayList<>(List.of(p))));
      } else {
        declared.add(new Parameter(p.var().name(), p, List.of(p)));
      }
    }
    return declared;
  }

  /** Adds the declared parameters to {@code spec}: a record parameter of its record type. */
  static void addParameters(MethodIR method, MethodSpec.Builder spec) {
    for (Parameter p : of(method)) {
      spec.addParameter(p.isRecord() ? recordType(p.first()) : CompanionWriter.typeOf(p.first()),
          p.name());
    }
  }

  /** The declared type of a record parameter: its record, or an array of them. */
  static com.palantir.javapoet.TypeName recordType(Param part) {
    com.palantir.javapoet.TypeName record = TypeNames.of(part.part().record());
    return part.part().array() ? com.palantir.javapoet.ArrayTypeName.of(record) : record;
  }

  /** The declared parameters' names, as arguments. */
  static List<CodeBlock> arguments(MethodIR method) {
    return of(method).stream().map(p -> CodeBlock.of("$N", p.name())).toList();
  }

  /** The components of the record parameters read into the sweeps' variables. */
  static CodeBlock unpack(MethodIR method) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (Param p : method.allParams()) {
      if (p.part() != null) {
        code.add(unpack(p, p.var().name(), p.part().parameter(), method));
      }
    }
    return code.build();
  }

  /**
   * {@code double v = p.pos().x();}, or for an array of records a loop filling the array
   * {@code v} with each record's component.
   */
  static CodeBlock unpack(Param p, String variable, String record, MethodIR method) {
    List<String> path = p.part().path();
    int at = p.part().array() ? 0 : p.part().arrayAt();
    if (at < 0) {
      return CodeBlock.builder().addStatement("$T $N = $L", TypeNames.of(p.var().type()),
          variable, access(record, p.part().record(), path)).build();
    }
    // The records are in an array: the parameter, or a component of it.
    CodeBlock array = access(record, p.part().record(), path.subList(0, at));
    String i = index(method);
    return CodeBlock.builder()
        .addStatement("$T $N = new $T[$L.length]$L", TypeNames.of(p.var().type()), variable,
            TypeNames.of(p.var().type().base()), array,
            p.var().type().rank() == 2 ? "[]" : "")
        .beginControlFlow("for (int $N = 0; $N < $L.length; $N++)", i, i, array, i)
        .addStatement("$N[$N] = $L", variable, i, access(array + "[" + i + "]",
            recordAt(p.part().record(), path.subList(0, at)), path.subList(at, path.size())))
        .endControlFlow()
        .build();
  }

  /** A loop counter no parameter's name takes. */
  private static String index(MethodIR method) {
    var taken = new java.util.HashSet<String>();
    method.allParams().forEach(p -> taken.add(p.var().name()));
    of(method).forEach(p -> taken.add(p.name()));
    return Helpers.unique("i", taken);
  }

  /** The declared parameters with a gradient: a record if any of its components has one. */
  static List<Parameter> differentiable(MethodIR method) {
    return of(method).stream()
        .filter(p -> p.parts().stream().anyMatch(Param::differentiable))
        .toList();
  }

  /** The gradient accessor of a declared parameter: {@code p → dP}. */
  static String accessor(Parameter p) {
    return Param.accessorName(p.name());
  }

  /**
   * The gradient of a record parameter as a record of its type: each differentiable
   * component its adjoint, given by {@code adjoint}, every other component copied from the
   * argument, a nested record built the same way.
   */
  static CodeBlock gradient(Parameter p, java.util.function.Function<Param, CodeBlock> adjoint) {
    if (!p.first().part().array()) {
      return gradient(p, p.name(), p.first().part().record(), List.of(), adjoint);
    }
    // An array of records: a record per element, from the element of each adjoint array.
    String i = "_element";
    return CodeBlock.of("$T.range(0, $N.length).mapToObj($N ->$W$L).toArray($T[]::new)",
        java.util.stream.IntStream.class, p.name(), i,
        gradient(p, p.name() + "[" + i + "]", p.first().part().record(), List.of(),
            q -> CodeBlock.of("$L[$N]", adjoint.apply(q), i)),
        TypeNames.of(p.first().part().record()));
  }

  private static CodeBlock gradient(Parameter p, String source,
      Type.Record type, List<String> prefix,
      java.util.function.Function<Param, CodeBlock> adjoint) {
    var components = new ArrayList<CodeBlock>();
    for (Type.Component c : type.components()) {
      var path = new ArrayList<>(prefix);
      path.add(c.name());
      Param part = p.parts().stream().filter(q -> q.part().path().equals(path)).findFirst()
          .orElse(null);
      var records = c.type() instanceof Type.Array array
          && array.element() instanceof Type.Record r ? r : null;
      // The source is the record at the prefix: its components are one accessor away.
      CodeBlock here = access(source, type, List.of(c.name()));
      if (records != null) {
        // An array of records: a record per element, from each component's adjoint array.
        String i = "_element" + prefix.size();
        components.add(CodeBlock.of("$T.range(0, $L.length).mapToObj($N ->$W$L)"
                + ".toArray($T[]::new)", java.util.stream.IntStream.class, here, i,
            gradient(p, here + "[" + i + "]", records, path,
                q -> CodeBlock.of("$L[$N]", adjoint.apply(q), i)),
            TypeNames.of(records)));
      } else if (c.type() instanceof Type.Record nested
          && nested.isDifferentiable()) {
        components.add(gradient(p, here.toString(), nested, path, adjoint));
      } else if (part != null && part.differentiable()) {
        components.add(adjoint.apply(part));
      } else {
        components.add(here);
      }
    }
    return CodeBlock.of("new $T($L)", TypeNames.of(type), CodeBlock.join(components, ",$W"));
  }

  /**
   * {@code p.pos().x()}: the accessors from a record of type {@code type} to one of its
   * components, or a value class's fields by name ({@code c.re}).
   */
  static CodeBlock access(String record, Type.Record type, List<String> path) {
    CodeBlock.Builder code = CodeBlock.builder().add("$L", record);
    Type.Record at = type;
    for (String name : path) {
      code.add("$L", at.access(name));
      at = nested(at, name);
    }
    return code.build();
  }

  /** The record type {@code path} leads to from {@code type}, through arrays' elements too. */
  static Type.Record recordAt(Type.Record type, List<String> path) {
    Type.Record at = type;
    for (String name : path) {
      at = nested(at, name);
    }
    return at;
  }

  /** The record the component {@code name} of {@code record} holds, or holds an array of. */
  private static Type.Record nested(Type.Record record, String name) {
    Type component = record.component(name).map(Type.Component::type).orElseThrow();
    while (component instanceof Type.Array array) {
      component = array.element();
    }
    return component instanceof Type.Record nested ? nested : null;
  }
}
