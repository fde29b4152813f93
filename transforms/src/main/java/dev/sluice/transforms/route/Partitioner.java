package dev.sluice.transforms.route;

import dev.sluice.transforms.row.FieldPath;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/**
 * Chooses a partition from the values of some fields with Kafka's own murmur2 hash, as the default
 * partitioner does for keys: {@code toPositive(murmur2(bytes)) % partitions}.
 *
 * <p>The bytes of one value: strings as UTF-8 (so a single string field lands where a record keyed
 * by that string would), byte arrays as they are, decimals by their plain string, dates by their
 * epoch milliseconds in decimal, other values by their string form; null is the empty byte
 * sequence. Several fields are joined with a zero byte.
 */
public final class Partitioner {

  private final List<FieldPath> fields;
  private final int partitions;

  /**
   * A partitioner.
   *
   * @param fields the fields whose values decide; not empty
   * @param partitions the number of partitions of the output topics; at least 1
   */
  public Partitioner(List<FieldPath> fields, int partitions) {
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("at least one field is needed");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    this.fields = List.copyOf(fields);
    this.partitions = partitions;
  }

  /**
   * The partition for the values the fields have in {@code primary}, or for those missing there,
   * in {@code fallback}.
   *
   * @param primary the row (Struct or Map), or null
   * @param fallback the key (Struct or Map), or null
   * @return the partition, or -1 when a field is in neither
   */
  public int partition(Object primary, Object fallback) {
    if (fields.size() == 1) {
      Object value = valueOf(fields.get(0), primary, fallback);
      return value == FieldPath.MISSING ? -1 : partitionOf(bytes(value));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    for (int i = 0; i < fields.size(); i++) {
      Object value = valueOf(fields.get(i), primary, fallback);
      if (value == FieldPath.MISSING) {
        return -1;
      }
      if (i > 0) {
        out.write(0);
      }
      out.writeBytes(bytes(value));
    }
    return partitionOf(out.toByteArray());
  }

  /** The number of partitions. */
  public int partitions() {
    return partitions;
  }

  private int partitionOf(byte[] bytes) {
    return Utils.toPositive(Utils.murmur2(bytes)) % partitions;
  }

  private static Object valueOf(FieldPath path, Object primary, Object fallback) {
    Object value = primary == null ? FieldPath.MISSING : path.get(primary);
    if (value == FieldPath.MISSING && fallback != null) {
      value = path.get(fallback);
    }
    return value;
  }

  static byte[] bytes(Object value) {
    if (value == null) {
      return new byte[0];
    }
    if (value instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer view = buffer.duplicate();
      byte[] bytes = new byte[view.remaining()];
      view.get(bytes);
      return bytes;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString().getBytes(StandardCharsets.UTF_8);
    }
    if (value instanceof Date date) {
      return Long.toString(date.getTime()).getBytes(StandardCharsets.UTF_8);
    }
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }
}
