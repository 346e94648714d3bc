package dev.leibniz.processor.read;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Whether a record is plain: its canonical constructor and its accessors leave the components
 * as given. Leibniz reads {@code new R(a, b)} as the components {@code a} and {@code b}, reads
 * {@code r.x()} as the component {@code x}, and builds gradient records with the constructor. A
 * constructor that normalizes its components (a unit vector) or an accessor that computes
 * (returns {@code 2 * x}) would make the first two a wrong value, and a constructor that checks
 * them (a mass that must be positive) could refuse a gradient. So a canonical constructor may
 * only assign the fields from their parameters and do what reads no component that carries a
 * derivative, and an accessor may only return its field.
 */
final class PlainRecords {
  private final Trees trees;
  private final Elements elements;

  PlainRecords(Trees trees, Elements elements) {
    this.trees = trees;
    this.elements = elements;
  }

  /**
   * Why records of {@code type} (or of the records inside it) cannot be differentiated, or
   * empty when their constructors leave the components as given.
   */
  Optional<String> problem(TypeMirror type) {
    return problem(type, new HashSet<>());
  }

  private Optional<String> problem(TypeMirror type, Set<Element> seen) {
    if (type instanceof ArrayType array) {
      return problem(array.getComponentType(), seen);
    }
    if (!(type instanceof DeclaredType declared)
        || !(declared.asElement() instanceof TypeElement record)
        || RecordValues.components(record).isEmpty()
        || !seen.add(declared.asElement())) {
      return Optional.empty();
    }
    if (record.getKind() != ElementKind.RECORD) {
      return copiesOnly(record).or(() -> inner(record, seen));
    }
    Optional<String> own = canonical(record).flatMap(c -> changes(record, c))
        .or(() -> computedAccessor(record));
    if (own.isPresent()) {
      return own;
    }
    return inner(record, seen);
  }

  /** Why the records inside {@code record}'s components cannot be differentiated, or empty. */
  private Optional<String> inner(TypeElement record, Set<Element> seen) {
    for (Element c : RecordValues.components(record).orElseThrow()) {
      Optional<String> inner = problem(c.asType(), seen);
      if (inner.isPresent()) {
        return inner;
      }
    }
    return Optional.empty();
  }

  /**
   * Why a value class's constructor does more than copy its parameters into its fields
   * ({@code this.re = re;}), or empty; a class from a jar, whose constructor cannot be read,
   * is not followed.
   */
  private Optional<String> copiesOnly(TypeElement type) {
    MethodTree tree = trees.getTree(ValueClasses.constructor(type));
    String name = type.getSimpleName().toString();
    if (tree == null || tree.getBody() == null) {
      return Optional.of("Leibniz reads a final class such as " + name + " as a record only"
          + " where its constructor's source is at hand, to see that it copies its parameters");
    }
    for (StatementTree statement : tree.getBody().getStatements()) {
      boolean superCall = statement.toString().trim().equals("super();");
      if (!isFieldCopy(statement) && !superCall) {
        return Optional.of("the constructor of " + name + " does more than copy its parameters"
            + " into its fields (" + statement.toString().trim().replaceAll(";$", "") + "), so"
            + " Leibniz could neither read new " + name + "(…) as its arguments nor build a"
            + " gradient with it; keep the constructor to this.f = f, and compute in a method");
      }
    }
    return computedGetter(type);
  }

  /** Why a getter of a value class's private field does more than return the field. */
  private Optional<String> computedGetter(TypeElement type) {
    for (VariableElement field : ValueClasses.fields(type).orElseThrow()) {
      Optional<ExecutableElement> getter = ValueClasses.getter(type, field);
      MethodTree tree = getter.map(trees::getTree).orElse(null);
      if (!field.getModifiers().contains(Modifier.PRIVATE) || tree == null) {
        continue;
      }
      String name = field.getSimpleName().toString();
      List<? extends StatementTree> body = tree.getBody().getStatements();
      boolean plain = body.size() == 1 && body.get(0) instanceof ReturnTree returned
          && List.of(name, "this." + name).contains(String.valueOf(returned.getExpression()));
      if (!plain) {
        return Optional.of("the getter " + tree.getName() + "() of " + type.getSimpleName()
            + " computes its value, which Leibniz would read as the field " + name + " itself;"
            + " keep it to return " + name + ", and compute in a method");
      }
    }
    return Optional.empty();
  }

