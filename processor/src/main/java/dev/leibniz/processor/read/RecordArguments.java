package dev.leibniz.processor.read;

import com.sun.source.tree.ExpressionTree;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
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
