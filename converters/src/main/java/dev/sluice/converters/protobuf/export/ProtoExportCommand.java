package dev.sluice.converters.protobuf.export;

import dev.sluice.converters.protobuf.ProtobufConverterConfig;
import dev.sluice.converters.protobuf.SchemaStores;
import dev.sluice.converters.protobuf.schema.ConnectMeta;
import dev.sluice.converters.protobuf.store.RegisteredSchema;
import dev.sluice.converters.protobuf.store.SchemaReference;
import dev.sluice.converters.protobuf.store.SchemaStore;
import dev.sluice.converters.protobuf.store.SchemaText;
import dev.sluice.converters.protobuf.text.ProtoParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.connect.storage.ConverterConfig;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints the {@code .proto} of a topic's current schema, so consumers can generate classes:
 *
 * <pre>
 *   java -cp 'plugin-folder/*:kafka/libs/*' dev.sluice.converters.protobuf.export.ProtoExportCommand \
 *       --registry-url http://registry:8081 shop.inventory.items
 *   ... --bootstrap-servers broker:9092 --output-dir protos shop.inventory.items   # then: protoc -I protos ...
 * </pre>
 *
 * With {@code --output-dir} it also writes every imported file (e.g. {@code sluice/connect.proto})
 * where protoc expects it and prints the path of the main file.
 */
@Command(name = "sluice-proto-export", mixinStandardHelpOptions = true, versionProvider = ProtoExportCommand.Version.class,
    description = "Prints the .proto of a topic's current Protobuf schema (subject <topic>-value unless --key or --subject).")
public final class ProtoExportCommand implements Callable<Integer> {

  static final class Store {
    @Option(names = "--registry-url", split = ",", description = "Confluent-compatible schema registry URL(s).")
    List<String> registryUrls;

    @Option(names = "--bootstrap-servers", description = "Kafka brokers holding the schema topic (schema.store=kafka).")
    String bootstrapServers;

    @Option(names = "--in-process", description = "Name of an in-process store (only within the JVM that holds it; for tests).")
    String inProcess;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Store store;

  @Option(names = "--schema-topic", description = "The schema topic of the Kafka store (default: ${DEFAULT-VALUE}).",
      defaultValue = ProtobufConverterConfig.KAFKA_TOPIC_DEFAULT)
  String schemaTopic;

  @Option(names = {"-p", "--property"}, description = "Any converter setting, e.g. -p schema.registry.basic.auth.user.info=u:p "
      + "or -p schema.store.kafka.client.security.protocol=SSL.")
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(names = "--key", description = "Export the key schema (<topic>-key).")
  boolean key;

  @Option(names = "--subject", description = "Export this subject instead of one derived from the topic.")
  String subject;

  @Option(names = "--schema-version", description = "Export this version of the subject instead of the latest.")
  Integer version;

  @Option(names = "--output-dir", description = "Also write the file and everything it imports below this folder, ready for protoc.")
  Path outputDir;

  @Parameters(index = "0", arity = "0..1", description = "The topic.")
  String topic;

  @Spec
  CommandSpec spec;

  private PrintWriter out;
  private PrintWriter err;

  /** Runs the command; the exit code is 0 on success. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command, for embedding and tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new ProtoExportCommand());
  }

  @Override
  public Integer call() throws IOException {
    out = spec.commandLine().getOut();
    err = spec.commandLine().getErr();
    if (subject == null && topic == null) {
      err.println("Give a topic or --subject.");
      return 2;
    }
    String target = subject != null ? subject : topic + (key ? "-key" : "-value");
    try (SchemaStore s = SchemaStores.open(new ProtobufConverterConfig(settings()))) {
      RegisteredSchema found = (version == null ? s.latest(target) : s.version(target, version)).orElse(null);
      if (found == null) {
        err.println("Subject '" + target + "' has " + (version == null ? "no versions" : "no version " + version) + " in " + s.describe() + ".");
        return 1;
      }
      if (outputDir == null) {
        out.print(found.schema().schema());
        out.flush();
        return 0;
      }
      Path main = outputDir.resolve(fileName(found.schema().schema(), target));
      write(main, found.schema().schema());
      writeReferences(s, found.schema(), new HashSet<>());
      out.println(main);
      out.flush();
      return 0;
    }
  }

  private Map<String, Object> settings() {
    Map<String, Object> config = new HashMap<>(properties);
    config.put(ConverterConfig.TYPE_CONFIG, key ? "key" : "value");
    if (store.registryUrls != null) {
      config.put(ProtobufConverterConfig.SCHEMA_STORE_CONFIG, "registry");
      config.put(ProtobufConverterConfig.REGISTRY_URL_CONFIG, String.join(",", store.registryUrls));
    } else if (store.bootstrapServers != null) {
      config.put(ProtobufConverterConfig.SCHEMA_STORE_CONFIG, "kafka");
      config.put(ProtobufConverterConfig.KAFKA_BOOTSTRAP_CONFIG, store.bootstrapServers);
      config.put(ProtobufConverterConfig.KAFKA_TOPIC_CONFIG, schemaTopic);
    } else {
      config.put(ProtobufConverterConfig.SCHEMA_STORE_CONFIG, "in-process");
      config.put(ProtobufConverterConfig.IN_PROCESS_NAME_CONFIG, store.inProcess);
    }
    return config;
  }

  /** {@code <package path>/<first message>.proto}, as the converter names the file. */
  static String fileName(String text, String subject) {
    ProtoParser.Parsed parsed = ProtoParser.parse("export.proto", text);
    String first = firstMessage(text);
    String base = first != null ? first : subject.replaceAll("[^A-Za-z0-9_.-]", "_");
    return (parsed.packageName().isEmpty() ? "" : parsed.packageName().replace('.', '/') + "/") + base + ".proto";
  }

  private static String firstMessage(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*message\\s+([A-Za-z_][A-Za-z0-9_]*)").matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private void writeReferences(SchemaStore s, SchemaText schema, Set<String> done) throws IOException {
    List<SchemaReference> refs = new ArrayList<>(schema.references());
    if (schema.schema().contains("\"" + ConnectMeta.FILE_NAME + "\"") && refs.stream().noneMatch(r -> r.name().equals(ConnectMeta.FILE_NAME))) {
      write(outputDir.resolve(ConnectMeta.FILE_NAME), ConnectMeta.TEXT);
    }
    for (SchemaReference r : refs) {
      if (!done.add(r.name())) {
        continue;
      }
      RegisteredSchema ref = s.version(r.subject(), r.version()).orElseThrow(() -> new IllegalStateException(
          "reference " + r.name() + " (subject '" + r.subject() + "' version " + r.version() + ") is missing from " + s.describe()));
      write(outputDir.resolve(r.name()), ref.schema().schema());
      writeReferences(s, ref.schema(), done);
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** The Sluice version, for {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"sluice-proto-export " + dev.sluice.event.SluiceVersion.of(ProtoExportCommand.class)};
    }
  }
}
