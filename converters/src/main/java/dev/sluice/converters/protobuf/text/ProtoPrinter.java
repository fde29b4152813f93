package dev.sluice.converters.protobuf.text;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.UninterpretedOption;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints a {@link FileDescriptorProto} as {@code .proto} text that protoc compiles back into the
 * same descriptor (source info aside). Type names are printed as short as they can be without
 * becoming ambiguous; options are printed in the declaration they belong to, custom options with
 * aggregate values in text format.
 */
public final class ProtoPrinter {

  private static final int MAX_FIELD_NUMBER = 536_870_911;
  private static final TextFormat.Printer AGGREGATE = TextFormat.printer().emittingSingleLine(true);

  private final FileDescriptorProto file;
  private final SymbolTable symbols = new SymbolTable();
  private final StringBuilder out = new StringBuilder();
  private final boolean proto3;

  private ProtoPrinter(FileDescriptorProto file, Collection<FileDescriptor> dependencies) {
    this.file = file;
    Set<String> seen = new HashSet<>();
    for (FileDescriptor d : dependencies) {
      symbols.addDependency(d, seen);
    }
    symbols.addFile(file);
    this.proto3 = "proto3".equals(file.getSyntax());
  }

  /**
   * The {@code .proto} text of a file.
   *
   * @param file the file, with fully qualified type names as protoc writes them
   * @param dependencies descriptors of the files it imports (for printing short type names)
   * @return the text, ending in a newline
   */
  public static String print(FileDescriptorProto file, Collection<FileDescriptor> dependencies) {
    ProtoPrinter p = new ProtoPrinter(file, dependencies);
    p.printFile();
    return p.out.toString();
  }

  private void printFile() {
    out.append("syntax = \"").append(proto3 ? "proto3" : "proto2").append("\";\n");
    if (!file.getPackage().isEmpty()) {
      out.append("\npackage ").append(file.getPackage()).append(";\n");
    }
    if (file.getDependencyCount() > 0) {
      out.append('\n');
      for (int i = 0; i < file.getDependencyCount(); i++) {
        out.append("import ");
        if (file.getPublicDependencyList().contains(i)) {
          out.append("public ");
        } else if (file.getWeakDependencyList().contains(i)) {
          out.append("weak ");
        }
        out.append(quote(file.getDependency(i))).append(";\n");
      }
    }
    List<String> fileOptions = options(file.hasOptions() ? file.getOptions() : null, Set.of());
    if (!fileOptions.isEmpty()) {
      out.append('\n');
      for (String o : fileOptions) {
        out.append("option ").append(o).append(";\n");
      }
    }
    String scope = file.getPackage();
    for (DescriptorProto m : file.getMessageTypeList()) {
      out.append('\n');
      printMessage(m, scope, "");
    }
    for (EnumDescriptorProto e : file.getEnumTypeList()) {
      out.append('\n');
      printEnum(e, scope, "");
    }
    printExtensions(file.getExtensionList(), scope, "", true);
    for (ServiceDescriptorProto s : file.getServiceList()) {
      out.append('\n');
      printService(s, scope);
    }
  }

  private void printMessage(DescriptorProto m, String parentScope, String indent) {
    String scope = parentScope.isEmpty() ? m.getName() : parentScope + "." + m.getName();
    String inner = indent + "  ";
    out.append(indent).append("message ").append(m.getName()).append(" {\n");
    boolean wrote = false;
    for (String o : options(m.hasOptions() ? m.getOptions() : null, Set.of("map_entry"))) {
      out.append(inner).append("option ").append(o).append(";\n");
      wrote = true;
    }
    for (DescriptorProto n : m.getNestedTypeList()) {
      if (n.hasOptions() && n.getOptions().getMapEntry()) {
        continue;
      }
      if (wrote) {
        out.append('\n');
      }
      printMessage(n, scope, inner);
      wrote = true;
    }
    for (EnumDescriptorProto e : m.getEnumTypeList()) {
      if (wrote) {
        out.append('\n');
      }
      printEnum(e, scope, inner);
      wrote = true;
    }
    if (wrote && m.getFieldCount() > 0) {
      out.append('\n');
    }
    Set<Integer> printedOneofs = new HashSet<>();
    for (FieldDescriptorProto f : m.getFieldList()) {
      if (f.hasOneofIndex() && !f.getProto3Optional()) {
        int index = f.getOneofIndex();
        if (printedOneofs.add(index)) {
          out.append(inner).append("oneof ").append(m.getOneofDecl(index).getName()).append(" {\n");
          for (String o : options(m.getOneofDecl(index).hasOptions() ? m.getOneofDecl(index).getOptions() : null, Set.of())) {
            out.append(inner).append("  option ").append(o).append(";\n");
          }
          for (FieldDescriptorProto member : m.getFieldList()) {
            if (member.hasOneofIndex() && member.getOneofIndex() == index && !member.getProto3Optional()) {
              printField(member, m, scope, inner + "  ", true);
            }
          }
          out.append(inner).append("}\n");
        }
        continue;
      }
      printField(f, m, scope, inner, false);
    }
    if (m.getExtensionRangeCount() > 0) {
      for (DescriptorProto.ExtensionRange r : m.getExtensionRangeList()) {
        out.append(inner).append("extensions ").append(range(r.getStart(), r.getEnd() - 1, MAX_FIELD_NUMBER));
        List<String> ro = options(r.hasOptions() ? r.getOptions() : null, Set.of());
        if (!ro.isEmpty()) {
          out.append(" [").append(String.join(", ", ro)).append(']');
        }
        out.append(";\n");
      }
    }
    if (m.getReservedRangeCount() > 0) {
      List<String> ranges = new ArrayList<>();
      for (DescriptorProto.ReservedRange r : m.getReservedRangeList()) {
        ranges.add(range(r.getStart(), r.getEnd() - 1, MAX_FIELD_NUMBER));
      }
      out.append(inner).append("reserved ").append(String.join(", ", ranges)).append(";\n");
    }
    if (m.getReservedNameCount() > 0) {
      List<String> names = new ArrayList<>();
      for (String n : m.getReservedNameList()) {
        names.add(quote(n));
      }
      out.append(inner).append("reserved ").append(String.join(", ", names)).append(";\n");
    }
    printExtensions(m.getExtensionList(), scope, inner, false);
    out.append(indent).append("}\n");
  }

