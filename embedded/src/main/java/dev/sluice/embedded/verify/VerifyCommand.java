package dev.sluice.embedded.verify;

import dev.sluice.embedded.ExitCodes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice verify}: a MySQL/MariaDB table against its MongoDB view. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Compares a MySQL/MariaDB table with its MongoDB view by primary key: chunked hashes first, then row diffs for the chunks"
            + " that differ, then a scan for documents without a row. Prints missing / extra / different counts with examples.",
        "Exit status: 0 no drift, 1 drift, 2 bad usage, 3 could not compare."},
    footer = {"", "Example:",
        "  sluice verify --mysql jdbc:mariadb://127.0.0.1:3306/ --user sluice --password secret \\",
        "      --table shop.orders --mongo mongodb://127.0.0.1:27017 --collection shop.orders \\",
        "      --embed shop.order_lines:lines:order_id"})
public final class VerifyCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--mysql", required = true, paramLabel = "JDBC_URL", description = "jdbc:mariadb://host:port/ (jdbc:mysql:// works too).")
  private String mysql;

  @Option(names = "--user", required = true, description = "Account with SELECT on the tables.")
  private String user;

  @Option(names = "--password", arity = "0..1", interactive = true, description = "Its password (prompted when given without a value).")
  private String password;

  @Option(names = "--table", required = true, paramLabel = "DB.TABLE", description = "The source table.")
  private String table;

  @Option(names = "--mongo", required = true, paramLabel = "URI", description = "MongoDB connection string.")
  private String mongo;

  @Option(names = "--collection", required = true, paramLabel = "DB.COLLECTION", description = "The view collection.")
  private String collection;

  @Option(names = "--embed", paramLabel = "DB.CHILD:FIELD:FK[,FK...]",
      description = "A child table embedded as an array (repeatable), e.g. shop.order_lines:lines:order_id.")
  private List<String> embeds = new ArrayList<>();

  @Option(names = "--chunk-size", defaultValue = "1000", description = "Rows per hashed chunk (default ${DEFAULT-VALUE}).")
  private int chunkSize;

  @Option(names = "--examples", defaultValue = "5", description = "Examples printed per kind of difference (default ${DEFAULT-VALUE}).")
  private int examples;

  @Option(names = "--show-values", description = "Show the differing values in examples (off: column names only).")
  private boolean showValues;

  @Option(names = "--temporal-mode", defaultValue = "date", paramLabel = "date|string",
      description = "The sink's temporal.mode: BSON dates (milliseconds) or strings (microseconds). Default ${DEFAULT-VALUE}.")
  private String temporalMode;

  @Option(names = "--binary-mode", defaultValue = "bytes", paramLabel = "bytes|base64|hex",
      description = "The source's binary.handling.mode. Default ${DEFAULT-VALUE}.")
  private String binaryMode;

  @Option(names = "--tinyint1-as-boolean", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "The source's tinyint1.as.boolean (default on).")
  private boolean tinyInt1AsBoolean;

  @Option(names = "--meta-field", defaultValue = "_sluice", description = "The sink's meta.field (default ${DEFAULT-VALUE}).")
  private String metaField;

  @Option(names = "--exclude-column", paramLabel = "COLUMN", description = "A column the pipeline leaves out (repeatable).")
  private List<String> excludedColumns = new ArrayList<>();

  @Option(names = "--ignore-field", paramLabel = "FIELD", description = "A document field that is no column, e.g. added by a transform (repeatable).")
  private List<String> ignoredFields = new ArrayList<>();

  @Override
  public Integer call() {
    VerifyOptions options;
    TableRef tableRef;
    TableRef collectionRef;
    List<EmbeddedChild> children = new ArrayList<>();
    try {
      options = new VerifyOptions(VerifyOptions.Temporal.parse(temporalMode),
          VerifyOptions.Binary.valueOf(binaryMode.trim().toUpperCase(java.util.Locale.ROOT)), tinyInt1AsBoolean, metaField,
          new LinkedHashSet<>(excludedColumns), new LinkedHashSet<>(ignoredFields), chunkSize, examples, showValues);
      tableRef = TableRef.parse(table, "--table");
      collectionRef = TableRef.parse(collection, "--collection");
      for (String e : embeds) {
        children.add(EmbeddedChild.parse(e));
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    ViewReport report = new Verifier(mysql, user, password == null ? "" : password, mongo, options).verify(tableRef, collectionRef, children);
    out.print(report.format());
    out.flush();
    return report.drift() ? ExitCodes.DRIFT : ExitCodes.OK;
  }
}
