package dev.sluice.it.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.ExitCodes;
import dev.sluice.embedded.SluiceCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * {@code sluice quickstart --distributed}: the same shop on a KRaft broker and two Connect workers with the bundle's plugin
 * folder, the connectors created through REST (and shown as curl commands), both views verified equal to their tables.
 */
class QuickstartDistributedIT {

  @Test
  void theDistributedQuickstartCreatesTheConnectorsThroughRestAndEndsWithoutDrift() {
    Path work = Path.of(System.getProperty("sluice.stack.dir", "target/stack"))
        .resolve("QuickstartDistributedIT-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int status = SluiceCli.execute(new PrintWriter(out, true), new PrintWriter(err, true),
        "quickstart", "--distributed", "--duration", "20s", "--work-dir", work.toString());

    String output = out.toString();
    System.out.println(output);
    System.out.println(err);
    assertThat(status).as("exit status; output:%n%s%s", output, err).isEqualTo(ExitCodes.OK);
    assertThat(output).contains("curl -sS -X PUT -H 'Content-Type: application/json' http://127.0.0.1:")
        .contains("/connectors/quickstart-source/config").contains("/connectors/quickstart-sink/config")
        .contains("\"connector.class\" : \"dev.sluice.source.mysql.SluiceMySqlSourceConnector\"")
        .contains("\"database.password\" : \"********\"")
        .contains("both connectors RUNNING")
        .contains("source RUNNING/RUNNING, sink RUNNING/RUNNING")
        .contains("quickstart: every view equals its table");
    assertThat(output).doesNotContain("sluice-pw").doesNotContain("DRIFT");
    assertThat(output.split("result: no drift", -1)).hasSize(3);
    assertThat(output).containsPattern("compared [1-9][0-9]+ rows");
  }
}
