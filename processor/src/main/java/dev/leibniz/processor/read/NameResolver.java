package dev.leibniz.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.TypeRef;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Resolves the names a method body mentions the way Java would, but from declarations alone:
 * during annotation processing bodies are not attributed. Knows the enclosing classes, their
 * supertypes, the imports of the file and its package.
 */
final class NameResolver {
  private final Elements elements;
  private final CompilationUnitTree unit;
  private final TypeElement owner;

  NameResolver(Elements elements, CompilationUnitTree unit, TypeElement owner) {
    this.elements = elements;
    this.unit = unit;
    this.owner = owner;
  }

  /** A resolver for the same file, seen from another of its classes. */
  NameResolver from(TypeElement other) {
    return new NameResolver(elements, unit, other);
  }
  /** The compiler's view of the program's elements. */
  Elements elements() {
    return elements;
  }


  /** A class named by simple or qualified name, as seen from the method's class. */
  Optional<TypeElement> type(String name) {
    if (name.contains(".")) {
      return Optional.ofNullable(elements.getTypeElement(name))
          .or(() -> nestedByPath(name));
    }
    for (Element scope = owner; scope instanceof TypeElement t; scope = t.getEnclosingElement()) {
      if (t.getSimpleName().contentEquals(name)) {
        return Optional.of(t);
      }
      Optional<TypeElement> member = memberType(t, name);
      if (member.isPresent()) {
        return member;
      }
    }
    return imported(name)
        .or(() -> Optional.ofNullable(elements.getTypeElement(packageOf(owner) + name)))
        .or(() -> Optional.ofNullable(elements.getTypeElement("java.lang." + name)))
        .or(() -> onDemand(name));
  }

  /** A field visible by simple name: declared or inherited by an enclosing class, or imported. */
  Optional<VariableElement> field(String name) {
    for (Element scope = owner; scope instanceof TypeElement t; scope = t.getEnclosingElement()) {
      Optional<VariableElement> found = fieldOf(t, name);
      if (found.isPresent()) {
        return found;
      }
    }
    return staticImport(name);
  }

  /** A field of a class or of one of its superclasses. */
  Optional<VariableElement> fieldOf(TypeElement type, String name) {
    for (TypeElement t = type; t != null; t = superclass(t)) {
      for (VariableElement f : ElementFilter.fieldsIn(t.getEnclosedElements())) {
        if (f.getSimpleName().contentEquals(name)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  /** The members of a class, inherited ones included. */
  List<? extends Element> allMembers(TypeElement type) {
    return elements.getAllMembers(type);
  }

  /** Whether a function name is statically imported from {@code Math} or {@code StrictMath}. */
  Optional<TypeRef> staticallyImportedFunction(String name) {
    for (ImportTree imp : unit.getImports()) {
      if (imp.isStatic() && imp.getQualifiedIdentifier() instanceof MemberSelectTree select) {
        String member = select.getIdentifier().toString();
        String typeName = select.getExpression().toString();
        if (member.equals(name) || member.equals("*")) {
          if (typeName.equals("java.lang.Math")) {
            return Optional.of(TypeRef.MATH);
          } else if (typeName.equals("java.lang.StrictMath")) {
            return Optional.of(TypeRef.STRICT_MATH);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Whether generated code in the method's package can read the field. */
  boolean accessible(VariableElement field) {
    Element declaring = field.getEnclosingElement();
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    return field.getModifiers().contains(Modifier.PUBLIC)
        || packageOf(declaring).equals(packageOf(owner));
  }

  /** The IR type of a field or parameter type. */
  static Type typeOf(TypeMirror mirror) {
    return switch (mirror.getKind()) {
      case DOUBLE -> Type.DOUBLE;
      case FLOAT -> Type.FLOAT;
      case INT -> Type.INT;
      case LONG -> Type.LONG;
      case BOOLEAN -> Type.BOOLEAN;
      case CHAR -> Type.CHAR;
      case DECLARED -> Type.OBJECT;
      case ARRAY -> arrayType((ArrayType) mirror);
      default -> null;
    };
  }

  private static Type arrayType(ArrayType array) {
    TypeMirror component = array.getComponentType();
    if (component.getKind() == TypeKind.DOUBLE || component.getKind() == TypeKind.FLOAT) {
      return Type.arrayOf(typeOf(component));
    }
    boolean matrix = component instanceof ArrayType row
        && (row.getComponentType().getKind() == TypeKind.DOUBLE
            || row.getComponentType().getKind() == TypeKind.FLOAT);
    return matrix ? Type.arrayOf(arrayType((ArrayType) component)) : null;
  }

  private Optional<TypeElement> nestedByPath(String name) {
    int dot = name.lastIndexOf('.');
    return type(name.substring(0, dot))
        .flatMap(outer -> memberType(outer, name.substring(dot + 1)));
  }

  private Optional<TypeElement> memberType(TypeElement t, String name) {
    return ElementFilter.typesIn(t.getEnclosedElements()).stream()
        .filter(member -> member.getSimpleName().contentEquals(name))
        .findFirst();
  }

  private Optional<TypeElement> imported(String name) {
    for (ImportTree imp : unit.getImports()) {
      String qualified = imp.getQualifiedIdentifier().toString();
      if (!imp.isStatic() && qualified.endsWith("." + name)) {
        return Optional.ofNullable(elements.getTypeElement(qualified));
      }
    }
    return Optional.empty();
  }

  private Optional<TypeElement> onDemand(String name) {
    for (ImportTree imp : unit.getImports()) {
      String qualified = imp.getQualifiedIdentifier().toString();
      if (!imp.isStatic() && qualified.endsWith(".*")) {
        String prefix = qualified.substring(0, qualified.length() - 1);
        TypeElement found = elements.getTypeElement(prefix + name);
        if (found != null) {
          return Optional.of(found);
        }
      }
    }
    return Optional.empty();
  }

  private Optional<VariableElement> staticImport(String name) {
    for (ImportTree imp : unit.getImports()) {
      if (imp.isStatic() && imp.getQualifiedIdentifier() instanceof MemberSelectTree select) {
        String member = select.getIdentifier().toString();
        if (member.equals(name) || member.equals("*")) {
          Optional<VariableElement> found =
              type(select.getExpression().toString()).flatMap(t -> fieldOf(t, name));
          if (found.isPresent()) {
            return found;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static TypeElement superclass(TypeElement type) {
    TypeMirror sup = type.getSuperclass();
    if (sup.getKind() == TypeKind.DECLARED
        && ((DeclaredType) sup).asElement() instanceof TypeElement t
        && t.getKind() != ElementKind.INTERFACE) {
      return t;
    }
    return null;
  }

  private String packageOf(Element element) {
    PackageElement pkg = elements.getPackageOf(element);
    return pkg.isUnnamed() ? "" : pkg.getQualifiedName() + ".";
  }
}
