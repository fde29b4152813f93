package dev.sluice.event;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * The {@code source} block of a change event: where and when the change happened, plus
 * {@code seq}.
 *
 * <p>The fields mirror Debezium's MySQL source block (so existing consumers read them) in this
 * order: version, connector, name, ts_ms, snapshot, db, table, server_id, gtid, file, pos, row,
 * thread, query, seq. {@code seq} is strictly increasing over everything one connector emits and
 * is restored from the source offset, so a replay re-emits the same seq for the same event; the
 * sink ignores records whose seq is not greater than the one it applied.
 *
 * @param version Sluice version that produced the event
 * @param connector connector type, e.g. {@code mysql} or {@code mariadb}
 * @param name the logical server name (topic prefix)
 * @param tsMs when the change was made in the database, epoch milliseconds (0 for snapshot reads
 *     without a binlog timestamp)
 * @param snapshot snapshot marker, null outside snapshots
 * @param db database name
 * @param table table name, null for events not tied to one table
 * @param serverId the MySQL/MariaDB server id that wrote the binlog event
 * @param gtid GTID of the transaction, null without GTID mode
 * @param file binlog file name
 * @param pos binlog position of the event
 * @param row index of the row within the binlog event
 * @param thread id of the thread (connection) that made the change, if known
 * @param query the SQL statement, if {@code binlog_rows_query_log_events} is on and enabled
 * @param seq the per-connector, strictly increasing sequence number
 */
