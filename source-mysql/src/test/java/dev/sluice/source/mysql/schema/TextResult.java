package dev.sluice.source.mysql.schema;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A text-protocol result as a driver hands it over: column labels, JDBC types and rows of server
 * text (null for SQL NULL). Answers only what {@link TableSchema#jdbcReader} may use; anything else
 * fails the test, so a reader that starts calling other driver methods is noticed. The real driver
 * is exercised by TypeMappingIT and SnapshotIT.
 */
final class TextResult {
  private final List<String> labels = new ArrayList<>();
  private final List<Integer> types = new ArrayList<>();
  private final List<String[]> rows = new ArrayList<>();

  TextResult column(String label, int sqlType) {
    labels.add(label);
    types.add(sqlType);
    return this;
  }

  TextResult row(String... cells) {
    if (cells.length != labels.size()) {
      throw new IllegalArgumentException(cells.length + " cells for " + labels.size() + " columns");
    }
    rows.add(cells.clone());
    return this;
  }

  /** A result set over the rows, on a connection that {@link TableSchema#prepareSession} prepared. */
  ResultSet open() throws SQLException {
    Connection connection = proxy(Connection.class, (p, m, a) -> switch (m.getName()) {
      case "createStatement" -> proxy(Statement.class, (sp, sm, sa) -> switch (sm.getName()) {
        case "execute" -> false;
        case "close" -> null;
        default -> throw unsupported(sm.getName());
      });
      case "hashCode" -> System.identityHashCode(p);
      case "equals" -> p == a[0];
      default -> throw unsupported(m.getName());
    });
    TableSchema.prepareSession(connection);
    Statement statement = proxy(Statement.class, (p, m, a) -> switch (m.getName()) {
      case "getConnection" -> connection;
      default -> throw unsupported(m.getName());
    });
    ResultSetMetaData metaData = proxy(ResultSetMetaData.class, (p, m, a) -> switch (m.getName()) {
      case "getColumnCount" -> labels.size();
      case "getColumnType" -> types.get((Integer) a[0] - 1);
      default -> throw unsupported(m.getName());
    });
    int[] position = {-1};
    boolean[] lastNull = {false};
    return proxy(ResultSet.class, (p, m, a) -> switch (m.getName()) {
      case "next" -> ++position[0] < rows.size();
      case "getStatement" -> statement;
      case "getMetaData" -> metaData;
      case "findColumn" -> {
        int i = labels.indexOf((String) a[0]);
        if (i < 0) {
          throw new SQLException("no column '" + a[0] + "'");
        }
        yield i + 1;
      }
      case "getString" -> {
        String cell = rows.get(position[0])[(Integer) a[0] - 1];
        lastNull[0] = cell == null;
        yield cell;
      }
      case "getInt" -> {
        String cell = rows.get(position[0])[(Integer) a[0] - 1];
        lastNull[0] = cell == null;
        yield cell == null ? 0 : Integer.parseInt(cell);
      }
      case "wasNull" -> lastNull[0];
      default -> throw unsupported(m.getName());
    });
  }

  private static UnsupportedOperationException unsupported(String method) {
    return new UnsupportedOperationException("TextResult does not answer " + method + "()");
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(TextResult.class.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
