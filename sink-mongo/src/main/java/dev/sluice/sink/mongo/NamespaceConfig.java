package dev.sluice.sink.mongo;

import dev.sluice.sink.mongo.namespace.FieldNamespaceMapper;
import dev.sluice.sink.mongo.namespace.NamespaceMapper;
import dev.sluice.sink.mongo.namespace.NamespaceMapperKind;
import dev.sluice.sink.mongo.namespace.RegexNamespaceMapper;
import dev.sluice.sink.mongo.namespace.Template;
import dev.sluice.sink.mongo.namespace.TemplateNamespaceMapper;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Where a topic's records go: the per-topic namespace settings (overridable per topic). */
public final class NamespaceConfig extends AbstractConfig {

  /** Setting: how the namespace is chosen. */
  public static final String MAPPER_CONFIG = "namespace.mapper";
  /** Default of {@value #MAPPER_CONFIG}. */
  public static final String MAPPER_DEFAULT = "template";
  /** Doc of {@value #MAPPER_CONFIG}. */
  public static final String MAPPER_DOC =
      "How the database and collection of a record are chosen. 'template': 'database' and 'collection'"
          + " are templates over ${topic}, ${db} and ${table} (source.db/source.table of change events;"
          + " for other records the second-to-last and last dot-separated segments of the topic)."
          + " 'regex': 'namespace.regex' must match the whole topic and 'database'/'collection' are"
          + " replacements that may use its groups ($1, ${name}). 'field': the row fields named by"
          + " 'namespace.field.database' and/or 'namespace.field.collection', the templates for the rest.";
  /** Display name of {@value #MAPPER_CONFIG}. */
  public static final String MAPPER_DISPLAY = "Namespace mapper";

  /** Setting: database name template. */
  public static final String DATABASE_CONFIG = "database";
  /** Doc of {@value #DATABASE_CONFIG}. */
  public static final String DATABASE_DOC =
      "The MongoDB database: a template (mapper 'template' or 'field') or a replacement (mapper 'regex')."
          + " A plain name such as 'shop_views' sends every topic to that database.";
  /** Display name of {@value #DATABASE_CONFIG}. */
  public static final String DATABASE_DISPLAY = "Database";

  /** Setting: collection name template. */
  public static final String COLLECTION_CONFIG = "collection";
  /** Default of {@value #COLLECTION_CONFIG}. */
  public static final String COLLECTION_DEFAULT = "${table}";
  /** Doc of {@value #COLLECTION_CONFIG}. */
  public static final String COLLECTION_DOC =
      "The MongoDB collection: a template (mapper 'template' or 'field') or a replacement (mapper"
          + " 'regex'). The default names it after the source table. Child topics embedded into"
          + " another collection (embed.field) set it to that collection's name.";
  /** Display name of {@value #COLLECTION_CONFIG}. */
  public static final String COLLECTION_DISPLAY = "Collection";

  /** Setting: regex over the topic. */
  public static final String REGEX_CONFIG = "namespace.regex";
  /** Default of {@value #REGEX_CONFIG}. */
  public static final String REGEX_DEFAULT = "";
  /** Doc of {@value #REGEX_CONFIG}. */
  public static final String REGEX_DOC =
      "With namespace.mapper=regex: a Java regular expression that must match the whole topic name,"
          + " e.g. '[^.]+\\.([^.]+)\\.([^.]+)' with database '$1_views' and collection '$2'. A topic"
          + " that does not match is an error for its records.";
  /** Display name of {@value #REGEX_CONFIG}. */
  public static final String REGEX_DISPLAY = "Topic regex";

  /** Setting: row field with the database name. */
  public static final String FIELD_DATABASE_CONFIG = "namespace.field.database";
  /** Doc of {@value #FIELD_DATABASE_CONFIG}. */
  public static final String FIELD_DATABASE_DOC =
      "With namespace.mapper=field: the top-level row field whose string value is the database, e.g."
          + " a tenant column. Empty: the 'database' template.";
  /** Display name of {@value #FIELD_DATABASE_CONFIG}. */
  public static final String FIELD_DATABASE_DISPLAY = "Database field";

