package dev.sluice.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

class SluiceCliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return SluiceCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void helpListsTheThreeCommands() {
    assertThat(run("--help")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("run").contains("verify").contains("quickstart");
  }

  @Test
  void aMissingRequiredOptionIsAUsageError() {
    assertThat(run("verify", "--mysql", "jdbc:mariadb://127.0.0.1:1/", "--user", "u")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--table");
  }

  @Test
  void aMalformedEmbedSpecIsAUsageErrorThatShowsTheExpectedForm() {
    int status = run("verify", "--mysql", "jdbc:mariadb://127.0.0.1:1/", "--user", "u", "--password", "p", "--table", "shop.orders",
        "--mongo", "mongodb://127.0.0.1:1", "--collection", "shop.orders", "--embed", "shop.order_lines");
    assertThat(status).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("db.child_table:arrayField:parentKeyColumn");
  }

  @Test
  void aServerThatCannotBeReachedIsAFailureNotDrift() {
    int status = run("verify", "--mysql", "jdbc:mariadb://127.0.0.1:1/?connectTimeout=500", "--user", "u", "--password", "p", "--table",
        "shop.orders", "--mongo", "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500", "--collection", "shop.orders");
    assertThat(status).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString()).contains("shop.orders");
  }

  @Test
  void runWithoutAPipelineFileFailsNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("nope.properties");
    assertThat(run("run", missing.toString())).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString()).contains("nope.properties");
  }

  @Test
  void runWithAnInvalidPipelineFileFailsNamingTheKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.properties");
    Files.writeString(file, "sink.connection.uri=mongodb://127.0.0.1:1\nsink.database=v\nsource.topic.prefix=x\n");
    assertThat(run("run", file.toString())).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString()).contains("database.hostname");
  }

  @Test
  void durationsTakeUnitsOrIso() {
    assertThat(DurationConverter.parse("40s")).isEqualTo(Duration.ofSeconds(40));
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationConverter.parse("PT1H")).isEqualTo(Duration.ofHours(1));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DurationConverter.parse("40"))
        .isInstanceOf(TypeConversionException.class).hasMessageContaining("unit");
  }
}
