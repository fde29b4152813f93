package dev.sluice.converters.protobuf.text;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The types, packages and extensions visible from one {@code .proto} file, resolved the way
 * protoc does: a relative name is looked up from the innermost scope outwards.
 */
final class SymbolTable {

  /** What a type name stands for. */
  enum TypeKind {
    MESSAGE,
    ENUM
  }

  private final Map<String, TypeKind> types = new HashMap<>();
  private final Set<String> packages = new HashSet<>();
  private final Map<String, FieldDescriptor> extensions = new HashMap<>();

  SymbolTable() {
    packages.add("");
  }

  void addFile(FileDescriptorProto file) {
    addPackage(file.getPackage());
    String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
    for (DescriptorProto m : file.getMessageTypeList()) {
      addMessage(prefix + m.getName(), m);
    }
    for (EnumDescriptorProto e : file.getEnumTypeList()) {
      types.put(prefix + e.getName(), TypeKind.ENUM);
    }
  }

  void addDependency(FileDescriptor file, Set<String> seen) {
    if (!seen.add(file.getName())) {
      return;
    }
    addPackage(file.getPackage());
    for (Descriptor m : file.getMessageTypes()) {
      addMessage(m);
    }
    for (EnumDescriptor e : file.getEnumTypes()) {
      types.put(e.getFullName(), TypeKind.ENUM);
    }
    for (FieldDescriptor x : file.getExtensions()) {
      extensions.put(x.getFullName(), x);
    }
    for (FileDescriptor d : file.getDependencies()) {
      addDependency(d, seen);
    }
  }

  Collection<FieldDescriptor> extensions() {
    return extensions.values();
  }

  private void addMessage(Descriptor m) {
    types.put(m.getFullName(), TypeKind.MESSAGE);
    for (Descriptor n : m.getNestedTypes()) {
      addMessage(n);
    }
    for (EnumDescriptor e : m.getEnumTypes()) {
      types.put(e.getFullName(), TypeKind.ENUM);
    }
    for (FieldDescriptor x : m.getExtensions()) {
      extensions.put(x.getFullName(), x);
    }
  }

  private void addMessage(String fullName, DescriptorProto m) {
    types.put(fullName, TypeKind.MESSAGE);
    for (DescriptorProto n : m.getNestedTypeList()) {
      addMessage(fullName + "." + n.getName(), n);
    }
    for (EnumDescriptorProto e : m.getEnumTypeList()) {
      types.put(fullName + "." + e.getName(), TypeKind.ENUM);
    }
  }

  private void addPackage(String pkg) {
    String p = pkg;
    while (!p.isEmpty()) {
      packages.add(p);
      int dot = p.lastIndexOf('.');
      p = dot < 0 ? "" : p.substring(0, dot);
    }
  }

  TypeKind kind(String fullName) {
    return types.get(fullName);
  }

  /**
   * Resolves a type name used inside {@code scope}.
   *
   * @param name as written, e.g. {@code Value}, {@code a.b.Value} or {@code .a.b.Value}
   * @param scope full name of the enclosing message or the package
   * @return the full name without leading dot, or null if nothing matches
   */
  String resolveType(String name, String scope) {
    if (name.startsWith(".")) {
      String full = name.substring(1);
      return types.containsKey(full) ? full : null;
    }
    int dot = name.indexOf('.');
    String first = dot < 0 ? name : name.substring(0, dot);
    String s = scope;
    while (true) {
      String candidateFirst = s.isEmpty() ? first : s + "." + first;
      if (types.containsKey(candidateFirst) || packages.contains(candidateFirst)) {
        // Like protoc: the innermost scope that knows the first component decides.
        String full = s.isEmpty() ? name : s + "." + name;
        return types.containsKey(full) ? full : null;
      }
      if (s.isEmpty()) {
        return null;
      }
      int last = s.lastIndexOf('.');
      s = last < 0 ? "" : s.substring(0, last);
    }
  }

  /** Resolves an extension name used inside {@code scope}, like {@link #resolveType}. */
  FieldDescriptor resolveExtension(String name, String scope) {
    if (name.startsWith(".")) {
      return extensions.get(name.substring(1));
    }
    String s = scope;
    while (true) {
      FieldDescriptor found = extensions.get(s.isEmpty() ? name : s + "." + name);
      if (found != null) {
        return found;
      }
      if (s.isEmpty()) {
        return null;
      }
      int last = s.lastIndexOf('.');
      s = last < 0 ? "" : s.substring(0, last);
    }
  }

  /**
   * The shortest name that resolves to {@code fullName} from {@code scope}, for printing.
   *
   * @return a relative name, or the name with a leading dot if no relative one is unambiguous
   */
  String shortestName(String fullName, String scope) {
    String[] parts = fullName.split("\\.");
    for (int i = parts.length - 1; i >= 0; i--) {
      String candidate = String.join(".", java.util.Arrays.copyOfRange(parts, i, parts.length));
      if (fullName.equals(resolveType(candidate, scope))) {
        return candidate;
      }
    }
    return "." + fullName;
  }
}
