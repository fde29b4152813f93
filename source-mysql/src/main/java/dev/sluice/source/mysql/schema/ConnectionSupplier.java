package dev.sluice.source.mysql.schema;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new JDBC connection to the source server; the caller closes it. */
@FunctionalInterface
public interface ConnectionSupplier {
  Connection open() throws SQLException;
}
