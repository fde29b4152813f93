package dev.sluice.it.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.ExitCodes;
import dev.sluice.embedded.SluiceCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README command 1, non-interactively: {@code sluice quickstart --duration 40s} starts MariaDB and the MongoDB endpoint, runs the
 * pipeline under a stream of changes, and verify must find both views equal to their tables.
 */
class QuickstartIT {

  @Test
  void theQuickstartEndsWithEveryViewEqualToItsTable() {
    Path work = Path.of(System.getProperty("sluice.stack.dir", "target/stack"))
        .resolve("QuickstartIT-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int status = SluiceCli.execute(new PrintWriter(out, true), new PrintWriter(err, true),
        "quickstart", "--duration", "40s", "--work-dir", work.toString());

    String output = out.toString();
    System.out.println(output);
    System.out.println(err);
    assertThat(status).as("exit status; output:%n%s%s", output, err).isEqualTo(ExitCodes.OK);
    assertThat(output).contains("verify shop.customers -> shop_views.customers")
        .contains("verify shop.orders -> shop_views.orders (embedded: lines <- shop.order_lines by order_id)")
        .contains("quickstart: every view equals its table");
    assertThat(count(output, "result: no drift")).isEqualTo(2);
    assertThat(output).doesNotContain("DRIFT");
    // Not vacuous: the views were built from a real stream of changes.
    assertThat(max(output, "captured (\\d+) changes")).as("changes the pipeline applied").isGreaterThan(300);
    assertThat(max(output, "compared (\\d+) rows")).as("rows verify compared").isGreaterThan(30);
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static long max(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    long max = -1;
    while (m.find()) {
      max = Math.max(max, Long.parseLong(m.group(1)));
    }
    return max;
  }
}
