package dev.leibniz.processor.lower;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MethodIR;
import dev.leibniz.processor.ir.Rewrite;
import dev.leibniz.processor.ir.Source;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.Exprs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the names a method gives to arrays it does not own ({@code double[] w =
 * params[2 * layer]}, {@code input = hidden[layer]}, a for-each over rows) into what they name,
 * so that every later phase sees only arrays that own their elements, and every element has one
 * name and one adjoint: {@code w[j]} becomes {@code params[_wRow][j]}, whose adjoint is
 * {@code dParams[_wRow][j]}.
 *
 * <p>A name stands for one of a few <em>alternatives</em>: an owning array, or the rows of an
 * owning matrix. Which row is an {@code int} the method assigns ({@code _wRow}); when a name can
 * stand for several arrays ({@code input = x}, later {@code input = hidden[layer]}), which one is
 * an {@code int} too ({@code _inputSource}), and each statement that reads or writes through the
 * name becomes a branch over the alternatives. These are ordinary variables, so the analyses save
 * and restore them like any other, and the backward sweep sees each name as it was.
 */
public final class Views {
  /** An array a name can stand for: an owning variable, or one of its rows. */
  private record Alternative(Expr.Var owner, boolean row) {}

  /** How a name is kept: which alternative ({@code source}, if several) and which row. */
  private record Name(List<Alternative> alternatives, Expr.Var source, Expr.Var row) {}

  private final Map<Expr.Var, List<Expr>> assigned = new LinkedHashMap<>();
  /**
   * Locals declared with an array of their own and later made to name another: the variable
   * that keeps the array each was declared with.
   */
  private final Map<Expr.Var, Expr.Var> declaredArrays = new LinkedHashMap<>();
  private final Map<Expr.Var, Name> names = new LinkedHashMap<>();
  private final List<Alternative> ids = new ArrayList<>();
  private final Set<String> taken = new HashSet<>();

  /** A name read where a branch cannot be made: the condition of a loop. */
  public static final class Unfollowable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Source source;

    Unfollowable(Source source, String message) {
      super(message);
      this.source = source;
    }

