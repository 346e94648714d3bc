package dev.leibniz.processor.read;

import com.sun.source.tree.ExpressionTree;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.VariableElement;

/**
 * Records passed to methods. While a call is resolved, a record argument (or receiver, or an
 * array of records) is a stand-in variable of its type, so that Java's overload rules can
 * match it; once the method is chosen, the stand-in is replaced by the components' values, in
 * the order of the callee's parameters.
 */
final class RecordArguments {
  private final Map<Expr.Var, Map<List<String>, Expr>> sources = new HashMap<>();

  /** A record-typed argument's stand-in, or null after an error in it. */
  Expr standIn(RecordReader records, ExpressionTree argument, Type.Record type) {
    Map<List<String>, Expr> source = records.source(argument, type);
    return source == null ? null : register(source, type);
  }

  /** A record value's stand-in (the receiver of its method, say), or an array of records'. */
  Expr standIn(RecordValues.Value value) {
    var source = new LinkedHashMap<List<String>, Expr>();
    value.leaves().forEach(leaf -> source.put(leaf.path(), leaf.value()));
    return register(source, value.array() ? Type.arrayOf(value.type()) : value.type());
  }

  private Expr register(Map<List<String>, Expr> source, Type type) {
    var standIn = new Expr.Var("$record" + sources.size(), type);
    sources.put(standIn, source);
    return standIn;
  }

  /**
   * Adds what {@code argument} passes to {@code into}: a stand-in's components, converted to
   * their types, or an array of records' arrays as they are; false for any other argument.
   */
  boolean expand(Expr argument, List<Expr> into) {
    if (!(argument instanceof Expr.Var v) || !sources.containsKey(v)) {
      return false;
    }
    if (v.type() instanceof Type.Record type) {
      List<Type> types = RecordValues.leafTypes(type);
      List<List<String>> paths = RecordValues.paths(type);
      for (int k = 0; k < paths.size(); k++) {
        into.add(ExpressionReader.convert(sources.get(v).get(paths.get(k)), types.get(k)));
      }
    } else {
      into.addAll(sources.get(v).values());
    }
    return true;
  }

  /**
   * What a method Leibniz does not differentiate is passed for {@code argument}: a stand-in's
   * record built again from its components' values, nested records too; the argument itself if
   * it is no stand-in; empty for a record with a component Leibniz does not follow (a
   * {@code String}, an array of records), which it cannot build.
   */
  Optional<Expr> rebuilt(Expr argument) {
    if (!(argument instanceof Expr.Var v) || !sources.containsKey(v)) {
      return Optional.of(argument);
    }
    return v.type() instanceof Type.Record type
        ? built(type, List.of(), sources.get(v)) : Optional.empty();
  }

  private static Optional<Expr> built(Type.Record type, List<String> prefix,
      Map<List<String>, Expr> source) {
    var components = new ArrayList<Expr>();
    for (Type.Component c : type.components()) {
      var path = new ArrayList<>(prefix);
      path.add(c.name());
      Optional<Expr> component = c.type() instanceof Type.Record nested
          ? built(nested, path, source)
          : Optional.ofNullable(source.get(path)).map(e -> ExpressionReader.convert(e, c.type()));
      if (component.isEmpty()) {
        return Optional.empty();
      }
      components.add(component.get());
    }
    return Optional.of(new Expr.Construct(type, components));
  }

  /** A parameter's type as calls are matched: a record, an array of records, or Java's. */
  static Type declaredType(VariableElement param) {
    Optional<Type.Record> record = RecordValues.typeOf(param.asType());
    if (record.isPresent()) {
      return record.get();
    }
    return RecordValues.elementType(param.asType()).<Type>map(Type::arrayOf)
        .orElse(NameResolver.typeOf(param.asType()));
  }
}
