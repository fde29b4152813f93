package dev.sluice.source.mysql.snapshot;

import dev.sluice.source.mysql.schema.ColumnInfo;
import dev.sluice.source.mysql.schema.TableSchema;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Chunk boundaries (primary-key values) as typed text for the source offset, and back as JDBC
 * parameters: {@code i} integer (bound as long), {@code d} exact number (BigDecimal: DECIMAL, BIGINT
 * UNSIGNED), {@code x} bytes (hex, binary columns), {@code s} text (everything else, bound as a
 * string the server converts to the column's type). Values are URL-encoded and joined by commas.
 */
final class KeyCodec {
  private KeyCodec() {
  }

  /** The primary-key columns of {@code schema} in key order. */
  static List<ColumnInfo> keyColumns(TableSchema schema) {
    List<ColumnInfo> keys = new ArrayList<>();
    if (schema.keySchema() == null) {
      return keys;
    }
    for (org.apache.kafka.connect.data.Field f : schema.keySchema().fields()) {
      for (ColumnInfo c : schema.columns()) {
        if (c.name().equals(f.name())) {
          keys.add(c);
        }
      }
    }
    return keys;
  }

  private static char kind(ColumnInfo c) {
    String t = c.typeName().toLowerCase(Locale.ROOT);
    if (c.isBinary()) {
      return 'x';
    }
    if (t.startsWith("decimal") || t.equals("bigint unsigned")) {
      return 'd';
    }
    if (t.startsWith("tinyint") || t.startsWith("smallint") || t.startsWith("mediumint") || t.startsWith("int") || t.startsWith("bigint")
        || t.equals("year")) {
      return 'i';
    }
    return 's';
  }

  /** The key of the current row of {@code rs} (key columns selected by name) as typed values. */
  static List<String> read(ResultSet rs, List<ColumnInfo> keys) throws SQLException {
    List<String> values = new ArrayList<>(keys.size());
    for (ColumnInfo c : keys) {
      char k = kind(c);
      if (k == 'x') {
        values.add(k + HexFormat.of().formatHex(rs.getBytes(c.name())));
      } else {
        values.add(k + rs.getString(c.name()));
      }
    }
    return values;
  }

  static String encode(List<String> typed) {
    List<String> parts = new ArrayList<>(typed.size());
    for (String v : typed) {
      parts.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
    }
    return String.join(",", parts);
  }

  /**
   * @throws ConnectException naming the table when the text does not fit its key (the key changed)
   */
  static List<String> decode(String text, List<ColumnInfo> keys, String table) {
    String[] parts = text.split(",", -1);
    if (parts.length != keys.size()) {
      throw new ConnectException("the snapshot boundary '" + text + "' stored in the offset for " + table + " has " + parts.length
          + " values, but the table's primary key has " + keys.size() + " columns (was the key changed?); delete the connector's "
          + "offsets to copy the table again");
    }
    List<String> typed = new ArrayList<>(parts.length);
    for (String p : parts) {
      String v = URLDecoder.decode(p, StandardCharsets.UTF_8);
      if (v.isEmpty() || "ixds".indexOf(v.charAt(0)) < 0) {
        throw new ConnectException("the snapshot boundary '" + text + "' stored in the offset for " + table + " is not typed key text");
      }
      typed.add(v);
    }
    return typed;
  }

  /** Binds one typed value as parameter {@code index}. */
  static void bind(PreparedStatement ps, int index, String typed) throws SQLException {
    String v = typed.substring(1);
    switch (typed.charAt(0)) {
      case 'i' -> ps.setLong(index, Long.parseLong(v));
      case 'd' -> ps.setBigDecimal(index, new BigDecimal(v));
      case 'x' -> ps.setBytes(index, HexFormat.of().parseHex(v));
      default -> ps.setString(index, v);
    }
  }
}
