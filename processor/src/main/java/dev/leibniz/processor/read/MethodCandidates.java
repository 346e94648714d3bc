package dev.leibniz.processor.read;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.ElementFilter;

/**
 * The methods a call may be of and what it is made on, found as Java finds them: by where it is
 * called (a record value, an object, a class, unqualified), by name, by arity and by the
 * arguments' types, the most specific overload first.
 */
final class MethodCandidates {
  private final ReadContext context;
  private final ExpressionReader expressions;
  private final RecordArguments recordArguments;

  MethodCandidates(ReadContext context, ExpressionReader expressions,
      RecordArguments recordArguments) {
    this.context = context;
    this.expressions = expressions;
    this.recordArguments = recordArguments;
  }

  /**
   * The methods a call may be of, by where it is called: on a record value, its record's
   * instance methods; on an object, its class's; on a class, its static methods; unqualified,
   * the own record's methods or the enclosing classes'.
   */
  List<ExecutableElement> candidates(ExpressionTree select, String name,
      RecordReader records) {
    if (!(select instanceof MemberSelectTree member)) {
      return selfMethods(records, name).orElseGet(() -> enclosingMethods(name));
    }
    ExpressionTree target = member.getExpression();
    if (records.valueOf(target) instanceof RecordValues.Value record) {
      return records.element(record.type()).map(t -> instanceMethods(t, name))
          .orElse(List.of());
    }
    Expr.Var object = isName(target) ? objectVariable(target) : null;
    if (object != null) {
      return methodsOf(context.objectTypes().get(object.name()), name);
    }
    Optional<VariableElement> field = isName(target) ? objectField(target) : Optional.empty();
    if (field.isPresent()) {
      return methodsOf(field.get().asType(), name).stream()
          .filter(m -> !m.getModifiers().contains(Modifier.STATIC)).toList();
    }
    return isName(target) ? context.names().type(target.toString())
        .map(t -> statics(methodsOf(t.asType(), name))).orElse(List.of()) : List.of();
  }

  /**
   * What a call is made on, as its first argument: a record value's components ({@code v.m(…)}),
   * an object, or in a record's own method this record; null for a static call.
   */
  Expr receiver(ExpressionTree select, Object value, String name,
      RecordReader records) {
    if (value instanceof RecordValues.Value record) {
      return recordArguments.standIn(record);
    }
    if (select instanceof MemberSelectTree member) {
      Expr.Var object = objectVariable(member.getExpression());
      return object == null && objectField(member.getExpression()).isPresent()
          ? expressions.read(member.getExpression()) : object;
    }
    return selfMethods(records, name).isPresent()
        ? recordArguments.standIn(context.scope().value("this")) : null;
  }

  /** In a record's own method, the record's instance methods named {@code name}, if any. */
  private Optional<List<ExecutableElement>> selfMethods(RecordReader records, String name) {
    RecordValues.Value self = context.scope().value("this");
    return self == null ? Optional.empty() : records.element(self.type())
        .map(t -> instanceMethods(t, name)).filter(m -> !m.isEmpty());
  }

  private List<ExecutableElement> instanceMethods(TypeElement type, String name) {
    return methodsOf(type.asType(), name).stream()
        .filter(m -> !m.getModifiers().contains(Modifier.STATIC)).toList();
  }

  /** A plain name or a dotted one: {@code x}, {@code this}, {@code Math}, {@code p.Q}. */
  static boolean isName(ExpressionTree target) {
    if (target instanceof IdentifierTree id) {
      return !id.getName().contentEquals("super");
    }
    return target instanceof MemberSelectTree select && isName(select.getExpression());
  }

  /**
   * How many arguments have exactly their parameter's type: among applicable overloads, Java's
   * most specific is the one that needs the fewest widenings.
   */
  static int exactMatches(ExecutableElement method, List<Expr> args) {
    int exact = 0;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).type().equals(RecordArguments.declaredType(method.getParameters().get(i)))) {
        exact++;
      }
    }
    return exact;
  }

  /** Whether Java could call {@code method} with arguments of these types. */
  static boolean applicable(ExecutableElement method, List<Expr> args) {
    List<? extends VariableElement> params = method.getParameters();
    if (params.size() != args.size() || method.isVarArgs()) {
      return false;
    }
    for (int i = 0; i < params.size(); i++) {
      Type param = RecordArguments.declaredType(params.get(i));
      Type arg = args.get(i).type();
      if (!java.util.Objects.equals(param, arg) && !widens(arg, param)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Java's widening primitive conversions among the numbers Leibniz reads (JLS 5.1.2): a
   * {@code char} to any of them.
   */
  private static boolean widens(Type from, Type to) {
    List<Type> order = List.of(Type.INT, Type.LONG, Type.FLOAT, Type.DOUBLE);
    if (from == Type.CHAR) {
      return order.contains(to);
    }
    return from != null && to != null && order.contains(from) && order.contains(to)
        && order.indexOf(from) < order.indexOf(to);
  }

  private List<ExecutableElement> enclosingMethods(String name) {
    var found = new ArrayList<ExecutableElement>();
    for (Element scope = context.owner(); scope instanceof TypeElement t;
        scope = t.getEnclosingElement()) {
      List<ExecutableElement> methods = methodsOf(t.asType(), name);
      if (scope != context.owner()) {
        methods = statics(methods);
      }
      found.addAll(methods);
    }
    if (context.receiver() == null) {
      return statics(found);
    }
    return found;
  }

  private List<ExecutableElement> methodsOf(javax.lang.model.type.TypeMirror type, String name) {
    if (!(type instanceof DeclaredType declared)) {
      return List.of();
    }
    var element = (TypeElement) declared.asElement();
    return ElementFilter.methodsIn(context.names().allMembers(element)).stream()
        .filter(m -> m.getSimpleName().contentEquals(name))
        .toList();
  }

  private static List<ExecutableElement> statics(List<ExecutableElement> methods) {
    return methods.stream().filter(m -> m.getModifiers().contains(Modifier.STATIC)).toList();
  }

  /**
   * The static field of an object type a call is made on ({@code OPS.length()},
   * {@code Tables.WEIGHTS.get(i)}), which Java takes for the variable before a class of that
   * name; empty for anything else.
   */
  private Optional<VariableElement> objectField(ExpressionTree target) {
    Optional<VariableElement> field = Optional.empty();
    if (target instanceof IdentifierTree id && context.scope().lookup(id.getName().toString())
        == null) {
      field = context.names().field(id.getName().toString());
    } else if (target instanceof MemberSelectTree select) {
      field = context.names().type(select.getExpression().toString())
          .flatMap(t -> context.names().fieldOf(t, select.getIdentifier().toString()));
    }
    return field.filter(f -> f.getModifiers().contains(Modifier.STATIC)
        && f.asType().getKind() == javax.lang.model.type.TypeKind.DECLARED);
  }

  private Expr.Var objectVariable(ExpressionTree target) {
    if (target instanceof IdentifierTree id) {
      if (id.getName().contentEquals("this")) {
        return context.receiver();
      }
      Expr.Var variable = context.scope().lookup(id.getName().toString());
      return variable != null && variable.type() == Type.OBJECT ? variable : null;
    }
    return null;
  }
}
