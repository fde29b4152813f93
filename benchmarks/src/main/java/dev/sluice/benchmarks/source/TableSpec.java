package dev.sluice.benchmarks.source;

import java.util.Random;
import java.util.function.BiConsumer;

/**
 * One table of the generated workload.
 *
 * @param name      table name (in {@link Workload#DATABASE})
 * @param captured  whether the connectors are configured to capture it
 * @param ddl       its {@code CREATE TABLE}
 * @param columns   the column list of the {@code INSERT}, id first
 * @param row       appends the SQL literals of one row after its id, e.g. {@code , 'a', 1.5}
 * @param updateSet a {@code SET} clause that changes every row it touches (so each matched row is
 *                  one binlog row change)
 */
record TableSpec(String name, boolean captured, String ddl, String columns, BiConsumer<StringBuilder, Random> row, String updateSet) {
}
