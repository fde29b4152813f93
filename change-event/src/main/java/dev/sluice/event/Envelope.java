package dev.sluice.event;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The value schema of one table's change events, and the factory for its values.
 *
 * <p>Layout (Debezium-compatible, in this field order):
 *
 * <ol>
 *   <li>{@code before}: optional row struct, the row before the change (updates, deletes);
 *   <li>{@code after}: optional row struct, the row after the change (creates, updates, reads);
 *   <li>{@code source}: required source block, see {@link SourceInfo};
 *   <li>{@code op}: required string, one of {@link Operation}'s codes;
 *   <li>{@code ts_ms}: optional int64, when the connector processed the event;
 *   <li>{@code transaction}: optional block, see {@link TransactionInfo}.
 * </ol>
 *
 * <p>Building an {@code Envelope} builds its schema; do it once per table (and again only when the
 * table's row schema changes) and keep the instance. The value helpers never build schemas, so the
 * per-record cost is one {@link Struct} allocation. Every value a helper returns uses the same
 * {@link #schema()} instance, which keeps schema caches in converters and SMTs effective.
 */
public final class Envelope {

  /** Field {@code before}: the row before the change. */
  public static final String BEFORE = "before";
  /** Field {@code after}: the row after the change. */
  public static final String AFTER = "after";
  /** Field {@code source}: where and when the change happened. */
  public static final String SOURCE = "source";
  /** Field {@code op}: the {@link Operation} code. */
  public static final String OP = "op";
  /** Field {@code ts_ms}: when the connector processed the event, epoch milliseconds. */
  public static final String TS_MS = "ts_ms";
  /** Field {@code transaction}: the transaction block. */
  public static final String TRANSACTION = "transaction";

  /** Suffix of envelope schema names, as in Debezium ({@code <prefix>.<db>.<table>.Envelope}). */
  public static final String SCHEMA_NAME_SUFFIX = "Envelope";
  /** Version of the envelope schemas this class builds. */
  public static final int SCHEMA_VERSION = 1;

  /** The kind of change an event describes; {@link #code()} is the value of the {@code op} field. */
  public enum Operation {
    /** A row was inserted. */
    CREATE("c"),
    /** A row was updated. */
    UPDATE("u"),
    /** A row was deleted. */
    DELETE("d"),
    /** A row was read by a snapshot. */
    READ("r"),
    /** A table was truncated. */
    TRUNCATE("t");

    private static final String VALID_CODES =
        Arrays.stream(values()).map(Operation::code).collect(Collectors.joining(", "));

    private final String code;

    Operation(String code) {
      this.code = code;
    }

    /** The one-letter code written into the {@code op} field. */
    public String code() {
      return code;
    }

    /**
     * The operation for a code, without throwing; for reading events from foreign sources.
     *
     * @param code an {@code op} value; exact, lower-case match
     * @return the operation, or empty for null or unknown codes
     */
    public static Optional<Operation> forCode(String code) {
      if (code == null) {
        return Optional.empty();
      }
      return switch (code) {
        case "c" -> Optional.of(CREATE);
        case "u" -> Optional.of(UPDATE);
        case "d" -> Optional.of(DELETE);
        case "r" -> Optional.of(READ);
        case "t" -> Optional.of(TRUNCATE);
        default -> Optional.empty();
      };
    }

    /**
     * Parses a code as written by users in configuration: surrounding blanks and case are ignored.
     *
     * @param code one of {@code c u d r t}
     * @return the operation
     * @throws IllegalArgumentException naming the bad value and the valid codes
     */
    public static Operation parse(String code) {
      String normalized = code == null ? null : code.trim().toLowerCase(Locale.ROOT);
      return forCode(normalized)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "Unknown operation '" + code + "'; valid operations are: " + VALID_CODES));
    }

    /** The valid codes, comma separated, for error messages and documentation. */
    public static String validCodes() {
      return VALID_CODES;
    }
  }

  private final Schema schema;
  private final Schema rowSchema;
  private final Schema sourceSchema;
  private final Field beforeField;
  private final Field afterField;
  private final Field sourceField;
  private final Field opField;
  private final Field tsMsField;

  private Envelope(Schema schema, Schema rowSchema, Schema sourceSchema) {
    this.schema = schema;
    this.rowSchema = rowSchema;
    this.sourceSchema = sourceSchema;
    this.beforeField = schema.field(BEFORE);
    this.afterField = schema.field(AFTER);
    this.sourceField = schema.field(SOURCE);
    this.opField = schema.field(OP);
    this.tsMsField = schema.field(TS_MS);
  }

  /** Starts an envelope for one table. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The conventional envelope schema name, {@code <topicPrefix>.<db>.<table>.Envelope}.
   *
   * @param topicPrefix the connector's topic prefix
   * @param db the database (schema) name
   * @param table the table name
   * @return the schema name
   */
  public static String schemaName(String topicPrefix, String db, String table) {
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(table, "table");
    return topicPrefix + "." + db + "." + table + "." + SCHEMA_NAME_SUFFIX;
  }

  /** The value schema; the same instance for every value this envelope creates. */
  public Schema schema() {
    return schema;
  }

  /** The (optional) row schema of {@code before} and {@code after}. */
  public Schema rowSchema() {
    return rowSchema;
  }

  /** The source block schema. */
  public Schema sourceSchema() {
    return sourceSchema;
  }

  /**
   * An insert: {@code op=c}, {@code after} set.
   *
   * @param after the inserted row, built with {@link #rowSchema()}
   * @param source the source block, built with {@link #sourceSchema()}
   * @param tsMs processing time, epoch milliseconds
   * @return the event value
   */
  public Struct create(Struct after, Struct source, long tsMs) {
    return value(Operation.CREATE, null, Objects.requireNonNull(after, "after"), source, tsMs, null);
  }

  /**
   * An update: {@code op=u}, {@code before} and {@code after} set.
   *
   * @param before the row before the update; null only if the binlog did not carry it
   * @param after the row after the update
   * @param source the source block
   * @param tsMs processing time, epoch milliseconds
   * @return the event value
   */
  public Struct update(Struct before, Struct after, Struct source, long tsMs) {
    return value(Operation.UPDATE, before, Objects.requireNonNull(after, "after"), source, tsMs, null);
  }

  /**
   * A delete: {@code op=d}, {@code before} set. The caller emits the tombstone that follows.
   *
   * @param before the deleted row
   * @param source the source block
   * @param tsMs processing time, epoch milliseconds
   * @return the event value
   */
  public Struct delete(Struct before, Struct source, long tsMs) {
    return value(Operation.DELETE, Objects.requireNonNull(before, "before"), null, source, tsMs, null);
  }

  /**
   * A snapshot read: {@code op=r}, {@code after} set.
   *
   * @param after the row read
   * @param source the source block
   * @param tsMs processing time, epoch milliseconds
   * @return the event value
   */
  public Struct read(Struct after, Struct source, long tsMs) {
    return value(Operation.READ, null, Objects.requireNonNull(after, "after"), source, tsMs, null);
  }

  /**
   * A truncate: {@code op=t}, no row.
   *
   * @param source the source block
   * @param tsMs processing time, epoch milliseconds
   * @return the event value
   */
  public Struct truncate(Struct source, long tsMs) {
    return value(Operation.TRUNCATE, null, null, source, tsMs, null);
  }

  /**
   * The general form behind the helpers, for events that carry a transaction block.
   *
   * @param op the operation
   * @param before the row before the change, or null
   * @param after the row after the change, or null
   * @param source the source block, required
   * @param tsMs processing time, or null
   * @param transaction the transaction block, or null
   * @return the event value
   * @throws org.apache.kafka.connect.errors.DataException if a struct does not match its schema
   */
  public Struct value(
      Operation op,
      Struct before,
      Struct after,
      Struct source,
      Long tsMs,
      TransactionInfo transaction) {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(source, "source");
    Struct value = new Struct(schema);
    // A row or source Struct's values were checked as it was built (by Struct.put, or by code that
    // guarantees their types): check that its schema is the field's, not every value once more.
    TrustedStructs.putStruct(value, beforeField, before);
    TrustedStructs.putStruct(value, afterField, after);
    TrustedStructs.putStruct(value, sourceField, source);
    TrustedStructs.put(value, opField, op.code());
    if (tsMs != null) {
      TrustedStructs.put(value, tsMsField, tsMs);
    }
    if (transaction != null) {
      value.put(TRANSACTION, transaction.toStruct());
    }
    assert validated(value);
    return value;
  }

  /** Connect's full validation of an event value; with assertions on (the tests), every value built here gets it. */
  private static boolean validated(Struct value) {
    value.validate();
    return true;
  }

  /** Builds an {@link Envelope}; {@link #schemaName} and {@link #rowSchema} are required. */
  public static final class Builder {
    private String schemaName;
    private Schema rowSchema;
    private Schema sourceSchema = SourceInfo.SCHEMA;

    private Builder() {}

    /** The value schema name, usually {@link Envelope#schemaName(String, String, String)}. */
    public Builder schemaName(String schemaName) {
      this.schemaName = schemaName;
      return this;
    }

    /** The row schema of {@code before}/{@code after}: an optional STRUCT schema. */
    public Builder rowSchema(Schema rowSchema) {
      this.rowSchema = rowSchema;
      return this;
    }

    /** The source block schema; defaults to {@link SourceInfo#SCHEMA}. */
    public Builder sourceSchema(Schema sourceSchema) {
      this.sourceSchema = sourceSchema;
      return this;
    }

    /**
     * Builds the envelope and its value schema.
     *
     * @throws IllegalArgumentException if a schema is missing or has the wrong type or optionality
     */
    public Envelope build() {
      if (schemaName == null || schemaName.isBlank()) {
        throw new IllegalArgumentException("Envelope schema name is required");
      }
      if (rowSchema == null || rowSchema.type() != Schema.Type.STRUCT || !rowSchema.isOptional()) {
        throw new IllegalArgumentException(
            "Row schema for "
                + schemaName
                + " must be an optional STRUCT schema (before/after are null for some operations), got "
                + describe(rowSchema));
      }
      if (sourceSchema == null
          || sourceSchema.type() != Schema.Type.STRUCT
          || sourceSchema.isOptional()) {
        throw new IllegalArgumentException(
            "Source schema for "
                + schemaName
                + " must be a required STRUCT schema, got "
                + describe(sourceSchema));
      }
      Schema schema =
          SchemaBuilder.struct()
              .name(schemaName)
              .version(SCHEMA_VERSION)
              .field(BEFORE, rowSchema)
              .field(AFTER, rowSchema)
              .field(SOURCE, sourceSchema)
              .field(OP, Schema.STRING_SCHEMA)
              .field(TS_MS, Schema.OPTIONAL_INT64_SCHEMA)
              .field(TRANSACTION, TransactionInfo.SCHEMA)
              .build();
      return new Envelope(schema, rowSchema, sourceSchema);
    }

    private static String describe(Schema schema) {
      if (schema == null) {
        return "null";
      }
      return (schema.isOptional() ? "optional " : "required ")
          + schema.type()
          + (schema.name() == null ? "" : " " + schema.name());
    }
  }
}
