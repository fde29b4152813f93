package dev.sluice.transforms.unwrap;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What Unwrap does with delete events and with the tombstones that follow them.
 *
 * @param onDelete what a delete event becomes
 * @param keepTombstones whether tombstones already in the stream pass through
 */
public record DeleteHandling(DeleteAction onDelete, boolean keepTombstones) {

  /** What a delete event becomes. */
  public enum DeleteAction {
    /** Nothing: the delete event is dropped. */
    DROP,
    /**
     * A record with the delete's key, a null value and the row schema: a tombstone to Kafka's log
     * compaction, which still tells schema-aware sinks the table (Debezium's {@code tombstone}
     * mode and its older {@code delete.handling.mode=none}).
     */
    NULL_ROW,
    /** A tombstone proper: null value, no value schema. */
    TOMBSTONE,
    /** The deleted row ({@code before}) with {@code __deleted=true}. */
    REWRITE
  }

  /** The values of {@code delete.tombstone.handling.mode}, named as in Debezium 2.5+ and 3.x. */
  public enum Mode {
    /** Drop deletes and tombstones. */
    DROP("drop", new DeleteHandling(DeleteAction.DROP, false)),
    /**
     * Each delete leaves exactly one tombstone: the delete becomes a null-valued record with the
     * row schema, the tombstone after it is dropped (the default, as in Debezium).
     */
    TOMBSTONE("tombstone", new DeleteHandling(DeleteAction.NULL_ROW, false)),
    /** Rewrite deletes with {@code __deleted=true}, drop tombstones. */
    REWRITE("rewrite", new DeleteHandling(DeleteAction.REWRITE, false)),
    /** Rewrite deletes with {@code __deleted=true}, keep tombstones. */
    REWRITE_WITH_TOMBSTONE("rewrite-with-tombstone", new DeleteHandling(DeleteAction.REWRITE, true)),
    /** Turn deletes into tombstones, drop the tombstones that followed them. */
    DELETE_TO_TOMBSTONE("delete-to-tombstone", new DeleteHandling(DeleteAction.TOMBSTONE, false));

    private final String code;
    private final DeleteHandling handling;

    Mode(String code, DeleteHandling handling) {
      this.code = code;
      this.handling = handling;
    }

    /** The configured value. */
    public String code() {
      return code;
    }

    /** The behaviour. */
    public DeleteHandling handling() {
      return handling;
    }

    /** The valid values, comma separated. */
    public static String validCodes() {
      return Arrays.stream(values()).map(Mode::code).collect(Collectors.joining(", "));
    }

    /**
     * Parses a configured value; blanks and case are ignored.
     *
     * @throws IllegalArgumentException naming the value and the valid ones
     */
    public static Mode parse(String code) {
      String normalized = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
      for (Mode mode : values()) {
        if (mode.code.equals(normalized)) {
          return mode;
        }
      }
      throw new IllegalArgumentException(
          "Unknown delete handling mode '" + code + "'; valid values are: " + validCodes());
    }
  }

  /**
   * The behaviour of Debezium's settings before 2.5, {@code delete.handling.mode} (drop, rewrite,
   * none) and {@code drop.tombstones}, with Debezium's defaults for an unset one.
   *
   * @param deleteHandlingMode drop, rewrite or none; null means drop
   * @param dropTombstones null means true
   * @return the behaviour
   * @throws IllegalArgumentException for an unknown {@code delete.handling.mode}
   */
  public static DeleteHandling legacy(String deleteHandlingMode, Boolean dropTombstones) {
    String mode =
        deleteHandlingMode == null ? "drop" : deleteHandlingMode.trim().toLowerCase(Locale.ROOT);
    boolean keepTombstones = dropTombstones != null && !dropTombstones;
    DeleteAction action =
        switch (mode) {
          case "drop" -> DeleteAction.DROP;
          case "rewrite" -> DeleteAction.REWRITE;
          case "none" -> DeleteAction.NULL_ROW;
          default ->
              throw new IllegalArgumentException(
                  "Unknown delete.handling.mode '" + deleteHandlingMode
                      + "'; valid values are: drop, rewrite, none");
        };
    return new DeleteHandling(action, keepTombstones);
  }

  /**
   * The {@link Mode} with this behaviour, for messages; null for the two legacy combinations
   * without one (drop or none with {@code drop.tombstones=false}).
   */
  public Mode mode() {
    for (Mode mode : Mode.values()) {
      if (mode.handling.equals(this)) {
        return mode;
      }
    }
    return null;
  }
}
