package dev.sluice.source.mysql.schema;

import dev.sluice.source.mysql.value.BinlogBytes;
import dev.sluice.source.mysql.value.BinlogBytes.Col;
import dev.sluice.source.mysql.value.BinlogBytes.Layout;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;

/** Builds table schemas the way production does: TABLE_MAP bytes, the production parser, the factory. */
final class Tables {
  static final TableId ID = new TableId("db", "t");

  private Tables() {
  }

  /** A table {@code id INT NOT NULL PRIMARY KEY} plus the given columns, default options, MariaDB, no hints. */
  static TableSchema withColumns(Col... cols) {
    return withColumns(TypeMappingOptions.defaults(), ColumnHints.none(true), cols);
  }

  static TableSchema withColumns(TypeMappingOptions options, Col... cols) {
    return withColumns(options, ColumnHints.none(true), cols);
  }

  static TableSchema withColumns(TypeMappingOptions options, ColumnHints hints, Col... cols) {
    List<Col> all = new ArrayList<>();
    all.add(Col.of("id", BinlogBytes.LONG).notNull());
    all.addAll(List.of(cols));
    Layout layout = hints.mariaDb() ? Layout.mariaDb(0) : Layout.mySql8(0);
    return new TableSchemaFactory("prefix", options, hints).create(BinlogBytes.parseTableMap(BinlogBytes.tableMap(1, ID.database(), ID.table(),
        layout, all)));
  }

  static ColumnHints hints(boolean mariaDb, ColumnHint... columns) {
    Map<String, ColumnHint> byName = new java.util.HashMap<>();
    for (ColumnHint h : columns) {
      byName.put(h.name().toLowerCase(java.util.Locale.ROOT), h);
    }
    return ColumnHints.of(mariaDb, Map.of(ID, byName));
  }

  /** The row Struct of binlog values (the id first), all columns present. */
  static Struct row(TableSchema schema, Serializable... values) {
    BitSet all = new BitSet();
    all.set(0, values.length);
    return schema.row(values, all);
  }

  /** The converted value of column {@code c} for a binlog cell value. */
  static Object convert(TableSchema schema, Serializable value) {
    return row(schema, 1, value).get("c");
  }
}
