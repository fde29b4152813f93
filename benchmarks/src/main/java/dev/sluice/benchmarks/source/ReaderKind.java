package dev.sluice.benchmarks.source;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The readers the harness compares. */
enum ReaderKind {
  /** {@code BinaryLogClient} with the library's default deserializer: the raw parse rate. */
  RAW("raw"),
  /** {@code BinaryLogClient} with Sluice's deserializer setup ({@code BinlogDeserialization}). */
  RAW_SLUICE_DESERIALIZER("raw-sluice-deser"),
  /** Sluice's source task, every record through JsonConverter. */
  SLUICE("sluice"),
  /** Debezium's MariaDB connector task, every record through JsonConverter. */
  DEBEZIUM("debezium");

  private final String id;

  ReaderKind(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  boolean isRaw() {
    return this == RAW || this == RAW_SLUICE_DESERIALIZER;
  }

  static ReaderKind parse(String value) {
    for (ReaderKind k : values()) {
      if (k.id.equalsIgnoreCase(value.trim()) || k.name().equalsIgnoreCase(value.trim())) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown reader '" + value + "'; valid: "
        + Arrays.stream(values()).map(ReaderKind::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}