  /**
   * Why {@code new R(…)} cannot be read as its arguments, or empty: the record is not plain,
   * or the constructor called is not the canonical one, which could do anything.
   */
  Optional<String> construction(TypeElement record, com.sun.source.tree.NewClassTree created) {
    int arity = created.getArguments().size();
    boolean canonical = arity == RecordValues.components(record).map(List::size).orElse(-1)
        && ElementFilter.constructorsIn(record.getEnclosedElements()).stream()
            .filter(c -> c.getParameters().size() == arity).count() == 1;
    return problem(record.asType()).or(() -> canonical ? Optional.empty()
        : Optional.of("Leibniz reads new " + created.getIdentifier() + "(…) through the"
            + " canonical constructor, one argument per component, and another constructor"
            + " could do anything: pass the components"));
  }

  private static Optional<ExecutableElement> canonical(TypeElement record) {
    List<? extends RecordComponentElement> components = record.getRecordComponents();
    return ElementFilter.constructorsIn(record.getEnclosedElements()).stream()
        .filter(c -> c.getParameters().size() == components.size())
        .filter(c -> {
          for (int i = 0; i < components.size(); i++) {
            if (!c.getParameters().get(i).asType().toString()
                .equals(components.get(i).asType().toString())) {
              return false;
            }
          }
          return true;
        })
        .findFirst();
  }

  private Optional<String> changes(TypeElement record, ExecutableElement constructor) {
    if (elements.getOrigin(constructor) == Elements.Origin.MANDATED) {
      return Optional.empty();
    }
    MethodTree tree = trees.getTree(constructor);
    String name = record.getSimpleName().toString();
    if (tree == null || tree.getBody() == null) {
      // Compiled in a jar: a class file does not tell an implicit constructor from another.
      return Optional.empty();
    }
    Set<String> differentiable = new HashSet<>();
    for (RecordComponentElement c : record.getRecordComponents()) {
      if (RecordValues.typeOf(c.asType()).isPresent() || RecordValues.elementType(c.asType())
          .isPresent() || isDifferentiable(c.asType())) {
        differentiable.add(c.getSimpleName().toString());
      }
    }
    for (StatementTree statement : tree.getBody().getStatements()) {
      if (!isFieldCopy(statement) && reads(statement, differentiable)) {
        return Optional.of("the canonical constructor of " + name + " changes or checks"
            + " its components (" + statement.toString().trim().replaceAll(";$", "") + "), so Leibniz could neither"
            + " read new " + name + "(…) as its arguments nor build a gradient record with it;"
            + " keep the constructor to field assignments, and normalize in a method");
      }
    }
    return Optional.empty();
  }

  private static boolean isDifferentiable(TypeMirror type) {
    dev.leibniz.processor.ir.Type read = NameResolver.typeOf(type);
    return read != null && read.isDifferentiable();
  }

  /** Why an accessor of {@code record} is not plain: it does more than return its field. */
  private Optional<String> computedAccessor(TypeElement record) {
    for (RecordComponentElement c : record.getRecordComponents()) {
      ExecutableElement accessor = c.getAccessor();
      if (accessor == null || elements.getOrigin(accessor) == Elements.Origin.MANDATED) {
        continue;
      }
      MethodTree tree = trees.getTree(accessor);
      if (tree == null || tree.getBody() == null) {
        continue;
      }
      List<? extends StatementTree> body = tree.getBody().getStatements();
      String field = c.getSimpleName().toString();
      boolean plain = body.size() == 1 && body.get(0) instanceof ReturnTree returned
          && returned.getExpression() != null
          && List.of(field, "this." + field).contains(returned.getExpression().toString());
      if (!plain) {
        return Optional.of("the accessor " + field + "() of " + record.getSimpleName()
            + " computes its value, which Leibniz would read as the component " + field
            + " itself; keep the accessor to return " + field + ", and compute in a method");
      }
    }
    return Optional.empty();
  }

  /** {@code this.x = x;}, which the non-compact form of a constructor writes for each field. */
  private static boolean isFieldCopy(StatementTree statement) {
    return statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof AssignmentTree assignment
        && assignment.getVariable() instanceof MemberSelectTree field
        && field.getExpression().toString().equals("this")
        && assignment.getExpression() instanceof IdentifierTree value
        && value.getName().contentEquals(field.getIdentifier());
  }

  /** Whether {@code statement} mentions any of {@code names}. */
  private static boolean reads(StatementTree statement, Set<String> names) {
    Boolean found = new TreeScanner<Boolean, Void>() {
      @Override
      public Boolean visitIdentifier(IdentifierTree node, Void unused) {
        return names.contains(node.getName().toString());
      }

      @Override
      public Boolean reduce(Boolean a, Boolean b) {
        return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
      }
    }.scan(statement, null);
    return Boolean.TRUE.equals(found);
  }
}
