/**
 * From TABLE_MAP to Connect schemas and values: {@link dev.sluice.source.mysql.schema.TableSchemaFactory}
 * builds one {@link dev.sluice.source.mysql.schema.TableSchema} per table shape from the
 * {@code binlog_row_metadata=FULL} metadata (plus {@link dev.sluice.source.mysql.schema.ColumnHints}
 * for what TABLE_MAP lacks), and the schema converts binlog rows and JDBC rows into equal Structs.
 * The exact mapping is documented in {@code source-mysql/TYPE-MAPPING.md}.
 */
package dev.sluice.source.mysql.schema;