    /** The statement that cannot be rewritten. */
    public Source source() {
      return source;
    }
  }

  private Views() {}

  /** {@code method} without names for arrays it does not own. */
  public static MethodIR lower(MethodIR method) {
    var views = new Views();
    views.collect(method);
    if (views.assigned.isEmpty()) {
      return method;
    }
    NameScopes.check(method, views.assigned.keySet());
    views.name(method);
    return method.withBody(new Stmt.Block(views.block(method.body().statements())));
  }

  private void collect(MethodIR method) {
    Stmts.all(method.body()).forEach(s -> {
      if (s instanceof Stmt.Declare d && d.var().type().isArray() && d.init() != null
          && !isView(d.init())) {
        declaredArrays.put(d.var(), d.var());
      } else if (s instanceof Stmt.Declare d && d.var().type().isArray() && isView(d.init())) {
        assigned.computeIfAbsent(d.var(), v -> new ArrayList<>()).add(d.init());
      } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v
          && v.type().isArray() && isView(a.value())) {
        assigned.computeIfAbsent(v, x -> new ArrayList<>()).add(a.value());
      }
    });
  }

  static boolean isView(Expr e) {
    return e instanceof Expr.Var || (e instanceof Expr.Index i && i.type().isArray());
  }

  private void name(MethodIR method) {
    method.allParams().forEach(p -> taken.add(p.var().name()));
    taken.addAll(Exprs.mentioned(List.of(method.body())).stream().map(Expr.Var::name).toList());
    declaredArrays.keySet().retainAll(assigned.keySet());
    declaredArrays.replaceAll((local, same) -> {
      Expr.Var own = new Expr.Var(fresh("_" + local.name() + "Own").name(), local.type());
      assigned.get(local).add(0, own);
      return own;
    });
    for (Expr.Var view : assigned.keySet()) {
      List<Alternative> alternatives = List.copyOf(alternatives(view, new HashSet<>()));
      alternatives.forEach(a -> {
        if (!ids.contains(a)) {
          ids.add(a);
        }
      });
      boolean rows = alternatives.stream().anyMatch(Alternative::row);
      names.put(view, new Name(alternatives,
          alternatives.size() > 1 ? fresh("_" + view.name() + "Source") : null,
          rows ? fresh("_" + view.name() + "Row") : null));
    }
  }

  private Set<Alternative> alternatives(Expr.Var view, Set<Expr.Var> visiting) {
    var found = new LinkedHashSet<Alternative>();
    if (!visiting.add(view)) {
      return found;
    }
    for (Expr value : assigned.get(view)) {
      if (value instanceof Expr.Var v) {
        if (assigned.containsKey(v)) {
          found.addAll(alternatives(v, visiting));
        } else {
          found.add(new Alternative(v, false));
        }
      } else {
        var matrix = (Expr.Var) ((Expr.Index) value).array();
        if (assigned.containsKey(matrix)) {
          alternatives(matrix, visiting).forEach(a -> found.add(new Alternative(a.owner(), true)));
        } else {
          found.add(new Alternative(matrix, true));
        }
      }
    }
    return found;
  }

  private Expr.Var fresh(String base) {
    String name = base;
    for (int suffix = 2; taken.contains(name); suffix++) {
      name = base + suffix;
    }
    taken.add(name);
    return new Expr.Var(name, Type.INT);
  }

  private List<Stmt> block(List<Stmt> statements) {
    var out = new ArrayList<Stmt>();
    statements.forEach(s -> out.addAll(statement(s)));
    return out;
  }

  private Stmt.Block nested(Stmt.Block b) {
    return new Stmt.Block(block(b.statements()));
  }

  private List<Stmt> statement(Stmt s) {
    return s.accept(new Stmt.SourceVisitor<>() {
      @Override
      public List<Stmt> declare(Stmt.Declare d) {
        Expr.Var own = declaredArrays.get(d.var());
        if (own != null) {
          // The array the local is declared with, in a variable of its own that it names.
          var out = new ArrayList<>(rest(new Stmt.Declare(own, d.init(), d.source())));
          out.addAll(bind(names.get(d.var()), own, true, d.source()));
          return out;
        }
        return names.containsKey(d.var()) ? bind(names.get(d.var()), d.init(), true, d.source())
            : rest(d);
      }

      @Override
      public List<Stmt> assign(Stmt.Assign a) {
        return a.target() instanceof Expr.Var v && names.containsKey(v)
            ? bind(names.get(v), a.value(), false, a.source())
            : rest(a);
      }

      @Override
      public List<Stmt> block(Stmt.Block b) {
        return List.of(nested(b));
      }

      @Override
      public List<Stmt> branch(Stmt.If i) {
        return Views.this.branch(i);
      }

      @Override
      public List<Stmt> loop(Stmt.Loop l) {
        Expr condition = resolved(l.condition());
        if (!severalAt(condition).isEmpty()) {
          throw new Unfollowable(l.source(), "the loop's condition reads an array through a name"
              + " that stands for different arrays at different times: read it into a local"
              + " before the loop and at the end of its body");
        }
        return List.of(l.with(condition, nested(l.body()), nested(l.update())));
      }

      @Override
      public List<Stmt> returns(Stmt.Return r) {
        return rest(r);
      }

      @Override
      public List<Stmt> write(Stmt.Write w) {
        return rest(w);
      }

      @Override
      public List<Stmt> breaks(Stmt.Break b) {
        return rest(b);
      }

      @Override
      public List<Stmt> continues(Stmt.Continue c) {
        return rest(c);
      }

      /** Second order reads the pushforward's code, whose calls of partials are generated. */
      @Override
      public List<Stmt> generated(Stmt.Generated g) {
        return rest(g);
      }
    });
  }

  /** A statement that names no array anew: its names read as the one array each stands for. */
  private List<Stmt> rest(Stmt s) {
    return simple(Rewrite.everywhere(s, singleMeanings()));
  }

  /**
   * {@code w = value} as the assignments of {@code w}'s source and row: which alternative the
   * value is, and which row.
   */
  private List<Stmt> bind(Name name, Expr value, boolean declares, Source source) {
    var out = new ArrayList<Stmt>();
    Expr sourceValue = literal(0);
    Expr rowValue = literal(0);
    if (value instanceof Expr.Var v && names.containsKey(v)) {
      Name other = names.get(v);
      sourceValue = other.source() != null ? other.source() : literal(id(other, 0));
      rowValue = other.row() != null ? other.row() : rowValue;
    } else if (value instanceof Expr.Var v) {
      sourceValue = literal(ids.indexOf(new Alternative(v, false)));
    } else if (value instanceof Expr.Index index) {
      var matrix = (Expr.Var) index.array();
      rowValue = resolved(index.index());
      sourceValue = names.containsKey(matrix)
          ? rowOf(names.get(matrix))
          : literal(ids.indexOf(new Alternative(matrix, true)));
    }
    if (name.source() != null) {
      out.add(assignment(name.source(), sourceValue, declares || value == null, source));
    }
    if (name.row() != null) {
      out.add(assignment(name.row(), rowValue, declares || value == null, source));
    }
    return out;
  }

  /** The id of the rows of whatever matrix {@code matrix} names. */
  private Expr rowOf(Name matrix) {
    if (matrix.source() == null) {
      return literal(ids.indexOf(new Alternative(matrix.alternatives().get(0).owner(), true)));
    }
    Expr chosen = literal(-1);
    for (Alternative a : matrix.alternatives()) {
      chosen = matrix.source().isEqualTo(literal(ids.indexOf(a)))
          .choose(literal(ids.indexOf(new Alternative(a.owner(), true))), chosen);
    }
    return chosen;
  }

  private int id(Name name, int k) {
    return ids.indexOf(name.alternatives().get(k));
  }

  private static Stmt assignment(Expr.Var v, Expr value, boolean declares, Source source) {
    return declares ? new Stmt.Declare(v, value, source) : new Stmt.Assign(v, value, source);
  }

  private List<Stmt> branch(Stmt.If i) {
    Expr condition = resolved(i.condition());
    var out = new ArrayList<Stmt>();
    if (!severalAt(condition).isEmpty()) {
      Expr.Var decided = new Expr.Var(fresh("_decided").name(), Type.BOOLEAN);
      out.add(new Stmt.Declare(decided, null, i.source()));
      out.addAll(simple(new Stmt.Assign(decided, condition, i.source())));
      condition = decided;
    }
    out.add(new Stmt.If(condition, nested(i.then()), nested(i.otherwise()), i.source()));
    return out;
  }

  /**
   * A statement with no nested statements, names with one meaning already replaced: one copy
   * per alternative of each name with several, in a branch on which one it is.
   */
  private List<Stmt> simple(Stmt s) {
    List<Expr.Var> several = Stmts.expressions(s).flatMap(e -> severalAt(e).stream()).toList();
    if (several.isEmpty()) {
      return List.of(s);
    }
    if (s instanceof Stmt.Declare d) {
      var out = new ArrayList<Stmt>();
      out.add(new Stmt.Declare(d.var(), null, d.source()));
      out.addAll(simple(new Stmt.Assign(d.var(), d.init(), d.source())));
      return out;
    } else if (s instanceof Stmt.Return r) {
      Expr.Var result = new Expr.Var(fresh("_returned").name(), r.value().type());
      var out = new ArrayList<Stmt>();
      out.add(new Stmt.Declare(result, null, r.source()));
      out.addAll(simple(new Stmt.Assign(result, r.value(), r.source())));
      out.add(new Stmt.Return(result, r.source()));
      return out;
    }
    Expr.Var view = several.get(0);
    Name name = names.get(view);
    Stmt chain = null;
    for (int k = name.alternatives().size() - 1; k >= 0; k--) {
      var meaning = Map.<Expr.Var, Expr>of(view, meaning(name, k));
      Stmt.Block copy = new Stmt.Block(simple(Rewrite.everywhere(s, meaning)));
      chain = chain == null ? copy : new Stmt.If(
          name.source().isEqualTo(literal(id(name, k))), copy,
          new Stmt.Block(List.of(chain)), Source.NONE);
    }
    return chain instanceof Stmt.Block b ? b.statements() : List.of(chain);
  }

  /** {@code e} with names of one meaning replaced, and lengths of the others chosen. */
  private Expr resolved(Expr e) {
    Expr single = Rewrite.expression(e, singleMeanings());
    return Rewrite.map(single, x -> {
      if (x instanceof Expr.Length l && l.array() instanceof Expr.Var v && names.containsKey(v)) {
        Name name = names.get(v);
        Expr length = new Expr.Length(meaning(name, 0));
        for (int k = 1; k < name.alternatives().size(); k++) {
          length = name.source().isEqualTo(literal(id(name, k)))
              .choose(new Expr.Length(meaning(name, k)), length);
        }
        return length;
      }
      return x;
    });
  }

  /** The names that stand for several arrays and that {@code e} still mentions. */
  private List<Expr.Var> severalAt(Expr e) {
    return Exprs.variables(e).stream().filter(names::containsKey).toList();
  }

  private Map<Expr.Var, Expr> singleMeanings() {
    var meanings = new HashMap<Expr.Var, Expr>();
    names.forEach((view, name) -> {
      if (name.source() == null) {
        meanings.put(view, meaning(name, 0));
      }
    });
    return meanings;
  }

  /** The array the name stands for in its {@code k}-th alternative. */
  private static Expr meaning(Name name, int k) {
    Alternative a = name.alternatives().get(k);
    return a.row()
        ? new Expr.Index(a.owner(), name.row(), a.owner().type().element())
        : a.owner();
  }

  private static Expr literal(int value) {
    return new Expr.Literal(Type.INT, value);
  }
}
