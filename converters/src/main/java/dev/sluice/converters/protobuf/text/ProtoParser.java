package dev.sluice.converters.protobuf.text;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.UninterpretedOption;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import dev.sluice.converters.protobuf.text.ProtoTokenizer.Kind;
import dev.sluice.converters.protobuf.text.ProtoTokenizer.Token;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Parses {@code .proto} text (proto2 and proto3) into the {@link FileDescriptorProto} protoc would
 * produce for it: type names resolved to full names, map entries and proto3-optional oneofs
 * synthesized, options interpreted (built-in ones and custom ones declared in a dependency).
 *
 * <p>Schema registries hand out schemas as {@code .proto} text; this turns that text into
 * descriptors without running protoc. Editions and groups are rejected with a clear message.
 */
public final class ProtoParser {

  private static final int MAX_FIELD_NUMBER = 536_870_911;

  /** A parsed file whose imports are known but whose names are not yet resolved. */
  public static final class Parsed {
    private final FileDescriptorProto.Builder file;
    private final List<PendingType> types;
    private final List<PendingMethodType> methodTypes;
    private final List<PendingOptions> options;
    private final String fileName;

    private Parsed(String fileName, FileDescriptorProto.Builder file, List<PendingType> types,
        List<PendingMethodType> methodTypes, List<PendingOptions> options) {
      this.fileName = fileName;
      this.file = file;
      this.types = types;
      this.methodTypes = methodTypes;
      this.options = options;
    }

    /** The files this one imports, in order. */
    public List<String> imports() {
      return file.getDependencyList();
    }

    /** The package, or empty. */
    public String packageName() {
      return file.getPackage();
    }

    /**
     * Resolves type names and options against the imported files.
     *
     * @param dependencies descriptors of every imported file (transitive imports are reached through them)
     * @return the file as protoc would describe it
     * @throws ProtoSyntaxException naming an unknown type or option
     */
    public FileDescriptorProto resolve(Collection<FileDescriptor> dependencies) {
      SymbolTable symbols = new SymbolTable();
      Set<String> seen = new HashSet<>();
      for (FileDescriptor d : dependencies) {
        symbols.addDependency(d, seen);
      }
      symbols.addFile(file.build());
      for (PendingType t : types) {
        String full = symbols.resolveType(t.name, t.scope);
        if (full == null) {
          throw new ProtoSyntaxException(
              fileName + ": type '" + t.name + "' is not defined (used in " + (t.scope.isEmpty() ? "the file" : t.scope) + ")",
              t.line, t.column);
        }
        if (t.extendee) {
          t.field.setExtendee("." + full);
          continue;
        }
        t.field.setTypeName("." + full);
        if (!t.field.hasType()) {
          t.field.setType(symbols.kind(full) == SymbolTable.TypeKind.ENUM
              ? FieldDescriptorProto.Type.TYPE_ENUM : FieldDescriptorProto.Type.TYPE_MESSAGE);
        }
      }
      for (PendingMethodType t : methodTypes) {
        String full = symbols.resolveType(t.name, t.scope);
        if (full == null) {
          throw new ProtoSyntaxException(fileName + ": type '" + t.name + "' is not defined", t.line, t.column);
        }
        if (t.input) {
          t.method.setInputType("." + full);
        } else {
          t.method.setOutputType("." + full);
        }
      }
      if (file.getExtensionCount() > 0 || hasNestedExtensions(file.getMessageTypeList())) {
        // Options may use extensions this very file declares: build it once without options to know them.
        try {
          FileDescriptor withoutOptions = FileDescriptor.buildFrom(file.build(), dependencies.toArray(new FileDescriptor[0]));
          symbols.addDependency(withoutOptions, new HashSet<>());
        } catch (com.google.protobuf.Descriptors.DescriptorValidationException e) {
          throw new ProtoSyntaxException(fileName + " is not a valid Protobuf file: " + e.getMessage(), e);
        }
      }
      ExtensionRegistry registry = ExtensionRegistry.newInstance();
      for (FieldDescriptor x : symbols.extensions()) {
        if (x.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
          registry.add(x, DynamicMessage.getDefaultInstance(x.getMessageType()));
        } else {
          registry.add(x);
        }
      }
      for (PendingOptions p : options) {
        p.interpret(symbols, registry, fileName);
      }
      return file.build();
    }
  }

  private static boolean hasNestedExtensions(List<DescriptorProto> messages) {
    for (DescriptorProto m : messages) {
      if (m.getExtensionCount() > 0 || hasNestedExtensions(m.getNestedTypeList())) {
        return true;
      }
    }
    return false;
  }

  private record PendingType(FieldDescriptorProto.Builder field, String name, String scope, boolean extendee, int line, int column) {}

  private record PendingMethodType(MethodDescriptorProto.Builder method, boolean input, String name, String scope, int line, int column) {}

  private record NamePart(String name, boolean extension) {}

