package dev.sluice.embedded.verify;

import java.util.Locale;
import java.util.Set;

/**
 * How {@code verify} reads a view: the sink and source settings that decide what a document looks
 * like, and how much to report.
 *
 * @param temporal the sink's {@code temporal.mode}: BSON dates hold milliseconds, strings microseconds
 * @param binary the source's {@code binary.handling.mode}
 * @param tinyInt1AsBoolean the source's {@code tinyint1.as.boolean}
 * @param metaField the sink's {@code meta.field}, skipped in documents and elements
 * @param excludedColumns columns left out on both sides (the source's {@code column.exclude.list})
 * @param ignoredFields document fields that are not columns and are not reported (e.g. added by a transform)
 * @param chunkSize rows per chunk
 * @param examples examples printed per kind of difference
 * @param showValues whether examples show the differing values (off: only column names, as values may be sensitive)
 */
public record VerifyOptions(Temporal temporal, Binary binary, boolean tinyInt1AsBoolean, String metaField, Set<String> excludedColumns,
    Set<String> ignoredFields, int chunkSize, int examples, boolean showValues) {

  public VerifyOptions {
    excludedColumns = Set.copyOf(excludedColumns);
    ignoredFields = Set.copyOf(ignoredFields);
    if (chunkSize < 1) {
      throw new IllegalArgumentException("--chunk-size must be at least 1, got " + chunkSize);
    }
    if (examples < 0) {
      throw new IllegalArgumentException("--examples must not be negative, got " + examples);
    }
  }

  /** The sink's and source's defaults, chunks of 1000 rows, 5 examples, no values shown. */
  public static VerifyOptions defaults() {
    return new VerifyOptions(Temporal.DATE, Binary.BYTES, true, "_sluice", Set.of(), Set.of(), 1000, 5, false);
  }

  /** Copy with another chunk size. */
  public VerifyOptions withChunkSize(int value) {
    return new VerifyOptions(temporal, binary, tinyInt1AsBoolean, metaField, excludedColumns, ignoredFields, value, examples, showValues);
  }

  /** Copy that shows values in examples. */
  public VerifyOptions withShowValues(boolean value) {
    return new VerifyOptions(temporal, binary, tinyInt1AsBoolean, metaField, excludedColumns, ignoredFields, chunkSize, examples, value);
  }

  /** The sink's temporal mode. */
  public enum Temporal {
    /** BSON dates: millisecond precision. */
    DATE,
    /** ISO-8601 strings: microsecond precision. */
    STRING;

    /** Parses {@code date} or {@code string}. */
    public static Temporal parse(String value) {
      return Enum.valueOf(Temporal.class, value.trim().toUpperCase(Locale.ROOT));
    }
  }

  /** The source's binary handling mode. */
  public enum Binary {
    /** BSON binary. */
    BYTES,
    /** Base64 text. */
    BASE64,
    /** Hex text. */
    HEX
  }
}
