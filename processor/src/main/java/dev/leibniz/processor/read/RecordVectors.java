package dev.leibniz.processor.read;

import dev.leibniz.processor.diag.Message;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vectors of record locals, each held in an array of the local's own. Java's record holds
 * the array it was built from; a local that is reassigned in a loop ({@code s = new State(q,
 * p)}, {@code s = step(s, dt)}) would then name a different array on every iteration, which
 * the array-name lowering cannot follow. So {@code new State(q, p)} into a local copies
 * {@code q} and {@code p} into new arrays of its own, and a call returning a record fills new
 * arrays from the components it returns.
 *
 * <p>Arrays of records are copied the same way: {@code state = next} gives {@code state}'s
 * arrays copies of {@code next}'s, and {@code state = step(state, dt)} fills new ones.
 *
 * <p>A copy means the same as Java's shared array only while neither array is written after
 * the record is built. {@link #check} reports the statements that would tell them apart: any
 * write into a record local's array; a write into an array a record was built from that may run
 * after the record was built (later in the method, or earlier in a loop around both that the
 * array was not declared in); and for an array of records, whose elements may be written, any
 * use of the array copied from that may run after the copy.
 */
final class RecordVectors {
  /**
   * {@code length} numbers of the array {@code array} from {@code offset}: a vector among the
   * components a call returns.
   */
  record Slice(Expr array, Expr offset, Expr length, Type type) {
    /** All of {@code vector}. */
    static Slice of(Expr vector) {
      return new Slice(vector, ArrayLibrary.literal(0), new Expr.Length(vector), vector.type());
    }
  }

  private final ReadContext context;
  private final ArrayNames names;
  private final ArrayLibrary library;
  /** Each record local's array, with the accessors that read it, for messages. */
  private final Map<Expr.Var, String> held = new LinkedHashMap<>();
  /** The loops copying an array into a record local's, with where each is. */
  private final Map<Stmt, Copy> copies = new IdentityHashMap<>();
  /** The sites of the statements reported, each once. */
  private final Set<Integer> reported = new java.util.HashSet<>();

  /**
   * A copy of {@code from} (null for a call's components) into a record local's array; for an
   * array of records, {@code named} is how the user spells the array copied, which may not be
   * used after the copy at all.
   */
  private record Copy(Expr from, Source where, String named) {}

  RecordVectors(ReadContext context, ArrayNames names, ArrayLibrary library) {
    this.context = context;
    this.names = names;
    this.library = library;
  }

  /**
   * {@code target} given a new array holding {@code source}'s elements: an array expression or
   * a {@link Slice}.
   *
   * @param statement the statement building the record, for errors
   * @param accessors how the user reads {@code target}, {@code s.q()}, for messages
   * @param declares whether this declares {@code target}
   */
  Stmt copy(com.sun.source.tree.Tree statement, Expr.Var target, String accessors,
      Object source, boolean declares) {
    held.put(target, accessors);
    names.spell(target, accessors);
    // A call's components are an array nothing else writes: only the copy is recorded.
    return source instanceof Slice slice ? filled(statement, target, slice, declares, null, null)
        : filled(statement, target, Slice.of((Expr) source), declares, (Expr) source, null);
  }

  /**
   * {@code target = new T[length]} and the loop copying {@code slice} into it, recorded as a
   * copy from {@code from} (null for a call's components) that {@code named} spells for an
   * array of records.
   */
  private Stmt filled(com.sun.source.tree.Tree statement, Expr.Var target, Slice slice,
      boolean declares, Expr from, String named) {
    Source where = context.source(statement);
    names.accept(statement, target, new Expr.NewArray(target.type(), List.of()), declares);
    Expr created = new Expr.NewArray(target.type(), List.of(slice.length()));
    Stmt loop = library.copyRange(slice.array(), slice.offset(), target,
        ArrayLibrary.literal(0), slice.length(), where);
    copies.put(loop, new Copy(from, where, named));
    return new Stmt.Block(List.of(declares ? new Stmt.Declare(target, created, where)
        : new Stmt.Assign(target, created, where), loop));
  }


  /**
   * {@code target} declared holding an empty array of its own, before the branches of a
   * {@code ?:} give it a copy.
   */
  Stmt declareEmpty(com.sun.source.tree.Tree statement, Expr.Var target, String accessors) {
    held.put(target, accessors);
    names.spell(target, accessors);
    names.accept(statement, target, new Expr.NewArray(target.type(), List.of()), true);
    return new Stmt.Declare(target, new Expr.NewArray(target.type(),
        List.of(ArrayLibrary.literal(0))), context.source(statement));
  }

  /**
   * {@code target}, an array of an array of records, given a new array filled from the numbers
   * of a call's components that {@code slice} says.
   */
  Stmt fill(com.sun.source.tree.Tree statement, Expr.Var target, Slice slice,
      boolean declares) {
    return filled(statement, target, slice, declares, null, null);
  }


  /**
   * {@code state = next} of arrays of records: each of {@code target}'s arrays given a copy of
   * {@code source}'s. Java's two names would share one array, whose elements either could then
   * write; so {@code source} may not be used after the copy at all.
   */
  Stmt copyArrays(com.sun.source.tree.Tree statement, RecordValues.Value target,
      RecordValues.Value source, String sourceName, boolean declares) {
    var parts = new LinkedHashMap<List<String>, Expr>();
    source.leaves().forEach(leaf -> parts.put(leaf.path(), leaf.value()));
    var statements = new ArrayList<Stmt>();
    for (RecordValues.Leaf leaf : target.leaves()) {
      Expr from = parts.get(leaf.path());
      statements.add(filled(statement, leaf.var(), Slice.of(from), declares, from, sourceName));
    }
    return new Stmt.Block(statements);
  }


  /** How the user reads a component: {@code s.pos().x()}. */
  static String accessors(String record, List<String> path) {
    return record + path.stream().map(p -> "." + p + "()").collect(
        java.util.stream.Collectors.joining());
  }

  /** The variables a component's value reads, a slice's too. */
  static Set<Expr.Var> variables(Object part) {
    if (part instanceof RecordVectors.Slice slice) {
      var all = new java.util.HashSet<Expr.Var>(Exprs.variables(slice.array()));
      all.addAll(Exprs.variables(slice.offset()));
      all.addAll(Exprs.variables(slice.length()));
      return all;
    }
    return Exprs.variables((Expr) part);
  }

  /** Reports the statements that would tell the copies from Java's shared arrays. */
  void check(Stmt.Block body, Sites sites) {
    var walk = new Walk();
    walk.block(body, List.of());
    // An array of records used after a copy: reported at its first use, once per copy.
    Set<Integer> copiesReported = new java.util.HashSet<>();
    for (Walk.Event use : walk.uses) {
      Set<Expr.Var> owners = names.ownersOf(use.array());
      walk.copies.stream()
          .filter(copy -> copy.named() != null)
          .filter(copy -> !copiesReported.contains(copy.source().site()))
          .filter(copy -> !Collections.disjoint(owners, names.ownersOf(copy.array())))
          .filter(copy -> after(use, copy, walk.declaredIn))
          .findFirst()
          .ifPresent(copy -> {
            copiesReported.add(copy.source().site());
            report(sites, use, copy, "'" + copy.named() + "' is used after it was given to"
                + " another array of records on line " + copy.source().line() + ", which"
                + " Leibniz makes a copy of it: use the other array from there on");
          });
    }
    for (Walk.Event write : walk.writes) {
      Set<Expr.Var> owners = names.ownersOf(write.array());
      owners.stream().filter(held::containsKey).findFirst().ifPresentOrElse(
          record -> report(sites, write, write, "it is " + held.get(record) + "; a record's arrays are"
              + " read, not written: build a new record from new arrays"),
          () -> walk.copies.stream()
              .filter(copy -> copy.named() == null)
              .filter(copy -> !Collections.disjoint(owners, names.ownersOf(copy.array())))
              .filter(copy -> after(write, copy, walk.declaredIn))
              .findFirst()
              .ifPresent(copy -> report(sites, write, copy, "the record built from it on line "
                  + copy.source().line() + " would not see this write, which may run after it:"
                  + " finish writing the array before building the record, or build it from a"
                  + " new array")));
    }
  }

  /**
   * Whether {@code write} may run after {@code copy}: later in the method, or in a loop around
   * both that the copied array was declared outside of.
   */
  private boolean after(Walk.Event write, Walk.Event copy, Map<Expr.Var, Integer> declaredIn) {
    if (write.order() > copy.order()) {
      return true;
    }
    int shared = 0;
    while (shared < write.loops().size() && shared < copy.loops().size()
        && write.loops().get(shared) == copy.loops().get(shared)) {
      shared++;
    }
    int depth = names.ownersOf(copy.array()).stream()
        .mapToInt(owner -> declaredIn.getOrDefault(owner, 0)).min().orElse(0);
    return shared > depth;
  }

  /** An error at {@code at}'s statement, or where {@code otherwise} is if it has no line. */
  private void report(Sites sites, Walk.Event at, Walk.Event otherwise, String why) {
    Source where = at.source().site() >= 0 ? at.source() : otherwise.source();
    // A statement is many IR statements: one error for it.
    if (reported.add(where.site())) {
      sites.error(context.reporter(), where.site(), Message.RECORD_COPY, where.text(), why);
    }
  }

  /** The body in source order: its array writes, its copies, and how deep in loops each is. */
  private final class Walk {
    /**
     * A statement writing into, reading or copied from {@code array}, inside {@code loops};
     * for a copy of an array of records, {@code named} is how the user spells it.
     */
    record Event(Expr array, int order, List<Stmt.Loop> loops, Source source, String named) {}

    final List<Event> writes = new ArrayList<>();
    /** The arrays each statement that is not a copy reads or writes. */
    final List<Event> uses = new ArrayList<>();
    final List<Event> copies = new ArrayList<>();
    /** For each local, how many loops its declaration is in. */
    final Map<Expr.Var, Integer> declaredIn = new java.util.HashMap<>();
    private int order;

    void block(Stmt.Block block, List<Stmt.Loop> loops) {
      block.statements().forEach(statement -> statement(statement, loops));
    }

    private void statement(Stmt statement, List<Stmt.Loop> loops) {
      order++;
      if (RecordVectors.this.copies.containsKey(statement)) {
        Copy copy = RecordVectors.this.copies.get(statement);
        if (copy.from() != null) {
          copies.add(new Event(copy.from(), order, loops, copy.where(), copy.named()));
        }
        return;
      }
      Source source = sourceOf(statement);
      Stmts.expressions(statement).flatMap(e -> Exprs.variables(e).stream())
          .filter(v -> v.type().isArray())
          .forEach(v -> uses.add(new Event(v, order, loops, source, null)));
      if (statement instanceof Stmt.Declare d) {
        declaredIn.put(d.var(), loops.size());
      } else if (statement instanceof Stmt.Assign a && a.target() instanceof Expr.Index) {
        writes.add(new Event(a.variable(), order, loops, a.source(), null));
      } else if (statement instanceof Stmt.Write w) {
        w.writtenVariables().forEach(v -> writes.add(new Event(v, order, loops, w.source(),
            null)));
      } else if (statement instanceof Stmt.Loop loop) {
        var inside = new ArrayList<>(loops);
        inside.add(loop);
        block(loop.body(), inside);
        block(loop.update(), inside);
      } else {
        Stmts.children(statement)
            .forEach(child -> statement(child, loops));
      }
    }

    /** Where a statement is, for an error: its own line, or for a loop or branch its header's. */
    private static Source sourceOf(Stmt statement) {
      if (statement instanceof Stmt.Declare d) {
        return d.source();
      } else if (statement instanceof Stmt.Assign a) {
        return a.source();
      } else if (statement instanceof Stmt.Write w) {
        return w.source();
      } else if (statement instanceof Stmt.Return r) {
        return r.source();
      } else if (statement instanceof Stmt.If i) {
        return i.source();
      } else if (statement instanceof Stmt.Loop l) {
        return l.source();
      }
      return Source.NONE;
    }
  }
}