  private record RawOption(List<NamePart> name, Token value, boolean negative, String aggregate, int line, int column) {}

  private static final class PendingOptions {
    final Descriptor optionsType;
    final String scope;
    final List<RawOption> raw = new ArrayList<>();
    final java.util.function.BiConsumer<byte[], ExtensionRegistry> setter;
    final Consumer<UninterpretedOption> uninterpreted;

    PendingOptions(Descriptor optionsType, String scope, java.util.function.BiConsumer<byte[], ExtensionRegistry> setter, Consumer<UninterpretedOption> uninterpreted) {
      this.optionsType = optionsType;
      this.scope = scope;
      this.setter = setter;
      this.uninterpreted = uninterpreted;
    }

    void interpret(SymbolTable symbols, ExtensionRegistry registry, String fileName) {
      if (raw.isEmpty()) {
        return;
      }
      DynamicMessage.Builder options = DynamicMessage.newBuilder(optionsType);
      List<UninterpretedOption> unknown = new ArrayList<>();
      for (RawOption o : raw) {
        NamePart first = o.name.get(0);
        FieldDescriptor field;
        if (first.extension) {
          field = symbols.resolveExtension(first.name, scope);
          if (field != null && !field.getContainingType().getFullName().equals(optionsType.getFullName())) {
            throw new ProtoSyntaxException(fileName + ": option (" + first.name + ") extends "
                + field.getContainingType().getFullName() + ", not " + optionsType.getFullName(), o.line, o.column);
          }
          if (field == null) {
            // An option from an import we do not have: keep it uninterpreted, as protoc's parser does.
            unknown.add(uninterpreted(o));
            continue;
          }
        } else {
          field = optionsType.findFieldByName(first.name);
          if (field == null) {
            throw new ProtoSyntaxException(fileName + ": unknown option '" + first.name + "' for " + optionsType.getName(), o.line, o.column);
          }
        }
        try {
          if (o.name.size() > 1 || o.aggregate != null) {
            if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
              throw new ProtoSyntaxException(fileName + ": option " + first.name + " is not a message", o.line, o.column);
            }
            Message.Builder sub = field.isRepeated()
                ? DynamicMessage.newBuilder(field.getMessageType())
                : ((Message) options.getField(field)).toBuilder();
            TextFormat.getParser().merge(textFor(o, 1), registry, sub);
            if (field.isRepeated()) {
              options.addRepeatedField(field, sub.build());
            } else {
              options.setField(field, sub.build());
            }
          } else {
            Object value = scalar(field, o, fileName);
            if (field.isRepeated()) {
              options.addRepeatedField(field, value);
            } else {
              options.setField(field, value);
            }
          }
        } catch (TextFormat.ParseException e) {
          throw new ProtoSyntaxException(fileName + ": bad value for option " + first.name + ": " + e.getMessage(), o.line, o.column);
        }
      }
      setter.accept(options.build().toByteArray(), registry);
      unknown.forEach(uninterpreted);
    }

    private static UninterpretedOption uninterpreted(RawOption o) {
      UninterpretedOption.Builder u = UninterpretedOption.newBuilder();
      for (NamePart p : o.name) {
        u.addName(UninterpretedOption.NamePart.newBuilder().setNamePart(p.name).setIsExtension(p.extension));
      }
      if (o.aggregate != null) {
        u.setAggregateValue(o.aggregate);
      } else if (o.value.kind() == Kind.STRING) {
        u.setStringValue(ByteString.copyFrom(o.value.bytes()));
      } else if (o.value.kind() == Kind.IDENT) {
        u.setIdentifierValue(o.value.text());
      } else {
        String t = o.value.text();
        if (t.contains(".") || t.contains("e") || t.contains("E")) {
          double d = Double.parseDouble(t);
          u.setDoubleValue(o.negative ? -d : d);
        } else if (o.negative) {
          u.setNegativeIntValue(-parseLong(t));
        } else {
          u.setPositiveIntValue(parseLong(t));
        }
      }
      return u.build();
    }

    /** Text-format for the option name parts from {@code from} on, ending in the value. */
    private static String textFor(RawOption o, int from) {
      StringBuilder open = new StringBuilder();
      StringBuilder close = new StringBuilder();
      for (int i = from; i < o.name.size(); i++) {
        NamePart p = o.name.get(i);
        String n = p.extension ? "[" + p.name + "]" : p.name;
        if (i == o.name.size() - 1 && o.aggregate == null) {
          open.append(n).append(": ").append(o.negative ? "-" : "").append(o.value.text());
        } else {
          open.append(n).append(" { ");
          close.insert(0, " }");
        }
      }
      if (o.aggregate != null) {
        open.append(o.aggregate);
      }
      return open.append(close).toString();
    }

