package dev.sluice.converters.protobuf;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.sluice.converters.protobuf.ProtobufConverterConfig.ConflictAction;
import dev.sluice.converters.protobuf.ProtobufConverterConfig.SubjectNameStrategy;
import dev.sluice.converters.protobuf.codec.CodecCompiler;
import dev.sluice.converters.protobuf.codec.RootCodec;
import dev.sluice.converters.protobuf.schema.ConnectMeta;
import dev.sluice.converters.protobuf.schema.ConnectToProto;
import dev.sluice.converters.protobuf.schema.ProtoSchema;
import dev.sluice.converters.protobuf.schema.ProtoToConnect;
import dev.sluice.converters.protobuf.schema.SchemaDiff;
import dev.sluice.converters.protobuf.store.RegisteredSchema;
import dev.sluice.converters.protobuf.store.SchemaReference;
import dev.sluice.converters.protobuf.store.SchemaRejectedException;
import dev.sluice.converters.protobuf.store.SchemaStore;
import dev.sluice.converters.protobuf.store.SchemaText;
import dev.sluice.converters.protobuf.text.ProtoFiles;
import dev.sluice.converters.protobuf.text.ProtoSyntaxException;
import dev.sluice.converters.protobuf.wire.WireFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Connect schemas into registered Protobuf schemas and schema ids into readers, through a
 * {@link SchemaStore}. Every result is compiled once and cached (bounded); records never touch
 * descriptors.
 */