public record SourceInfo(
    String version,
    String connector,
    String name,
    long tsMs,
    Snapshot snapshot,
    String db,
    String table,
    long serverId,
    String gtid,
    String file,
    long pos,
    int row,
    Long thread,
    String query,
    long seq) {

  /** Field {@code version}. */
  public static final String VERSION = "version";
  /** Field {@code connector}. */
  public static final String CONNECTOR = "connector";
  /** Field {@code name}. */
  public static final String NAME = "name";
  /** Field {@code ts_ms}. */
  public static final String TS_MS = "ts_ms";
  /** Field {@code snapshot}. */
  public static final String SNAPSHOT = "snapshot";
  /** Field {@code db}. */
  public static final String DB = "db";
  /** Field {@code table}. */
  public static final String TABLE = "table";
  /** Field {@code server_id}. */
  public static final String SERVER_ID = "server_id";
  /** Field {@code gtid}. */
  public static final String GTID = "gtid";
  /** Field {@code file}. */
  public static final String FILE = "file";
  /** Field {@code pos}. */
  public static final String POS = "pos";
  /** Field {@code row}. */
  public static final String ROW = "row";
  /** Field {@code thread}. */
  public static final String THREAD = "thread";
  /** Field {@code query}. */
  public static final String QUERY = "query";
  /** Field {@code seq}: the Sluice sequence number. */
  public static final String SEQ = "seq";

  /** Name of the source block schema. */
  public static final String SCHEMA_NAME = "dev.sluice.event.Source";

  /** The source block schema, shared by every Sluice envelope. */
  public static final Schema SCHEMA =
      SchemaBuilder.struct()
          .name(SCHEMA_NAME)
          .version(1)
          .field(VERSION, Schema.STRING_SCHEMA)
          .field(CONNECTOR, Schema.STRING_SCHEMA)
          .field(NAME, Schema.STRING_SCHEMA)
          .field(TS_MS, Schema.INT64_SCHEMA)
          .field(SNAPSHOT, Schema.OPTIONAL_STRING_SCHEMA)
          .field(DB, Schema.STRING_SCHEMA)
          .field(TABLE, Schema.OPTIONAL_STRING_SCHEMA)
          .field(SERVER_ID, Schema.INT64_SCHEMA)
          .field(GTID, Schema.OPTIONAL_STRING_SCHEMA)
          .field(FILE, Schema.STRING_SCHEMA)
          .field(POS, Schema.INT64_SCHEMA)
          .field(ROW, Schema.INT32_SCHEMA)
          .field(THREAD, Schema.OPTIONAL_INT64_SCHEMA)
          .field(QUERY, Schema.OPTIONAL_STRING_SCHEMA)
          .field(SEQ, Schema.INT64_SCHEMA)
          .build();

  /** {@link #SCHEMA}'s fields in the order of {@link #toStruct()}'s values. */
  private static final Field[] FIELDS = SCHEMA.fields().toArray(Field[]::new);

  /** Values of the {@code snapshot} field, as Debezium writes them. */
  public enum Snapshot {
    /** A row read by a snapshot. */
    TRUE("true"),
    /** Written explicitly by some producers for streamed changes. */
    FALSE("false"),
    /** The first record of a snapshot. */
    FIRST("first"),
    /** The last record of a snapshot. */
    LAST("last"),
    /** A row read by an incremental (chunked, interleaved) snapshot. */
    INCREMENTAL("incremental");

    private final String code;

    Snapshot(String code) {
      this.code = code;
    }

    /** The value written into the {@code snapshot} field. */
    public String code() {
      return code;
    }

    /**
     * Parses a snapshot marker; surrounding blanks and case are ignored.
     *
     * @throws IllegalArgumentException naming the bad value and the valid ones
     */
    public static Snapshot parse(String code) {
      String normalized = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
      for (Snapshot snapshot : values()) {
        if (snapshot.code.equals(normalized)) {
          return snapshot;
        }
      }
      throw new IllegalArgumentException(
          "Unknown snapshot marker '"
              + code
              + "'; valid markers are: "
              + Arrays.stream(values()).map(Snapshot::code).collect(Collectors.joining(", ")));
    }
  }

  /** Validates the required components. */
  public SourceInfo {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(file, "file");
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised from this block, for deriving the next event's block. */
  public Builder toBuilder() {
    return new Builder()
        .version(version)
        .connector(connector)
        .name(name)
        .tsMs(tsMs)
        .snapshot(snapshot)
        .db(db)
        .table(table)
        .serverId(serverId)
        .gtid(gtid)
        .file(file)
        .pos(pos)
        .row(row)
        .thread(thread)
        .query(query)
        .seq(seq);
  }

  /**
   * The block as a Struct of {@link #SCHEMA}. Every field's type is fixed by this record, so the
   * values are set without Connect's per-put validation ({@link TrustedStructs}); the required
   * strings are checked here.
   *
   * @throws DataException when version, connector, name, db or file is null
   */
  public Struct toStruct() {
    Struct struct = new Struct(SCHEMA);
    TrustedStructs.putAll(struct, values());
    return struct;
  }

  /**
   * The blocks of the rows of this block's event, which differ from this one only in {@code row}
   * and {@code seq}: the shared values are boxed and checked once, here.
   *
   * @throws DataException when version, connector, name, db or file is null
   */
  public SourceBlocks rowBlocks() {
    return new SourceBlocks(values());
  }

  /** The values of {@link #SCHEMA}'s fields in field order, the required ones checked. */
  private Object[] values() {
    Object[] values = {version, connector, name, tsMs, snapshot == null ? null : snapshot.code(), db, table, serverId, gtid, file, pos,
        row, thread, query, seq};
    for (int i = 0; i < values.length; i++) {
      Field field = FIELDS[i];
      if (values[i] == null && !field.schema().isOptional()) {
        throw new DataException("the source block's " + field.name() + " is required but null");
      }
    }
    return values;
  }

  /**
   * Builds a {@link SourceInfo}. version, connector, name, db and file are required; {@code
   * version} defaults to {@link SluiceVersion#current()}.
   */
  public static final class Builder {
    private String version = SluiceVersion.current();
    private String connector;
    private String name;
    private long tsMs;
    private Snapshot snapshot;
    private String db;
    private String table;
    private long serverId;
    private String gtid;
    private String file;
    private long pos;
    private int row;
    private Long thread;
    private String query;
    private long seq;

    private Builder() {}

    /** See {@link SourceInfo#version()}. */
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    /** See {@link SourceInfo#connector()}. */
    public Builder connector(String connector) {
      this.connector = connector;
      return this;
    }

    /** See {@link SourceInfo#name()}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** See {@link SourceInfo#tsMs()}. */
    public Builder tsMs(long tsMs) {
      this.tsMs = tsMs;
      return this;
    }

    /** See {@link SourceInfo#snapshot()}. */
    public Builder snapshot(Snapshot snapshot) {
      this.snapshot = snapshot;
      return this;
    }

    /** See {@link SourceInfo#db()}. */
    public Builder db(String db) {
      this.db = db;
      return this;
    }

    /** See {@link SourceInfo#table()}. */
    public Builder table(String table) {
      this.table = table;
      return this;
    }

    /** See {@link SourceInfo#serverId()}. */
    public Builder serverId(long serverId) {
      this.serverId = serverId;
      return this;
    }

    /** See {@link SourceInfo#gtid()}. */
    public Builder gtid(String gtid) {
      this.gtid = gtid;
      return this;
    }

    /** See {@link SourceInfo#file()}. */
    public Builder file(String file) {
      this.file = file;
      return this;
    }

    /** See {@link SourceInfo#pos()}. */
    public Builder pos(long pos) {
      this.pos = pos;
      return this;
    }

    /** See {@link SourceInfo#row()}. */
    public Builder row(int row) {
      this.row = row;
      return this;
    }

    /** See {@link SourceInfo#thread()}. */
    public Builder thread(Long thread) {
      this.thread = thread;
      return this;
    }

    /** See {@link SourceInfo#query()}. */
    public Builder query(String query) {
      this.query = query;
      return this;
    }

    /** See {@link SourceInfo#seq()}. */
    public Builder seq(long seq) {
      this.seq = seq;
      return this;
    }

    /**
     * Builds the block.
     *
     * @throws NullPointerException naming the first missing required component
     */
    public SourceInfo build() {
      return new SourceInfo(
          version, connector, name, tsMs, snapshot, db, table, serverId, gtid, file, pos, row,
          thread, query, seq);
    }
  }
}
