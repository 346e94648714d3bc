package dev.leibniz.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Rewrite;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Cuts a long sweep into parts, each a method of its own, so that every generated method stays
 * under HotSpot's limit for JIT compilation (8,000 bytes of bytecode,
 * {@code DontCompileHugeMethods}) and under the JVM's 64 KB limit for a method at all.
 *
 * <p>The sweep's outermost statements are cut in order, by an estimate of their bytecode. A
 * local that one part sets and a later part reads (or a parameter a part reassigns) lives in a
 * slot of a frame: one array per kind of value, which the calling method creates and passes to
 * every part. {@code q} becomes {@code _frameDoubles[3]}.
 */
final class MethodSplitter {
  /** Estimated bytes of bytecode per expression node or statement. */
  private static final int BYTES_PER_NODE = 3;
  /** The size of a part, with a margin under HotSpot's 8,000 bytes. */
  private static final int BUDGET = 5_000;

  private MethodSplitter() {}

  /** The kinds of frame, by the type of the values in their slots. */
  enum Frame {
    DOUBLES(Type.DOUBLE), INTS(Type.INT), LONGS(Type.LONG), BOOLEANS(Type.BOOLEAN), CHARS(Type.CHAR),
    ARRAYS(Type.DOUBLE_ARRAY), MATRICES(Type.DOUBLE_MATRIX), FLOATS(Type.FLOAT),
    FLOAT_ARRAYS(Type.FLOAT_ARRAY), FLOAT_MATRICES(Type.FLOAT_MATRIX),
    INT_ARRAYS(Type.arrayOf(Type.INT)), LONG_ARRAYS(Type.arrayOf(Type.LONG)),
    INT_MATRICES(Type.arrayOf(Type.arrayOf(Type.INT)));

    private final Type type;
    private final TypeName element;

    Frame(Type type) {
      this.type = type;
      this.element = TypeNames.of(type);
    }

    /** The frame's array type: {@code double[]} for {@code DOUBLES}. */
    TypeName arrayType() {
      return ArrayTypeName.of(element);
    }

    static Frame of(Type type) {
      for (Frame frame : values()) {
        if (frame.type.equals(type)) {
          return frame;
        }
      }
      throw new IllegalArgumentException("no frame for " + type);
    }
  }

  /**
   * A sweep cut into parts.
   *
   * @param frames each frame's variable and its number of slots, in a fixed order
   * @param initial statements for the calling method after it creates the frames: parameters
   *     that live in slots are copied in
   * @param parts the parts' statements, to run in order
   * @param results for each local the calling method reads after the parts ran, where it is
   */
  record Split(Map<Frame, Slots> frames, List<Stmt> initial, List<List<Stmt>> parts,
      Map<Expr.Var, Expr> results) {
    /** Where the one local the calling method reads is. */
    Expr result() {
      return results.values().iterator().next();
    }
  }

  /** A frame's variable and how many slots it has. */
  record Slots(Expr.Var variable, int count) {}

  /**
   * The methods a split sweep is cut into, each called in turn from {@code body} after it
   * created the frames; each takes the parameters {@code parameters} adds, then the frames,
   * and is called with {@code arguments} and the frames.
   */
  static List<MethodSpec> parts(Split split, String name, CodeBlock.Builder body,
      CodeBlock arguments, java.util.function.Consumer<MethodSpec.Builder> parameters) {
    var frameArguments = new ArrayList<CodeBlock>();
    split.frames().forEach((frame, slots) -> {
      // new double[n][] for a frame of arrays: the count goes in the first brackets.
      TypeName element = frame.arrayType();
      int dimensions = 0;
      while (element instanceof ArrayTypeName a) {
        element = a.componentType();
        dimensions++;
      }
      body.addStatement("$T $N = new $T[$L]$L", frame.arrayType(), slots.variable().name(),
          element, slots.count(), "[]".repeat(dimensions - 1));
      frameArguments.add(CodeBlock.of("$N", slots.variable().name()));
    });
    StatementPrinter.print(split.initial(), body);
    var all = new ArrayList<CodeBlock>(List.of(arguments));
    all.addAll(frameArguments);
    var specs = new ArrayList<MethodSpec>();
    for (int k = 0; k < split.parts().size(); k++) {
      String part = name + "Part" + (k + 1);
      body.addStatement("$N($L)", part, CodeBlock.join(all, ",$W"));
      CodeBlock.Builder code = CodeBlock.builder();
      StatementPrinter.print(split.parts().get(k), code);
      MethodSpec.Builder spec = MethodSpec.methodBuilder(part)
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addJavadoc(Docs.wrap("Part $L of {@link #$N}, a method of its own so that each stays"
              + " small enough for the JIT.\n", k + 1, name))
          .addCode(code.build());
      parameters.accept(spec);
      split.frames().forEach((frame, slots) ->
          spec.addParameter(frame.arrayType(), slots.variable().name()));
      specs.add(spec.build());
    }
    return specs;
  }

  /** Whether {@code statements} fit in one method. */
  static boolean fits(List<Stmt> statements) {
    return size(statements) <= BUDGET;
  }

