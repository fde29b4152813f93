package dev.sluice.converters.protobuf.text;

import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds {@link FileDescriptor}s from {@code .proto} text, with Protobuf's well-known files built in. */
public final class ProtoFiles {

  private static final Map<String, FileDescriptor> WELL_KNOWN = Map.ofEntries(
      Map.entry("google/protobuf/descriptor.proto", DescriptorProtos.getDescriptor()),
      Map.entry("google/protobuf/any.proto", AnyProto.getDescriptor()),
      Map.entry("google/protobuf/api.proto", ApiProto.getDescriptor()),
      Map.entry("google/protobuf/duration.proto", DurationProto.getDescriptor()),
      Map.entry("google/protobuf/empty.proto", EmptyProto.getDescriptor()),
      Map.entry("google/protobuf/field_mask.proto", FieldMaskProto.getDescriptor()),
      Map.entry("google/protobuf/source_context.proto", SourceContextProto.getDescriptor()),
      Map.entry("google/protobuf/struct.proto", StructProto.getDescriptor()),
      Map.entry("google/protobuf/timestamp.proto", TimestampProto.getDescriptor()),
      Map.entry("google/protobuf/type.proto", TypeProto.getDescriptor()),
      Map.entry("google/protobuf/wrappers.proto", WrappersProto.getDescriptor()));

  private ProtoFiles() {}

  /**
   * One of Protobuf's well-known files, which every registry knows without a reference.
   *
   * @param importName e.g. {@code google/protobuf/timestamp.proto}
   * @return its descriptor, or null if it is not a well-known file
   */
  public static FileDescriptor wellKnown(String importName) {
    return WELL_KNOWN.get(importName);
  }

  /**
   * Parses and builds one file.
   *
   * @param fileName the file's import name
   * @param text its {@code .proto} text
   * @param imports finds the descriptor of an imported file by import name; returns null if unknown
   * @return the built file
   * @throws ProtoSyntaxException if the text does not parse, an import is unknown or the file is invalid
   */
  public static FileDescriptor parseAndBuild(String fileName, String text, Function<String, FileDescriptor> imports) {
    ProtoParser.Parsed parsed = ProtoParser.parse(fileName, text);
    List<FileDescriptor> deps = new ArrayList<>();
    for (String i : parsed.imports()) {
      FileDescriptor d = wellKnown(i);
      if (d == null) {
        d = imports.apply(i);
      }
      if (d == null) {
        throw new ProtoSyntaxException(fileName + " imports " + i + ", which is neither a well-known file nor a known reference", 0, 0);
      }
      deps.add(d);
    }
    return build(parsed.resolve(deps), deps);
  }

  /**
   * Builds a file from its descriptor proto.
   *
   * @throws ProtoSyntaxException if protobuf-java rejects it, with its reason
   */
  public static FileDescriptor build(FileDescriptorProto proto, List<FileDescriptor> dependencies) {
    try {
      return FileDescriptor.buildFrom(proto, dependencies.toArray(new FileDescriptor[0]));
    } catch (DescriptorValidationException e) {
      throw new ProtoSyntaxException(proto.getName() + " is not a valid Protobuf file: " + e.getMessage(), e);
    }
  }
}