    private static Object scalar(FieldDescriptor field, RawOption o, String fileName) {
      Token v = o.value;
      String t = v.text();
      try {
        switch (field.getJavaType()) {
          case BOOLEAN -> {
            if (v.kind() == Kind.IDENT && (t.equals("true") || t.equals("false"))) {
              return Boolean.parseBoolean(t);
            }
          }
          case STRING -> {
            if (v.kind() == Kind.STRING) {
              return new String(v.bytes(), StandardCharsets.UTF_8);
            }
          }
          case BYTE_STRING -> {
            if (v.kind() == Kind.STRING) {
              return ByteString.copyFrom(v.bytes());
            }
          }
          case ENUM -> {
            if (v.kind() == Kind.IDENT) {
              EnumValueDescriptor e = field.getEnumType().findValueByName(t);
              if (e != null) {
                return e;
              }
            }
          }
          case INT -> {
            if (v.kind() == Kind.NUMBER) {
              long l = o.negative ? -parseLong(t) : parseLong(t);
              return (int) l;
            }
          }
          case LONG -> {
            if (v.kind() == Kind.NUMBER) {
              return o.negative ? -parseLong(t) : parseLong(t);
            }
          }
          case FLOAT -> {
            return (float) number(v, o.negative);
          }
          case DOUBLE -> {
            return number(v, o.negative);
          }
          default -> {
          }
        }
      } catch (NumberFormatException e) {
        throw new ProtoSyntaxException(fileName + ": bad number '" + t + "' for option " + field.getName(), o.line, o.column);
      }
      throw new ProtoSyntaxException(fileName + ": value '" + t + "' does not fit option " + field.getName()
          + " of type " + field.getType().name().toLowerCase(Locale.ROOT), o.line, o.column);
    }