  /** An estimate of the bytecode of {@code statements}. */
  static int size(List<Stmt> statements) {
    return statements.stream().flatMap(Stmts::all)
        .mapToInt(s -> 1 + Stmts.expressions(s).mapToInt(MethodSplitter::nodes).sum())
        .sum() * BYTES_PER_NODE;
  }

  private static int nodes(Expr e) {
    return 1 + Exprs.children(e).mapToInt(MethodSplitter::nodes).sum();
  }

  /**
   * Cuts {@code statements}, whose method has {@code parameters}; {@code keep}, if not null, is
   * a local the calling method reads after the parts ran.
   */
  static Split split(List<Stmt> statements, Set<Expr.Var> parameters, Expr.Var keep) {
    return split(statements, parameters, keep == null ? List.of() : List.of(keep));
  }

  /** As above, with several locals the calling method reads after the parts ran. */
  static Split split(List<Stmt> statements, Set<Expr.Var> parameters, List<Expr.Var> keep) {
    List<List<Stmt>> chunks = chunks(statements);
    Set<Expr.Var> framed = framed(chunks, parameters, keep);
    Set<String> taken = new HashSet<>();
    Exprs.mentioned(statements).forEach(v -> taken.add(v.name()));
    Map<Frame, List<Expr.Var>> byFrame = new EnumMap<>(Frame.class);
    framed.forEach(v -> byFrame.computeIfAbsent(Frame.of(v.type()), f -> new ArrayList<>()).add(v));
    Map<Frame, Slots> frames = new EnumMap<>(Frame.class);
    Map<Expr.Var, Expr> slots = new HashMap<>();
    byFrame.forEach((frame, vars) -> {
      Expr.Var array = new Expr.Var(unique("_frame" + frameName(frame), taken), Type.OBJECT);
      frames.put(frame, new Slots(array, vars.size()));
      for (int k = 0; k < vars.size(); k++) {
        slots.put(vars.get(k),
            new Expr.Index(array, new Expr.Literal(Type.INT, k), vars.get(k).type()));
      }
    });
    var initial = new ArrayList<Stmt>();
    parameters.stream().filter(framed::contains).sorted((a, b) -> a.name().compareTo(b.name()))
        .forEach(p -> initial.add(new Stmt.Assign(slots.get(p), p, Source.NONE)));
    var parts = new ArrayList<List<Stmt>>();
    chunks.forEach(chunk -> parts.add(
        chunk.stream().map(st -> Rewrite.everywhere(st, slots)).toList()));
    var results = new java.util.LinkedHashMap<Expr.Var, Expr>();
    keep.forEach(k -> results.put(k, slots.get(k)));
    return new Split(frames, initial, parts, results);
  }

  /** {@code FLOAT_ARRAYS → FloatArrays}. */
  private static String frameName(Frame frame) {
    var name = new StringBuilder();
    for (String word : frame.name().toLowerCase().split("_")) {
      name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return name.toString();
  }

  private static String unique(String base, Set<String> taken) {
    String name = base;
    for (int i = 1; !taken.add(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }

  private static List<List<Stmt>> chunks(List<Stmt> statements) {
    var chunks = new ArrayList<List<Stmt>>();
    var current = new ArrayList<Stmt>();
    int used = 0;
    for (Stmt s : statements) {
      int size = size(List.of(s));
      if (!current.isEmpty() && used + size > BUDGET) {
        chunks.add(current);
        current = new ArrayList<>();
        used = 0;
      }
      current.add(s);
      used += size;
    }
    chunks.add(current);
    return chunks;
  }

  /**
   * The variables that need slots: outermost locals and reassigned parameters mentioned by a
   * chunk other than the one that sets them, and {@code keep}.
   */
  private static Set<Expr.Var> framed(List<List<Stmt>> chunks, Set<Expr.Var> parameters,
      List<Expr.Var> keep) {
    Map<Expr.Var, Set<Integer>> setIn = new LinkedHashMap<>();
    Map<Expr.Var, Set<Integer>> mentionedIn = new HashMap<>();
    for (int i = 0; i < chunks.size(); i++) {
      int chunk = i;
      for (Stmt s : chunks.get(i)) {
        if (s instanceof Stmt.Declare d) {
          setIn.computeIfAbsent(d.var(), v -> new HashSet<>()).add(chunk);
        }
        Stmts.all(s).forEach(nested -> {
          if (nested instanceof Stmt.Assign a && parameters.contains(a.variable())) {
            setIn.computeIfAbsent(a.variable(), v -> new HashSet<>()).add(chunk);
          }
          Stmts.expressions(nested).forEach(e -> Exprs.variables(e).forEach(v ->
              mentionedIn.computeIfAbsent(v, x -> new HashSet<>()).add(chunk)));
        });
      }
    }
    var framed = new LinkedHashSet<Expr.Var>();
    setIn.forEach((v, chunksSetting) -> {
      Set<Integer> all = new HashSet<>(mentionedIn.getOrDefault(v, Set.of()));
      all.addAll(chunksSetting);
      if (all.size() > 1 || keep.contains(v)) {
        framed.add(v);
      }
    });
    return framed;
  }
}
