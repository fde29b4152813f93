package dev.sluice.transforms.unwrap;

import dev.sluice.event.Envelope;
import dev.sluice.event.TransactionInfo;
import java.util.List;
import java.util.Set;

/**
 * One entry of Unwrap's {@code add.fields} or {@code add.headers}, in Debezium's syntax: {@code
 * [block.]field[:newName]}.
 *
 * <p>Without a block, {@code op}, {@code ts_ms}, {@code ts_us} and {@code ts_ns} are read from the
 * envelope, {@code id}, {@code total_order} and {@code data_collection_order} from the {@code
 * transaction} block, every other name from the {@code source} block. The default output name is
 * the prefix followed by the field name, or by {@code block_field} when a block was given
 * ({@code source.ts_ms} becomes {@code __source_ts_ms}).
 *
 * @param block the envelope field holding the value ({@code source}, {@code transaction}), or
 *     null for a top-level envelope field
 * @param field the field name
 * @param name the output field or header name, prefix included
 */
public record AddedField(String block, String field, String name) {

  private static final Set<String> ENVELOPE_FIELDS = Set.of(Envelope.OP, Envelope.TS_MS, "ts_us", "ts_ns");
  private static final Set<String> TRANSACTION_FIELDS =
      Set.of(TransactionInfo.ID, TransactionInfo.TOTAL_ORDER, TransactionInfo.DATA_COLLECTION_ORDER);

  /**
   * Parses one entry.
   *
   * @param entry e.g. {@code op}, {@code source.ts_ms} or {@code table:TABLE_NAME}
   * @param prefix the prefix for default names
   * @return the parsed entry
   * @throws IllegalArgumentException naming the entry when it is malformed
   */
  public static AddedField parse(String entry, String prefix) {
    String[] rename = entry.trim().split(":", -1);
    if (rename.length > 2 || rename[0].isBlank() || (rename.length == 2 && rename[1].isBlank())) {
      throw new IllegalArgumentException(
          "'" + entry + "' is not a field reference; write [block.]field[:newName], e.g. op,"
              + " source.ts_ms or table:TABLE_NAME");
    }
    List<String> parts = List.of(rename[0].trim().split("\\.", -1));
    if (parts.size() > 2 || parts.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(
          "'" + entry + "' is not a field reference; a field is named by 'field' or"
              + " 'block.field' (block: source or transaction)");
    }
    String field = parts.get(parts.size() - 1);
    String block = parts.size() == 2 ? parts.get(0) : defaultBlock(field);
    String name;
    if (rename.length == 2) {
      name = prefix + rename[1].trim();
    } else {
      name = prefix + (parts.size() == 2 ? block + "_" + field : field);
    }
    return new AddedField(block, field, name);
  }

  private static String defaultBlock(String field) {
    if (ENVELOPE_FIELDS.contains(field)) {
      return null;
    }
    if (TRANSACTION_FIELDS.contains(field)) {
      return Envelope.TRANSACTION;
    }
    return Envelope.SOURCE;
  }

  /** The reference as written, e.g. {@code source.ts_ms}. */
  public String reference() {
    return block == null ? field : block + "." + field;
  }
}
