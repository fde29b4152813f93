package dev.sluice.converters.protobuf.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ExtensionRegistry;
import dev.sluice.converters.protobuf.text.ProtoFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The custom options file {@code sluice/connect.proto}: the {@code sluice.connect.Schema} message
 * and its extensions of {@code FieldOptions} and {@code MessageOptions}, which carry the Connect
 * schema details Protobuf cannot express (names and parameters of CDC types, INT8/INT16,
 * optionality of messages, defaults, retired field numbers).
 *
 * <p>Every schema the converter writes imports this file; registries store it as a reference
 * under the subject {@value #FILE_NAME}.
 */
public final class ConnectMeta {

  /** Import name of the options file, also the registry subject it is stored under. */
  public static final String FILE_NAME = "sluice/connect.proto";

  /** Subject the options file is registered under in schema stores; schemas reference it from there. */
  public static final String SUBJECT = "sluice.connect.proto";

  /** The options file's text, as shipped in the jar. */
  public static final String TEXT = load();

  /** The options file. */
  public static final FileDescriptor FILE =
      ProtoFiles.parseAndBuild(FILE_NAME, TEXT, name -> null);

  /** {@code sluice.connect.Schema}. */
  public static final Descriptor SCHEMA = FILE.findMessageTypeByName("Schema");

  /** {@code (sluice.connect.field)} on FieldOptions. */
  public static final FieldDescriptor FIELD = FILE.findExtensionByName("field");

  /** {@code (sluice.connect.message)} on MessageOptions. */
  public static final FieldDescriptor MESSAGE = FILE.findExtensionByName("message");

  /** Parses options with both extensions as typed fields. */
  public static final ExtensionRegistry REGISTRY = registry();

  static final FieldDescriptor NAME = SCHEMA.findFieldByName("name");
  static final FieldDescriptor VERSION = SCHEMA.findFieldByName("version");
  static final FieldDescriptor DOC = SCHEMA.findFieldByName("doc");
  static final FieldDescriptor PARAMETERS = SCHEMA.findFieldByName("parameters");
  static final FieldDescriptor TYPE = SCHEMA.findFieldByName("type");
  static final FieldDescriptor FIELD_NAME = SCHEMA.findFieldByName("field");
  static final FieldDescriptor OPTIONAL = SCHEMA.findFieldByName("optional");
  static final FieldDescriptor DEFAULT_JSON = SCHEMA.findFieldByName("default_json");
  static final FieldDescriptor ELEMENT = SCHEMA.findFieldByName("element");
  static final FieldDescriptor KEY = SCHEMA.findFieldByName("key");
  static final FieldDescriptor VALUE = SCHEMA.findFieldByName("value");
  static final FieldDescriptor ROLE = SCHEMA.findFieldByName("role");
  static final FieldDescriptor RETIRED = SCHEMA.findFieldByName("retired");

  private ConnectMeta() {}

  /** An empty {@code sluice.connect.Schema}. */
  public static DynamicMessage empty() {
    return DynamicMessage.getDefaultInstance(SCHEMA);
  }

  private static ExtensionRegistry registry() {
    ExtensionRegistry r = ExtensionRegistry.newInstance();
    r.add(FIELD, DynamicMessage.getDefaultInstance(SCHEMA));
    r.add(MESSAGE, DynamicMessage.getDefaultInstance(SCHEMA));
    return r.getUnmodifiable();
  }

  private static String load() {
    try (InputStream in = ConnectMeta.class.getClassLoader().getResourceAsStream(FILE_NAME)) {
      if (in == null) {
        throw new IllegalStateException(FILE_NAME + " is missing from the converter's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FILE_NAME + " from the converter's jar", e);
    }
  }
}
