/**
 * How row values travel from the binlog (and from JDBC) into Sluice: the binlog client's
 * deserializer setup ({@link dev.sluice.source.mysql.value.BinlogDeserialization}), exact temporal
 * values ({@link dev.sluice.source.mysql.value.MysqlDate}, {@link dev.sluice.source.mysql.value.MysqlTime},
 * {@link dev.sluice.source.mysql.value.MysqlDateTime}, {@link dev.sluice.source.mysql.value.MysqlTimestamp}),
 * TABLE_MAP metadata decoded with the right character sets, charsets by collation id and MySQL's
 * binary JSON.
 */
package dev.sluice.source.mysql.value;