  /** Setting: row field with the collection name. */
  public static final String FIELD_COLLECTION_CONFIG = "namespace.field.collection";
  /** Doc of {@value #FIELD_COLLECTION_CONFIG}. */
  public static final String FIELD_COLLECTION_DOC =
      "With namespace.mapper=field: the top-level row field whose string value is the collection."
          + " Empty: the 'collection' template.";
  /** Display name of {@value #FIELD_COLLECTION_CONFIG}. */
  public static final String FIELD_COLLECTION_DISPLAY = "Collection field";

  private static final String GROUP = "Namespace";

  /** The namespace settings. */
  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(MAPPER_CONFIG, Type.STRING, MAPPER_DEFAULT, SinkValidators.oneOf(NamespaceMapperKind.class),
              Importance.MEDIUM, MAPPER_DOC, GROUP, 1, Width.SHORT, MAPPER_DISPLAY)
          .define(DATABASE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, SinkValidators.nonBlank("database name or template"),
              Importance.HIGH, DATABASE_DOC, GROUP, 2, Width.MEDIUM, DATABASE_DISPLAY)
          .define(COLLECTION_CONFIG, Type.STRING, COLLECTION_DEFAULT, SinkValidators.nonBlank("collection name or template"),
              Importance.HIGH, COLLECTION_DOC, GROUP, 3, Width.MEDIUM, COLLECTION_DISPLAY)
          .define(REGEX_CONFIG, Type.STRING, REGEX_DEFAULT, SinkValidators.optionalRegex(),
              Importance.LOW, REGEX_DOC, GROUP, 4, Width.MEDIUM, REGEX_DISPLAY)
          .define(FIELD_DATABASE_CONFIG, Type.STRING, "", Importance.LOW, FIELD_DATABASE_DOC, GROUP, 5,
              Width.SHORT, FIELD_DATABASE_DISPLAY)
          .define(FIELD_COLLECTION_CONFIG, Type.STRING, "", Importance.LOW, FIELD_COLLECTION_DOC, GROUP, 6,
              Width.SHORT, FIELD_COLLECTION_DISPLAY);

  private final NamespaceMapperKind kind;
  private final NamespaceMapper mapper;

  /**
   * Parses and cross-checks the namespace settings.
   *
   * @throws ConfigException naming the setting to fix
   */
  public NamespaceConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    this.kind = NamespaceMapperKind.parse(getString(MAPPER_CONFIG));
    String database = getString(DATABASE_CONFIG);
    String collection = getString(COLLECTION_CONFIG);
    this.mapper = switch (kind) {
      case TEMPLATE -> templates(database, collection);
      case REGEX -> {
        String regex = getString(REGEX_CONFIG);
        if (regex.isBlank()) {
          throw new ConfigException(REGEX_CONFIG, regex, "namespace.mapper=regex needs a regular expression over the topic");
        }
        yield new RegexNamespaceMapper(SinkValidators.compile(REGEX_CONFIG, regex), database, collection);
      }
      case FIELD -> {
        String dbField = blankToNull(getString(FIELD_DATABASE_CONFIG));
        String collField = blankToNull(getString(FIELD_COLLECTION_CONFIG));
        if (dbField == null && collField == null) {
          throw new ConfigException(FIELD_COLLECTION_CONFIG, "",
              "namespace.mapper=field needs namespace.field.collection and/or namespace.field.database");
        }
        yield new FieldNamespaceMapper(dbField, collField, templates(database, collection));
      }
    };
  }

  private static TemplateNamespaceMapper templates(String database, String collection) {
    return new TemplateNamespaceMapper(template(DATABASE_CONFIG, database), template(COLLECTION_CONFIG, collection));
  }

  private static Template template(String setting, String value) {
    try {
      return Template.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(setting, value, e.getMessage());
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** How the namespace is chosen. */
  public NamespaceMapperKind kind() {
    return kind;
  }

  /** The mapper. */
  public NamespaceMapper mapper() {
    return mapper;
  }
}