  private void printField(FieldDescriptorProto f, DescriptorProto owner, String scope, String indent, boolean inOneof) {
    out.append(indent);
    DescriptorProto mapEntry = owner == null ? null : mapEntry(f, owner, scope);
    if (mapEntry != null) {
      out.append("map<").append(typeName(mapEntry.getField(0), scope)).append(", ")
          .append(typeName(mapEntry.getField(1), scope)).append("> ");
    } else {
      if (!inOneof) {
        if (f.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED) {
          out.append("repeated ");
        } else if (f.getLabel() == FieldDescriptorProto.Label.LABEL_REQUIRED) {
          out.append("required ");
        } else if (!proto3 || f.getProto3Optional()) {
          out.append("optional ");
        }
      }
      out.append(typeName(f, scope)).append(' ');
    }
    out.append(f.getName()).append(" = ").append(f.getNumber());
    List<String> opts = new ArrayList<>();
    if (f.hasDefaultValue()) {
      opts.add("default = " + defaultValue(f));
    }
    if (f.hasJsonName() && !f.getJsonName().equals(ProtoParser.jsonName(f.getName()))) {
      opts.add("json_name = " + quote(f.getJsonName()));
    }
    opts.addAll(options(f.hasOptions() ? f.getOptions() : null, Set.of()));
    if (!opts.isEmpty()) {
      out.append(" [").append(String.join(", ", opts)).append(']');
    }
    out.append(";\n");
  }

  private DescriptorProto mapEntry(FieldDescriptorProto f, DescriptorProto owner, String scope) {
    if (f.getLabel() != FieldDescriptorProto.Label.LABEL_REPEATED || f.getType() != FieldDescriptorProto.Type.TYPE_MESSAGE) {
      return null;
    }
    for (DescriptorProto n : owner.getNestedTypeList()) {
      if (n.hasOptions() && n.getOptions().getMapEntry() && f.getTypeName().equals("." + scope + "." + n.getName())) {
        return n;
      }
    }
    return null;
  }

  private String defaultValue(FieldDescriptorProto f) {
    return switch (f.getType()) {
      case TYPE_STRING -> quote(f.getDefaultValue());
      case TYPE_BYTES -> "\"" + f.getDefaultValue() + "\"";
      default -> f.getDefaultValue();
    };
  }

  private void printEnum(EnumDescriptorProto e, String scope, String indent) {
    String inner = indent + "  ";
    out.append(indent).append("enum ").append(e.getName()).append(" {\n");
    for (String o : options(e.hasOptions() ? e.getOptions() : null, Set.of())) {
      out.append(inner).append("option ").append(o).append(";\n");
    }
    for (EnumValueDescriptorProto v : e.getValueList()) {
      out.append(inner).append(v.getName()).append(" = ").append(v.getNumber());
      List<String> vo = options(v.hasOptions() ? v.getOptions() : null, Set.of());
      if (!vo.isEmpty()) {
        out.append(" [").append(String.join(", ", vo)).append(']');
      }
      out.append(";\n");
    }
    if (e.getReservedRangeCount() > 0) {
      List<String> ranges = new ArrayList<>();
      for (EnumDescriptorProto.EnumReservedRange r : e.getReservedRangeList()) {
        ranges.add(range(r.getStart(), r.getEnd(), Integer.MAX_VALUE));
      }
      out.append(inner).append("reserved ").append(String.join(", ", ranges)).append(";\n");
    }
    if (e.getReservedNameCount() > 0) {
      List<String> names = new ArrayList<>();
      for (String n : e.getReservedNameList()) {
        names.add(quote(n));
      }
      out.append(inner).append("reserved ").append(String.join(", ", names)).append(";\n");
    }
    out.append(indent).append("}\n");
  }

