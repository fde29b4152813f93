package dev.sluice.benchmarks.source;

/**
 * Row changes by operation.
 *
 * @param inserts rows inserted ({@code op=c})
 * @param updates rows updated ({@code op=u})
 * @param deletes rows deleted ({@code op=d})
 */
record ChangeCounts(long inserts, long updates, long deletes) {
  static final ChangeCounts NONE = new ChangeCounts(0, 0, 0);

  long total() {
    return inserts + updates + deletes;
  }

  ChangeCounts plus(ChangeCounts other) {
    return new ChangeCounts(inserts + other.inserts, updates + other.updates, deletes + other.deletes);
  }

  @Override
  public String toString() {
    return total() + " (" + inserts + " inserts, " + updates + " updates, " + deletes + " deletes)";
  }
}
