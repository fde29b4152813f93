package dev.sluice.embedded.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code verify} found for one view: how much it compared, and how many documents (and
 * embedded elements) are missing from the view, extra in it, or different from their rows, with a
 * few examples of each.
 */
public final class ViewReport {

  /**
   * Differences of one kind of thing (documents, or the elements of one embedded array).
   *
   * @param missing rows without their document (element)
   * @param extra documents (elements) without their row
   * @param different documents (elements) whose fields differ from their row
   */
  public record Counts(long missing, long extra, long different) {
    /** All differences. */
    public long total() {
      return missing + extra + different;
    }
  }

  private final String table;
  private final String collection;
  private final List<EmbeddedChild> embeds;
  private final int examplesPerKind;
  private long rows;
  private long chunks;
  private long chunksDiffering;
  private long missing;
  private long extra;
  private long different;
  private final Map<String, long[]> children = new LinkedHashMap<>();
  private final Map<String, List<String>> examples = new LinkedHashMap<>();
  private final List<String> notCompared = new ArrayList<>();

  ViewReport(TableRef table, TableRef collection, List<EmbeddedChild> embeds, int examplesPerKind) {
    this.table = table.toString();
    this.collection = collection.toString();
    this.embeds = List.copyOf(embeds);
    this.examplesPerKind = examplesPerKind;
    for (EmbeddedChild e : embeds) {
      children.put(e.field(), new long[3]);
    }
  }

  void chunk(int rowsInChunk, boolean differs) {
    rows += rowsInChunk;
    chunks++;
    if (differs) {
      chunksDiffering++;
    }
  }

  void missing(String example) {
    missing++;
    example("missing", example);
  }

  void extra(String example) {
    extra++;
    example("extra", example);
  }

  void different(String example) {
    different++;
    example("different", example);
  }

  void childMissing(String field, String example) {
    children.get(field)[0]++;
    example("missing", example);
  }

  void childExtra(String field, String example) {
    children.get(field)[1]++;
    example("extra", example);
  }

  void childDifferent(String field, String example) {
    children.get(field)[2]++;
    example("different", example);
  }

  void notCompared(String table, List<String> columns) {
    for (String c : columns) {
      notCompared.add(table + "." + c);
    }
  }

  private void example(String kind, String text) {
    List<String> list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
    if (list.size() < examplesPerKind) {
      list.add(text);
    }
  }

  /** The MySQL table. */
  public String table() {
    return table;
  }

  /** The MongoDB collection. */
  public String collection() {
    return collection;
  }

  /** Rows compared. */
  public long rows() {
    return rows;
  }

  /** Chunks compared. */
  public long chunks() {
    return chunks;
  }

  /** Chunks whose hashes differed. */
  public long chunksDiffering() {
    return chunksDiffering;
  }

  /** Document-level differences. */
  public Counts documents() {
    return new Counts(missing, extra, different);
  }

  /** Element-level differences of the embedded array {@code field}. */
  public Counts children(String field) {
    long[] c = children.get(field);
    if (c == null) {
      throw new IllegalArgumentException("the view embeds no array '" + field + "'; it embeds " + children.keySet());
    }
    return new Counts(c[0], c[1], c[2]);
  }

  /** Columns left out because verify cannot compare their type. */
  public List<String> notCompared() {
    return List.copyOf(notCompared);
  }

  /** Whether the view differs from the table at all. */
  public boolean drift() {
    if (missing + extra + different > 0) {
      return true;
    }
    return children.values().stream().anyMatch(c -> c[0] + c[1] + c[2] > 0);
  }

  /** The report as printed by {@code sluice verify}. */
  public String format() {
    StringBuilder out = new StringBuilder();
    out.append("verify ").append(table).append(" -> ").append(collection);
    if (!embeds.isEmpty()) {
      out.append(" (embedded: ").append(String.join("; ", embeds.stream().map(EmbeddedChild::toString).toList())).append(')');
    }
    out.append(System.lineSeparator());
    out.append(String.format("  compared %d rows in %d chunks; %d chunks differ%n", rows, chunks, chunksDiffering));
    out.append(String.format("  %-12s missing %d, extra %d, different %d%n", "documents", missing, extra, different));
    children.forEach((field, c) -> out.append(String.format("  %-12s missing %d, extra %d, different %d%n", field + "[]", c[0], c[1], c[2])));
    if (!notCompared.isEmpty()) {
      out.append("  not compared (type not supported): ").append(String.join(", ", notCompared)).append(System.lineSeparator());
    }
    if (!examples.isEmpty()) {
      out.append("  examples:").append(System.lineSeparator());
      examples.forEach((kind, list) -> list.forEach(e -> out.append(String.format("    %-10s %s%n", kind, e))));
    }
    out.append("  result: ").append(drift() ? "DRIFT" : "no drift").append(System.lineSeparator());
    return out.toString();
  }

  @Override
  public String toString() {
    return format();
  }
}