    private static double number(Token v, boolean negative) {
      String t = v.text();
      double d = switch (t) {
        case "inf" -> Double.POSITIVE_INFINITY;
        case "nan" -> Double.NaN;
        default -> {
          if (v.kind() != Kind.NUMBER) {
            throw new NumberFormatException(t);
          }
          yield t.startsWith("0x") || t.startsWith("0X") || (t.length() > 1 && t.startsWith("0") && !t.contains("."))
              ? (double) parseLong(t) : Double.parseDouble(t);
        }
      };
      return negative ? -d : d;
    }
  }

  private final String fileName;
  private final ProtoTokenizer tok;
  private final FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder();
  private final List<PendingType> types = new ArrayList<>();
  private final List<PendingMethodType> methodTypes = new ArrayList<>();
  private final List<PendingOptions> options = new ArrayList<>();
  private boolean proto3;

  private ProtoParser(String fileName, String text) {
    this.fileName = fileName;
    this.tok = new ProtoTokenizer(text);
  }

  /**
   * Parses the text of one file.
   *
   * @param fileName the name other files import it by, e.g. {@code sluice/connect.proto}
   * @param text the {@code .proto} text
   * @return the parsed file, to {@link Parsed#resolve resolve} once its imports are at hand
   * @throws ProtoSyntaxException naming line and column of the first error
   */
  public static Parsed parse(String fileName, String text) {
    ProtoParser p = new ProtoParser(fileName, text);
    p.parseFile();
    return new Parsed(fileName, p.file, p.types, p.methodTypes, p.options);
  }

  private void parseFile() {
    file.setName(fileName);
    PendingOptions fileOptions = new PendingOptions(DescriptorProtos.FileOptions.getDescriptor(), "",
        (b, r) -> file.setOptions(parseOptions(b, r, DescriptorProtos.FileOptions.parser())),
        u -> file.getOptionsBuilder().addUninterpretedOption(u));
    options.add(fileOptions);
    boolean first = true;
    while (tok.peek().kind() != Kind.EOF) {
      Token t = tok.next();
      if (t.is(";")) {
        continue;
      }
      if (t.is("syntax")) {
        if (!first) {
          throw tok.error(t, "syntax must be the first statement");
        }
        expect("=");
        Token s = expectKind(Kind.STRING, "a syntax string");
        String syntax = new String(s.bytes(), StandardCharsets.UTF_8);
        if (syntax.equals("proto3")) {
          proto3 = true;
          file.setSyntax("proto3");
        } else if (!syntax.equals("proto2")) {
          throw tok.error(s, "unsupported syntax \"" + syntax + "\"; only proto2 and proto3 are supported");
        }
        expect(";");
      } else if (t.is("edition")) {
        throw tok.error(t, "Protobuf editions are not supported; use syntax = \"proto3\"");
      } else if (t.is("package")) {
        file.setPackage(qualifiedName());
        expect(";");
      } else if (t.is("import")) {
        Token next = tok.peek();
        boolean isPublic = next.is("public");
        boolean isWeak = next.is("weak");
        if (isPublic || isWeak) {
          tok.next();
        }
        Token s = expectKind(Kind.STRING, "an import path");
        if (isPublic) {
          file.addPublicDependency(file.getDependencyCount());
        }
        if (isWeak) {
          file.addWeakDependency(file.getDependencyCount());
        }
        file.addDependency(new String(s.bytes(), StandardCharsets.UTF_8));
        expect(";");
      } else if (t.is("option")) {
        fileOptions.raw.add(option());
        expect(";");
      } else if (t.is("message")) {
        parseMessage(file.addMessageTypeBuilder(), file.getPackage());
      } else if (t.is("enum")) {
        parseEnum(file.addEnumTypeBuilder(), file.getPackage());
      } else if (t.is("service")) {
        parseService(file.addServiceBuilder());
      } else if (t.is("extend")) {
        parseExtend(file.getPackage(), () -> file.addExtensionBuilder(), null);
      } else {
        throw tok.error(t, "expected a top-level statement (syntax, package, import, option, message, enum, service, extend), got '" + t.text() + "'");
      }
      first = false;
    }
  }

  private void parseMessage(DescriptorProto.Builder message, String parentScope) {
    Token nameToken = expectKind(Kind.IDENT, "a message name");
    message.setName(nameToken.text());
    String scope = parentScope.isEmpty() ? nameToken.text() : parentScope + "." + nameToken.text();
    PendingOptions messageOptions = new PendingOptions(DescriptorProtos.MessageOptions.getDescriptor(), scope,
        (b, r) -> message.setOptions(parseOptions(b, r, DescriptorProtos.MessageOptions.parser())),
        u -> message.getOptionsBuilder().addUninterpretedOption(u));
    options.add(messageOptions);
    expect("{");
    parseMessageBody(message, scope, messageOptions);
    addSyntheticOneofs(message);
  }

  private void parseMessageBody(DescriptorProto.Builder message, String scope, PendingOptions messageOptions) {
    while (true) {
      Token t = tok.peek();
      if (t.kind() == Kind.EOF) {
        throw tok.error(t, "message " + scope + " is not closed with '}'");
      }
      if (t.is("}")) {
        tok.next();
        return;
      }
      if (t.is(";")) {
        tok.next();
      } else if (t.is("option")) {
        tok.next();
        messageOptions.raw.add(option());
        expect(";");
      } else if (t.is("message")) {
        tok.next();
        parseMessage(message.addNestedTypeBuilder(), scope);
      } else if (t.is("enum")) {
        tok.next();
        parseEnum(message.addEnumTypeBuilder(), scope);
      } else if (t.is("extend")) {
        tok.next();
        parseExtend(scope, message::addExtensionBuilder, message);
      } else if (t.is("reserved")) {
        tok.next();
        parseReserved(
            (start, end) -> message.addReservedRange(DescriptorProto.ReservedRange.newBuilder().setStart(start).setEnd(end + 1)),
            message::addReservedName, MAX_FIELD_NUMBER);
      } else if (t.is("extensions")) {
        tok.next();
        List<DescriptorProto.ExtensionRange.Builder> ranges = new ArrayList<>();
        parseRanges((start, end) -> ranges.add(message.addExtensionRangeBuilder().setStart(start).setEnd(end + 1)), MAX_FIELD_NUMBER);
        if (tok.peek().is("[")) {
          PendingOptions rangeOptions = new PendingOptions(DescriptorProtos.ExtensionRangeOptions.getDescriptor(), scope,
              (b, reg) -> ranges.forEach(x -> x.setOptions(parseOptions(b, reg, DescriptorProtos.ExtensionRangeOptions.parser()))),
              u -> ranges.forEach(x -> x.getOptionsBuilder().addUninterpretedOption(u)));
          options.add(rangeOptions);
          tok.next();
          do {
            rangeOptions.raw.add(optionBody());
          } while (accept(","));
          expect("]");
        }
        expect(";");
      } else if (t.is("oneof")) {
        tok.next();
        parseOneof(message, scope);
      } else {
        parseField(message, scope, null);
      }
    }
  }

  private void parseOneof(DescriptorProto.Builder message, String scope) {
    Token name = expectKind(Kind.IDENT, "a oneof name");
    int index = message.getOneofDeclCount();
    OneofDescriptorProto.Builder oneof = message.addOneofDeclBuilder().setName(name.text());
    PendingOptions oneofOptions = new PendingOptions(DescriptorProtos.OneofOptions.getDescriptor(), scope,
        (b, r) -> oneof.setOptions(parseOptions(b, r, DescriptorProtos.OneofOptions.parser())),
        u -> oneof.getOptionsBuilder().addUninterpretedOption(u));
    options.add(oneofOptions);
    expect("{");
    while (!accept("}")) {
      if (tok.peek().kind() == Kind.EOF) {
        throw tok.error(tok.peek(), "oneof " + name.text() + " is not closed with '}'");
      }
      if (accept(";")) {
        continue;
      }
      if (accept("option")) {
        oneofOptions.raw.add(option());
        expect(";");
        continue;
      }
      parseField(message, scope, index);
    }
  }

  private void parseField(DescriptorProto.Builder message, String scope, Integer oneofIndex) {
    FieldDescriptorProto.Builder field = message.addFieldBuilder();
    parseFieldInto(field, scope, oneofIndex, message);
    if (oneofIndex != null) {
      field.setOneofIndex(oneofIndex);
    }
  }

  /** Parses one field declaration; {@code message} receives map entries and is null for extensions. */
  private void parseFieldInto(FieldDescriptorProto.Builder field, String scope, Integer oneofIndex, DescriptorProto.Builder message) {
    Token t = tok.next();
    FieldDescriptorProto.Label label = FieldDescriptorProto.Label.LABEL_OPTIONAL;
    boolean explicitOptional = false;
    if (t.is("optional") || t.is("required") || t.is("repeated")) {
      if (oneofIndex != null) {
        throw tok.error(t, "fields in a oneof must not have a label");
      }
      label = switch (t.text()) {
        case "required" -> FieldDescriptorProto.Label.LABEL_REQUIRED;
        case "repeated" -> FieldDescriptorProto.Label.LABEL_REPEATED;
        default -> FieldDescriptorProto.Label.LABEL_OPTIONAL;
      };
      explicitOptional = t.is("optional");
      t = tok.next();
    }
    if (t.is("group")) {
      throw tok.error(t, "groups are not supported");
    }
    if (t.is("map") && tok.peek().is("<")) {
      tok.next();
      parseMapField(field, scope, message, t);
      return;
    }
    String typeName = qualifiedNameFrom(t);
    field.setLabel(label);
    FieldDescriptorProto.Type scalar = scalarType(typeName);
    if (scalar != null) {
      field.setType(scalar);
    } else {
      types.add(new PendingType(field, typeName, scope, false, t.line(), t.column()));
    }
    Token name = expectKind(Kind.IDENT, "a field name");
    field.setName(name.text());
    expect("=");
    field.setNumber(fieldNumber());
    if (proto3 && explicitOptional) {
      field.setProto3Optional(true);
    }
    fieldOptions(field, scope);
    expect(";");
  }

  private void parseMapField(FieldDescriptorProto.Builder field, String scope, DescriptorProto.Builder message, Token at) {
    if (message == null) {
      throw tok.error(at, "map fields are not allowed in extend blocks");
    }
    Token keyToken = tok.next();
    String keyType = qualifiedNameFrom(keyToken);
    FieldDescriptorProto.Type key = scalarType(keyType);
    if (key == null || key == FieldDescriptorProto.Type.TYPE_FLOAT || key == FieldDescriptorProto.Type.TYPE_DOUBLE
        || key == FieldDescriptorProto.Type.TYPE_BYTES) {
      throw tok.error(keyToken, "map key type must be an integer, bool or string type, not " + keyType);
    }
    expect(",");
    Token valueToken = tok.next();
    String valueType = qualifiedNameFrom(valueToken);
    expect(">");
    Token name = expectKind(Kind.IDENT, "a field name");
    String entryName = mapEntryName(name.text());
    DescriptorProto.Builder entry = message.addNestedTypeBuilder().setName(entryName);
    entry.getOptionsBuilder().setMapEntry(true);
    entry.addField(FieldDescriptorProto.newBuilder().setName("key").setNumber(1)
        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setType(key).setJsonName("key"));
    FieldDescriptorProto.Builder value = entry.addFieldBuilder().setName("value").setNumber(2)
        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setJsonName("value");
    FieldDescriptorProto.Type scalar = scalarType(valueType);
    if (scalar != null) {
      value.setType(scalar);
    } else {
      types.add(new PendingType(value, valueType, scope, false, valueToken.line(), valueToken.column()));
    }
    field.setName(name.text());
    field.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED);
    field.setType(FieldDescriptorProto.Type.TYPE_MESSAGE);
    String entryScope = scope + "." + entryName;
    types.add(new PendingType(field, "." + entryScope, scope, false, name.line(), name.column()));
    expect("=");
    field.setNumber(fieldNumber());
    fieldOptions(field, scope);
    expect(";");
  }

  private void fieldOptions(FieldDescriptorProto.Builder field, String scope) {
    boolean customJson = false;
    if (accept("[")) {
      PendingOptions fieldOptions = new PendingOptions(DescriptorProtos.FieldOptions.getDescriptor(), scope,
          (b, r) -> field.setOptions(parseOptions(b, r, DescriptorProtos.FieldOptions.parser())),
          u -> field.getOptionsBuilder().addUninterpretedOption(u));
      options.add(fieldOptions);
      do {
        RawOption o = optionBody();
        String first = o.name.get(0).name;
        if (o.name.size() == 1 && !o.name.get(0).extension && first.equals("default")) {
          field.setDefaultValue(o.value.kind() == Kind.STRING
              ? new String(o.value.bytes(), StandardCharsets.ISO_8859_1) : (o.negative ? "-" : "") + o.value.text());
        } else if (o.name.size() == 1 && !o.name.get(0).extension && first.equals("json_name")) {
          if (o.value.kind() != Kind.STRING) {
            throw tok.error(o.value, "json_name must be a string");
          }
          field.setJsonName(new String(o.value.bytes(), StandardCharsets.UTF_8));
          customJson = true;
        } else {
          fieldOptions.raw.add(o);
        }
      } while (accept(","));
      expect("]");
    }
    if (!customJson) {
      field.setJsonName(jsonName(field.getName()));
    }
  }

  private void parseEnum(EnumDescriptorProto.Builder e, String parentScope) {
    Token name = expectKind(Kind.IDENT, "an enum name");
    e.setName(name.text());
    String scope = parentScope;
    PendingOptions enumOptions = new PendingOptions(DescriptorProtos.EnumOptions.getDescriptor(), scope,
        (b, r) -> e.setOptions(parseOptions(b, r, DescriptorProtos.EnumOptions.parser())),
        u -> e.getOptionsBuilder().addUninterpretedOption(u));
    options.add(enumOptions);
    expect("{");
    while (!accept("}")) {
      Token t = tok.next();
      if (t.kind() == Kind.EOF) {
        throw tok.error(t, "enum " + name.text() + " is not closed with '}'");
      }
      if (t.is(";")) {
        continue;
      }
      if (t.is("option")) {
        enumOptions.raw.add(option());
        expect(";");
      } else if (t.is("reserved")) {
        parseReserved(
            (start, end) -> e.addReservedRange(EnumDescriptorProto.EnumReservedRange.newBuilder().setStart(start).setEnd(end)),
            e::addReservedName, Integer.MAX_VALUE);
      } else if (t.kind() == Kind.IDENT) {
        EnumValueDescriptorProto.Builder v = e.addValueBuilder().setName(t.text());
        expect("=");
        boolean negative = accept("-");
        Token n = expectKind(Kind.NUMBER, "an enum value number");
        long number = parseLong(n.text());
        v.setNumber((int) (negative ? -number : number));
        if (accept("[")) {
          PendingOptions valueOptions = new PendingOptions(DescriptorProtos.EnumValueOptions.getDescriptor(), scope,
              (b, r) -> v.setOptions(parseOptions(b, r, DescriptorProtos.EnumValueOptions.parser())),
              u -> v.getOptionsBuilder().addUninterpretedOption(u));
          options.add(valueOptions);
          do {
            valueOptions.raw.add(optionBody());
          } while (accept(","));
          expect("]");
        }
        expect(";");
      } else {
        throw tok.error(t, "unexpected '" + t.text() + "' in enum " + name.text());
      }
    }
  }

  private void parseService(ServiceDescriptorProto.Builder service) {
    Token name = expectKind(Kind.IDENT, "a service name");
    service.setName(name.text());
    String scope = file.getPackage();
    PendingOptions serviceOptions = new PendingOptions(DescriptorProtos.ServiceOptions.getDescriptor(), scope,
        (b, r) -> service.setOptions(parseOptions(b, r, DescriptorProtos.ServiceOptions.parser())),
        u -> service.getOptionsBuilder().addUninterpretedOption(u));
    options.add(serviceOptions);
    expect("{");
    while (!accept("}")) {
      Token t = tok.next();
      if (t.kind() == Kind.EOF) {
        throw tok.error(t, "service " + name.text() + " is not closed with '}'");
      }
      if (t.is(";")) {
        continue;
      }
      if (t.is("option")) {
        serviceOptions.raw.add(option());
        expect(";");
        continue;
      }
      if (!t.is("rpc")) {
        throw tok.error(t, "expected rpc in service " + name.text());
      }
      MethodDescriptorProto.Builder m = service.addMethodBuilder();
      m.setName(expectKind(Kind.IDENT, "a method name").text());
      expect("(");
      if (tok.peek().is("stream")) {
        tok.next();
        m.setClientStreaming(true);
      }
      Token in = tok.next();
      methodTypes.add(new PendingMethodType(m, true, qualifiedNameFrom(in), scope, in.line(), in.column()));
      expect(")");
      Token returns = tok.next();
      if (!returns.is("returns")) {
        throw tok.error(returns, "expected 'returns'");
      }
      expect("(");
      if (tok.peek().is("stream")) {
        tok.next();
        m.setServerStreaming(true);
      }
      Token out = tok.next();
      methodTypes.add(new PendingMethodType(m, false, qualifiedNameFrom(out), scope, out.line(), out.column()));
      expect(")");
      if (accept("{")) {
        PendingOptions methodOptions = new PendingOptions(DescriptorProtos.MethodOptions.getDescriptor(), scope,
            (b, r) -> m.setOptions(parseOptions(b, r, DescriptorProtos.MethodOptions.parser())),
            u -> m.getOptionsBuilder().addUninterpretedOption(u));
        options.add(methodOptions);
        while (!accept("}")) {
          if (accept(";")) {
            continue;
          }
          Token o = tok.next();
          if (!o.is("option")) {
            throw tok.error(o, "expected option in rpc " + m.getName());
          }
          methodOptions.raw.add(option());
          expect(";");
        }
      } else {
        expect(";");
      }
    }
  }


  private void parseExtend(String scope, java.util.function.Supplier<FieldDescriptorProto.Builder> adder, DescriptorProto.Builder message) {
    Token extendee = tok.next();
    String extendeeName = qualifiedNameFrom(extendee);
    expect("{");
    while (!accept("}")) {
      if (tok.peek().kind() == Kind.EOF) {
        throw tok.error(tok.peek(), "extend block is not closed with '}'");
      }
      if (accept(";")) {
        continue;
      }
      FieldDescriptorProto.Builder field = adder.get();
      types.add(new PendingType(field, extendeeName, scope, true, extendee.line(), extendee.column()));
      parseFieldInto(field, scope, null, null);
    }
  }

  private interface RangeSink {
    void add(int start, int endInclusive);
  }

  private void parseReserved(RangeSink ranges, Consumer<String> names, int max) {
    Token t = tok.peek();
    if (t.kind() == Kind.STRING || t.kind() == Kind.IDENT && !t.is("max")) {
      do {
        Token n = tok.next();
        if (n.kind() != Kind.STRING && n.kind() != Kind.IDENT) {
          throw tok.error(n, "expected a reserved name");
        }
        names.accept(n.kind() == Kind.STRING ? new String(n.bytes(), StandardCharsets.UTF_8) : n.text());
      } while (accept(","));
      expect(";");
      return;
    }
    parseRanges(ranges, max);
    expect(";");
  }

  private void parseRanges(RangeSink ranges, int max) {
    do {
      int start = signedInt();
      int end = start;
      if (accept("to")) {
        if (accept("max")) {
          end = max;
        } else {
          end = signedInt();
        }
      }
      ranges.add(start, end);
    } while (accept(","));
  }

  private int signedInt() {
    boolean negative = accept("-");
    Token n = expectKind(Kind.NUMBER, "a number");
    long v = parseLong(n.text());
    return (int) (negative ? -v : v);
  }

  private int fieldNumber() {
    Token n = expectKind(Kind.NUMBER, "a field number");
    long v;
    try {
      v = parseLong(n.text());
    } catch (NumberFormatException e) {
      throw tok.error(n, "bad field number '" + n.text() + "'");
    }
    if (v < 1 || v > MAX_FIELD_NUMBER) {
      throw tok.error(n, "field number " + v + " is out of range 1.." + MAX_FIELD_NUMBER);
    }
    return (int) v;
  }

  /** After the {@code option} keyword: {@code name = value}. */
  private RawOption option() {
    return optionBody();
  }

  private RawOption optionBody() {
    Token start = tok.peek();
    List<NamePart> name = new ArrayList<>();
    do {
      if (accept("(")) {
        StringBuilder n = new StringBuilder();
        if (accept(".")) {
          n.append('.');
        }
        n.append(expectKind(Kind.IDENT, "an option name").text());
        while (accept(".")) {
          n.append('.').append(expectKind(Kind.IDENT, "an option name").text());
        }
        expect(")");
        name.add(new NamePart(n.toString(), true));
      } else {
        name.add(new NamePart(expectKind(Kind.IDENT, "an option name").text(), false));
      }
    } while (accept("."));
    expect("=");
    if (tok.peek().is("{")) {
      Token open = tok.next();
      int from = open.start() + 1;
      int depth = 1;
      Token t;
      do {
        t = tok.next();
        if (t.kind() == Kind.EOF) {
          throw tok.error(open, "option value is not closed with '}'");
        }
        if (t.is("{")) {
          depth++;
        } else if (t.is("}")) {
          depth--;
        }
      } while (depth > 0);
      String aggregate = tok.input().substring(from, t.start()).trim();
      return new RawOption(name, open, false, aggregate, start.line(), start.column());
    }
    boolean negative = accept("-");
    Token value = tok.next();
    if (value.kind() == Kind.SYMBOL || value.kind() == Kind.EOF) {
      throw tok.error(value, "expected an option value, got '" + value.text() + "'");
    }
    return new RawOption(name, value, negative, null, start.line(), start.column());
  }

  private String qualifiedName() {
    Token t = tok.next();
    return qualifiedNameFrom(t);
  }

  private String qualifiedNameFrom(Token first) {
    StringBuilder name = new StringBuilder();
    Token t = first;
    if (t.is(".")) {
      name.append('.');
      t = tok.next();
    }
    if (t.kind() != Kind.IDENT) {
      throw tok.error(t, "expected a name, got '" + t.text() + "'");
    }
    name.append(t.text());
    while (tok.peek().is(".")) {
      tok.next();
      name.append('.').append(expectKind(Kind.IDENT, "a name").text());
    }
    return name.toString();
  }

  private boolean accept(String symbol) {
    if (tok.peek().is(symbol)) {
      tok.next();
      return true;
    }
    return false;
  }

  private void expect(String symbol) {
    Token t = tok.next();
    if (!t.is(symbol)) {
      throw tok.error(t, "expected '" + symbol + "', got '" + t.text() + "'");
    }
  }

  private Token expectKind(Kind kind, String what) {
    Token t = tok.next();
    if (t.kind() != kind) {
      throw tok.error(t, "expected " + what + ", got '" + t.text() + "'");
    }
    return t;
  }

  static long parseLong(String text) {
    if (text.startsWith("0x") || text.startsWith("0X")) {
      return Long.parseUnsignedLong(text.substring(2), 16);
    }
    if (text.length() > 1 && text.startsWith("0")) {
      return Long.parseUnsignedLong(text.substring(1), 8);
    }
    return Long.parseUnsignedLong(text);
  }

  private static <T extends Message> T parseOptions(byte[] bytes, ExtensionRegistry registry, com.google.protobuf.Parser<T> parser) {
    try {
      return parser.parseFrom(bytes, registry);
    } catch (InvalidProtocolBufferException e) {
      throw new ProtoSyntaxException("cannot encode options", e);
    }
  }

  static FieldDescriptorProto.Type scalarType(String name) {
    return switch (name) {
      case "double" -> FieldDescriptorProto.Type.TYPE_DOUBLE;
      case "float" -> FieldDescriptorProto.Type.TYPE_FLOAT;
      case "int64" -> FieldDescriptorProto.Type.TYPE_INT64;
      case "uint64" -> FieldDescriptorProto.Type.TYPE_UINT64;
      case "int32" -> FieldDescriptorProto.Type.TYPE_INT32;
      case "fixed64" -> FieldDescriptorProto.Type.TYPE_FIXED64;
      case "fixed32" -> FieldDescriptorProto.Type.TYPE_FIXED32;
      case "bool" -> FieldDescriptorProto.Type.TYPE_BOOL;
      case "string" -> FieldDescriptorProto.Type.TYPE_STRING;
      case "bytes" -> FieldDescriptorProto.Type.TYPE_BYTES;
      case "uint32" -> FieldDescriptorProto.Type.TYPE_UINT32;
      case "sfixed32" -> FieldDescriptorProto.Type.TYPE_SFIXED32;
      case "sfixed64" -> FieldDescriptorProto.Type.TYPE_SFIXED64;
      case "sint32" -> FieldDescriptorProto.Type.TYPE_SINT32;
      case "sint64" -> FieldDescriptorProto.Type.TYPE_SINT64;
      default -> null;
    };
  }

  /** The JSON name protoc derives from a field name: underscores dropped, the next letter upper-cased. */
  public static String jsonName(String name) {
    StringBuilder result = new StringBuilder(name.length());
    boolean capitalizeNext = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '_') {
        capitalizeNext = true;
      } else if (capitalizeNext) {
        result.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
        capitalizeNext = false;
      } else {
        result.append(c);
      }
    }
    return result.toString();
  }

  /** The name protoc gives the entry message of a map field. */
  public static String mapEntryName(String fieldName) {
    StringBuilder result = new StringBuilder();
    boolean capitalizeNext = true;
    for (int i = 0; i < fieldName.length(); i++) {
      char c = fieldName.charAt(i);
      if (c == '_') {
        capitalizeNext = true;
      } else if (capitalizeNext) {
        result.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
        capitalizeNext = false;
      } else {
        result.append(c);
      }
    }
    return result.append("Entry").toString();
  }

  /**
   * Adds the oneof protoc synthesizes for each proto3 {@code optional} field of a message, named
   * {@code _<field>} (prefixed with X while that name is taken).
   */
  public static void addSyntheticOneofs(DescriptorProto.Builder message) {
    Set<String> names = new HashSet<>();
    for (FieldDescriptorProto f : message.getFieldList()) {
      names.add(f.getName());
    }
    for (OneofDescriptorProto o : message.getOneofDeclList()) {
      names.add(o.getName());
    }
    for (FieldDescriptorProto.Builder f : message.getFieldBuilderList()) {
      if (f.getProto3Optional()) {
        String oneofName = f.getName();
        if (oneofName.isEmpty() || oneofName.charAt(0) != '_') {
          oneofName = "_" + oneofName;
        }
        while (names.contains(oneofName)) {
          oneofName = "X" + oneofName;
        }
        names.add(oneofName);
        f.setOneofIndex(message.getOneofDeclCount());
        message.addOneofDecl(OneofDescriptorProto.newBuilder().setName(oneofName));
      }
    }
  }

}
