package dev.sluice.source.mysql.snapshot;

import java.util.Locale;

/** When the source copies the captured tables' existing rows ({@code snapshot.mode}). */
public enum SnapshotMode {
  /** Copy every captured table not copied yet, while streaming; then keep streaming (default). */
  INITIAL,
  /** Copy every captured table (streaming meanwhile, so the copy is consistent), then stop reading the binlog. */
  INITIAL_ONLY,
  /** Never copy: stream from the current binlog position (first start) or the stored offset. */
  NO_DATA,
  /** Like {@link #INITIAL}, and copy everything again when the binlog after the stored offset (file or GTIDs) was purged. */
  WHEN_NEEDED;

  /** The mode named {@code text} (case-insensitive, as in the setting). */
  public static SnapshotMode parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }

  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