final class SchemaResolver {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaResolver.class);
  /** Subject under which the options file {@code sluice/connect.proto} is registered as a reference. */
  static final String OPTIONS_SUBJECT = ConnectMeta.SUBJECT;
  private static final int MAX_REFERENCE_DEPTH = 16;

  /** What a record is: a key, a value or a header (with its key). */
  record Role(String kind, String headerKey) {
    static final Role KEY = new Role("key", null);
    static final Role VALUE = new Role("value", null);

    static Role header(String key) {
      return new Role("header", key);
    }

    String fallbackRootName() {
      return headerKey != null ? headerKey : kind;
    }
  }

  /** How to write records of one Connect schema. */
  record Writer(String subject, int id, byte[] header, RootCodec codec) {}

  /** How to read records of one schema id and message. */
  record Reader(RootCodec codec, boolean confluentIndexes) {}

  private final SchemaStore store;
  private final ProtobufConverterConfig config;
  private final Map<Integer, FileDescriptor> files;
  private final Map<String, FileDescriptor> referenced;
  private final Map<String, Reader> readers;
  private SchemaReference optionsReference;

  SchemaResolver(SchemaStore store, ProtobufConverterConfig config) {
    this.store = store;
    this.config = config;
    this.files = lru(config.cacheSize());
    this.referenced = lru(config.cacheSize());
    this.readers = lru(config.cacheSize());
  }

  private static <K, V> Map<K, V> lru(int size) {
    return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > size;
      }
    });
  }

  SchemaStore store() {
    return store;
  }

  /** The subject a record of this topic, role and top-level message is registered under. */
  String subject(String topic, Role role, String messageFullName) {
    SubjectNameStrategy strategy = config.subjectStrategy();
    if (strategy == SubjectNameStrategy.RECORD) {
      return messageFullName;
    }
    String prefix = role.headerKey() != null ? topic + "-header-" + role.headerKey() : topic;
    if (strategy == SubjectNameStrategy.TOPIC) {
      return role.headerKey() != null ? prefix : prefix + "-" + role.kind();
    }
    return prefix + "-" + messageFullName;
  }

  /**
   * Registers (or finds) the Protobuf schema of a Connect schema and compiles its writer.
   *
   * @throws DataException if the schema cannot be expressed, conflicts with the latest version or is refused
   */
  synchronized Writer writer(String topic, Role role, Schema schema) {
    ConnectToProto.NullHandling nulls = config.nullHandling();
    ProtoSchema draft = ConnectToProto.translate(schema, topic, role.fallbackRootName(), null, nulls);
    String subject = subject(topic, role, draft.root().getFullName());
    RegisteredSchema latest = store.latest(subject).orElse(null);
    FileDescriptor previous = latest == null ? null : file(latest.id(), latest.schema(), subject + " version " + latest.version());
    ProtoSchema built = previous == null ? draft : ConnectToProto.translate(schema, topic, role.fallbackRootName(), previous, nulls);
    int id;
    if (previous != null && sameFile(previous.toProto(), built.proto())) {
      id = latest.id();
    } else {
      if (previous != null) {
        checkConflicts(subject, latest, SchemaDiff.between(previous, built.file()));
      }
      SchemaText text = new SchemaText(built.text(), List.of(optionsReference()));
      RegisteredSchema registered;
      if (config.autoRegister()) {
        registered = store.register(subject, text);
        LOG.info("Schema of subject '{}' is version {} with id {} in {}", subject, registered.version(), registered.id(), store.describe());
      } else {
        registered = store.lookup(subject, text).orElseThrow(() -> new SchemaRejectedException("the schema for subject '"
            + subject + "' is not registered in " + store.describe() + " and auto.register.schemas=false; register this "
            + "schema first:\n" + built.text()));
      }
      id = registered.id();
      files.put(id, built.file());
    }
    RootCodec codec = CodecCompiler.compile(built.root(), schema, config.replaceNullWithDefault());
    return new Writer(subject, id, WireFormat.header(id, List.of(0)), codec);
  }

  private void checkConflicts(String subject, RegisteredSchema latest, List<SchemaDiff.Conflict> conflicts) {
    if (conflicts.isEmpty()) {
      return;
    }
    String list = conflicts.stream().map(SchemaDiff.Conflict::description).collect(Collectors.joining("; "));
    String message = "the new schema of subject '" + subject + "' would break readers of version " + latest.version()
        + " (id " + latest.id() + "): " + list;
    if (config.conflictAction() == ConflictAction.FAIL) {
      throw new SchemaRejectedException(message + ". Set field.conflict.action=warn to register it anyway.");
    }
    LOG.warn("Registering anyway (field.conflict.action=warn): {}", message);
  }

  private static boolean sameFile(FileDescriptorProto a, FileDescriptorProto b) {
    return a.toBuilder().setName(b.getName()).build().equals(b);
  }

  private synchronized SchemaReference optionsReference() {
    if (optionsReference == null) {
      SchemaText options = new SchemaText(ConnectMeta.TEXT, List.of());
      RegisteredSchema r = config.autoRegister() ? store.register(OPTIONS_SUBJECT, options)
          : store.lookup(OPTIONS_SUBJECT, options).orElseThrow(() -> new SchemaRejectedException("the options file "
              + ConnectMeta.FILE_NAME + " is not registered under subject '" + OPTIONS_SUBJECT + "' in " + store.describe()
              + " and auto.register.schemas=false; register it first:\n" + ConnectMeta.TEXT));
      optionsReference = new SchemaReference(ConnectMeta.FILE_NAME, OPTIONS_SUBJECT, r.version());
    }
    return optionsReference;
  }

  /**
   * The reader of records with a schema id and header.
   *
   * @throws DataException if the id is unknown or the header names no message of the schema
   */
  Reader reader(WireFormat.Header header) {
    String key = header.schemaId() + "|" + header.messageIndexes() + "|" + header.messageName();
    Reader cached = readers.get(key);
    if (cached != null) {
      return cached;
    }
    int id = header.schemaId();
    SchemaText text = store.byId(id).orElseThrow(() -> new DataException("unknown schema id " + id + " (not in " + store.describe() + ")"));
    FileDescriptor file = file(id, text, "schema id " + id);
    Descriptor message = null;
    boolean confluent = false;
    if (header.messageIndexes() != null) {
      message = byPath(file, header.messageIndexes());
      confluent = message != null;
    }
    if (message == null && header.messageName() != null) {
      message = byName(file, header.messageName());
    }
    if (message == null) {
      throw new DataException("schema id " + id + " has no message "
          + (header.messageIndexes() != null ? "at message indexes " + header.messageIndexes() : "")
          + (header.messageName() != null ? (header.messageIndexes() != null ? " or " : "") + "named '" + header.messageName() + "'" : ""));
    }
    Schema connect = ProtoToConnect.toConnect(message);
    Reader reader = new Reader(CodecCompiler.compile(message, connect, true), confluent);
    readers.put(key, reader);
    return reader;
  }

  private static Descriptor byPath(FileDescriptor file, List<Integer> path) {
    List<Descriptor> level = file.getMessageTypes();
    Descriptor d = null;
    for (int index : path) {
      if (index >= level.size()) {
        return null;
      }
      d = level.get(index);
      level = d.getNestedTypes();
    }
    return d;
  }

  private static Descriptor byName(FileDescriptor file, String name) {
    Descriptor full = file.findMessageTypeByName(name);
    if (full != null) {
      return full;
    }
    for (Descriptor d : file.getMessageTypes()) {
      if (d.getFullName().equals(name)) {
        return d;
      }
      Descriptor nested = byName(d, name);
      if (nested != null) {
        return nested;
      }
    }
    return null;
  }

  private static Descriptor byName(Descriptor parent, String name) {
    for (Descriptor d : parent.getNestedTypes()) {
      if (d.getName().equals(name) || d.getFullName().equals(name)) {
        return d;
      }
      Descriptor nested = byName(d, name);
      if (nested != null) {
        return nested;
      }
    }
    return null;
  }

  /** The file of a schema id, parsed once. */
  FileDescriptor file(int id, SchemaText text, String label) {
    FileDescriptor cached = files.get(id);
    if (cached != null) {
      return cached;
    }
    FileDescriptor file = parse("schema-" + id + ".proto", text, label, 0);
    files.put(id, file);
    return file;
  }

  private FileDescriptor parse(String fileName, SchemaText text, String label, int depth) {
    if (depth > MAX_REFERENCE_DEPTH) {
      throw new DataException(label + " has references nested deeper than " + MAX_REFERENCE_DEPTH + " levels");
    }
    try {
      return ProtoFiles.parseAndBuild(fileName, text.schema(), importName -> {
        if (importName.equals(ConnectMeta.FILE_NAME)) {
          return ConnectMeta.FILE;
        }
        for (SchemaReference r : text.references()) {
          if (r.name().equals(importName)) {
            return referencedFile(r, label, depth);
          }
        }
        return null;
      });
    } catch (ProtoSyntaxException e) {
      throw new DataException("the Protobuf schema of " + label + " in " + store.describe() + " cannot be used: " + e.getMessage(), e);
    }
  }

  private FileDescriptor referencedFile(SchemaReference r, String label, int depth) {
    String key = r.subject() + "|" + r.version();
    FileDescriptor cached = referenced.get(key);
    if (cached != null) {
      return cached;
    }
    RegisteredSchema s = store.version(r.subject(), r.version()).orElseThrow(() -> new DataException(label + " imports "
        + r.name() + " as version " + r.version() + " of subject '" + r.subject() + "', which is not in " + store.describe()));
    FileDescriptor file = parse(r.name(), s.schema(), r.name(), depth + 1);
    referenced.put(key, file);
    return file;
  }
}