  private void printExtensions(List<FieldDescriptorProto> extensions, String scope, String indent, boolean topLevel) {
    String current = null;
    for (FieldDescriptorProto x : extensions) {
      if (!x.getExtendee().equals(current)) {
        if (current != null) {
          out.append(indent).append("}\n");
        }
        current = x.getExtendee();
        out.append(topLevel ? "\n" : "").append(indent).append("extend ")
            .append(symbols.shortestName(current.substring(1), scope)).append(" {\n");
      }
      printField(x, null, scope, indent + "  ", false);
    }
    if (current != null) {
      out.append(indent).append("}\n");
    }
  }

  private void printService(ServiceDescriptorProto s, String scope) {
    out.append("service ").append(s.getName()).append(" {\n");
    for (String o : options(s.hasOptions() ? s.getOptions() : null, Set.of())) {
      out.append("  option ").append(o).append(";\n");
    }
    for (MethodDescriptorProto m : s.getMethodList()) {
      out.append("  rpc ").append(m.getName()).append(" (").append(m.getClientStreaming() ? "stream " : "")
          .append(symbols.shortestName(m.getInputType().substring(1), scope)).append(") returns (")
          .append(m.getServerStreaming() ? "stream " : "")
          .append(symbols.shortestName(m.getOutputType().substring(1), scope)).append(')');
      List<String> mo = options(m.hasOptions() ? m.getOptions() : null, Set.of());
      if (mo.isEmpty()) {
        out.append(";\n");
      } else {
        out.append(" {\n");
        for (String o : mo) {
          out.append("    option ").append(o).append(";\n");
        }
        out.append("  }\n");
      }
    }
    out.append("}\n");
  }

  private String typeName(FieldDescriptorProto f, String scope) {
    return switch (f.getType()) {
      case TYPE_MESSAGE, TYPE_ENUM, TYPE_GROUP -> symbols.shortestName(f.getTypeName().substring(1), scope);
      default -> f.getType().name().substring("TYPE_".length()).toLowerCase(Locale.ROOT);
    };
  }

  private static String range(int start, int endInclusive, int max) {
    if (start == endInclusive) {
      return Integer.toString(start);
    }
    return start + " to " + (endInclusive == max ? "max" : Integer.toString(endInclusive));
  }

  /** The options of a declaration as {@code name = value} strings, in field-number order. */
  private static List<String> options(Message options, Set<String> skip) {
    List<String> result = new ArrayList<>();
    if (options == null) {
      return result;
    }
    for (Map.Entry<FieldDescriptor, Object> e : options.getAllFields().entrySet()) {
      FieldDescriptor fd = e.getKey();
      if (skip.contains(fd.getName()) || fd.getName().equals("uninterpreted_option") && !fd.isExtension()) {
        continue;
      }
      String name = fd.isExtension() ? "(" + fd.getFullName() + ")" : fd.getName();
      if (fd.isRepeated()) {
        for (Object v : (List<?>) e.getValue()) {
          result.add(name + " = " + value(fd, v));
        }
      } else {
        result.add(name + " = " + value(fd, e.getValue()));
      }
    }
    FieldDescriptor uninterpreted = options.getDescriptorForType().findFieldByName("uninterpreted_option");
    if (uninterpreted != null) {
      for (Object u : (List<?>) options.getField(uninterpreted)) {
        result.add(uninterpreted((UninterpretedOption) u));
      }
    }
    return result;
  }

  private static String uninterpreted(UninterpretedOption u) {
    StringBuilder name = new StringBuilder();
    for (UninterpretedOption.NamePart p : u.getNameList()) {
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(p.getIsExtension() ? "(" + p.getNamePart() + ")" : p.getNamePart());
    }
    String value;
    if (u.hasAggregateValue()) {
      value = "{ " + u.getAggregateValue() + " }";
    } else if (u.hasStringValue()) {
      value = "\"" + TextFormat.escapeBytes(u.getStringValue()) + "\"";
    } else if (u.hasIdentifierValue()) {
      value = u.getIdentifierValue();
    } else if (u.hasDoubleValue()) {
      value = Double.toString(u.getDoubleValue());
    } else if (u.hasNegativeIntValue()) {
      value = Long.toString(u.getNegativeIntValue());
    } else {
      value = Long.toUnsignedString(u.getPositiveIntValue());
    }
    return name + " = " + value;
  }

  private static String value(FieldDescriptor fd, Object v) {
    return switch (fd.getJavaType()) {
      case MESSAGE -> {
        String body = AGGREGATE.printToString((Message) v).trim();
        yield body.isEmpty() ? "{}" : "{ " + body + " }";
      }
      case ENUM -> ((EnumValueDescriptor) v).getName();
      case STRING -> quote((String) v);
      case BYTE_STRING -> "\"" + TextFormat.escapeBytes((ByteString) v) + "\"";
      case FLOAT, DOUBLE -> {
        double d = ((Number) v).doubleValue();
        yield Double.isNaN(d) ? "nan" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : v.toString();
      }
      default -> v.toString();
    };
  }

  static String quote(String s) {
    return "\"" + TextFormat.escapeBytes(ByteString.copyFromUtf8(s)) + "\"";
  }
}
