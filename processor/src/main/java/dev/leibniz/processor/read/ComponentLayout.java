package dev.leibniz.processor.read;

import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import dev.leibniz.processor.ir.BinaryOp;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record's components in one {@code double[]}, as a method returning a record gives them to
 * its callers: the lengths of its vectors first, then every component in the order of
 * {@link RecordValues#paths}, a vector as its elements. {@code record State(double[] q, double
 * t)} with {@code q} of length 3 is {@code [3, q0, q1, q2, t]}. The runtime's
 * {@code RecordComponents} reads and writes the same layout for users.
 */
final class ComponentLayout {
  private final ReadContext context;
  private final ExpressionReader expressions;
  private final ArrayLibrary library;

  ComponentLayout(ReadContext context, ExpressionReader expressions, ArrayLibrary library) {
    this.context = context;
    this.expressions = expressions;
    this.library = library;
  }

  /**
   * {@code return r}: the components of {@code r}, by path (a number, a vector or a
   * {@link RecordVectors.Slice}), into a new array, which is returned.
   */
  Stmt write(ReturnTree tree, Map<List<String>, Object> source, Type.Record type) {
    Source where = context.source(tree);
    List<List<String>> paths = RecordValues.paths(type);
    var slices = new LinkedHashMap<List<String>, RecordVectors.Slice>();
    source.forEach((path, part) -> {
      if (part instanceof RecordVectors.Slice slice) {
        slices.put(path, slice);
      } else if (((Expr) part).type().isArray()) {
        slices.put(path, RecordVectors.Slice.of((Expr) part));
      }
    });
    var lengths = slices.values().stream().map(RecordVectors.Slice::length).toList();
    Expr.Var result = context.scope().declare(context.scope().fresh("_result"),
        Type.DOUBLE_ARRAY);
    var statements = new ArrayList<Stmt>();
    statements.add(new Stmt.Declare(result, new Expr.NewArray(Type.DOUBLE_ARRAY,
        List.of(offset(paths.size(), lengths))), where));
    for (int j = 0; j < lengths.size(); j++) {
      statements.add(new Stmt.Assign(element(result, ArrayLibrary.literal(j)),
          ExpressionReader.convert(lengths.get(j), Type.DOUBLE), where));
    }
    var before = new ArrayList<Expr>();
    int numbers = lengths.size();
    for (List<String> path : paths) {
      Expr at = offset(numbers, before);
      RecordVectors.Slice slice = slices.get(path);
      if (slice == null) {
        statements.add(new Stmt.Assign(element(result, at), encoded((Expr) source.get(path)),
            where));
        numbers++;
      } else {
        statements.add(library.copyRange(slice.array(), slice.offset(), result, at,
            slice.length(), where));
        before.add(slice.length());
      }
    }
    statements.add(new Stmt.Return(result, where));
    return new Stmt.Block(statements);
  }

  /** A number component as the double it is returned in: a boolean as 1 or 0. */
  private static Expr encoded(Expr component) {
    return component.type() == Type.BOOLEAN
        ? new Expr.Conditional(component, Expr.literal(1.0), Expr.literal(0.0), Type.DOUBLE)
        : ExpressionReader.convert(component, Type.DOUBLE);
  }

  /** The component {@link #encoded} into {@code element}, as a value of its {@code type}. */
  private static Expr decoded(Expr element, Type type) {
    return type == Type.BOOLEAN
        ? new Expr.Binary(BinaryOp.NE, element, Expr.literal(0.0), Type.BOOLEAN) : element;
  }

  /** {@code constant + lengths…}: where a component starts among a call's components. */
  private static Expr offset(int constant, List<Expr> lengths) {
    Expr at = ArrayLibrary.literal(constant);
    for (Expr length : lengths) {
      at = ArrayLibrary.plus(at, length);
    }
    return at;
  }

  private static Expr element(Expr.Var array, Expr index) {
    return new Expr.Index(array, index, array.type().element());
  }

  /**
   * The components a call returns, read from a local holding its array: a number as its
   * element, a vector as a {@link RecordVectors.Slice} of it, its length in a local of its own.
   */
  Map<List<String>, Object> read(Expr.Invoke invoke, Type.Record type, Tree call) {
    Expr.Var held = expressions.hoist(invoke, "_" + invoke.callee().name(), call);
    List<RecordValues.Slot> slots = RecordValues.slots(type);
    var lengths = new ArrayList<Expr>();
    for (RecordValues.Slot slot : slots) {
      if (slot.type().isArray()) {
        lengths.add(expressions.hoist(ExpressionReader.convert(element(held,
            ArrayLibrary.literal(lengths.size())), Type.INT), "_" + String.join("_",
            slot.path()) + "Length", call));
      }
    }
    var parts = new LinkedHashMap<List<String>, Object>();
    var before = new ArrayList<Expr>();
    int numbers = lengths.size();
    for (RecordValues.Slot slot : slots) {
      Expr at = offset(numbers, before);
      if (slot.type().isArray()) {
        Expr length = lengths.get(before.size());
        parts.put(slot.path(), new RecordVectors.Slice(held, at, length, slot.type()));
        before.add(length);
      } else {
        parts.put(slot.path(), decoded(element(held, at), slot.type()));
        numbers++;
      }
    }
    return parts;
  }
}
