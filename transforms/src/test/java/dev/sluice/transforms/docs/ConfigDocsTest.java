package dev.sluice.transforms.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed CONFIG.md is what the ConfigDefs say; regenerate it when they change. */
class ConfigDocsTest {

  private static final Path FILE =
      Path.of(System.getProperty("basedir", ".")).resolve(ConfigDocs.FILE);

  @Test
  void committedReferenceMatchesTheConfigDefs() throws IOException {
    String rendered = ConfigDocs.render();
    if (Boolean.getBoolean("sluice.docs.write")) {
      Files.writeString(FILE, rendered, StandardCharsets.UTF_8);
      System.out.println("ConfigDocsTest wrote " + FILE.toAbsolutePath());
    }
    assertThat(FILE).as("%s exists", FILE.toAbsolutePath()).exists();
    String committed = Files.readString(FILE, StandardCharsets.UTF_8);
    assertThat(committed)
        .as("%s is out of date; regenerate it with:%n  mvn -o -pl transforms test"
            + " -Dtest=ConfigDocsTest -Dsluice.docs.write=true", FILE)
        .isEqualTo(rendered);
  }

  @Test
  void referenceCoversEveryPluginAndSetting() throws IOException {
    String rendered = ConfigDocs.render();

    assertThat(rendered)
        .contains("### Unwrap", "### Route", "### Outbox", "### Fields", "### Mask", "### Hash",
            "### Truncate", "### Cast", "### TimeZone", "### OperationIs", "### TableMatches",
            "### FieldValueMatches")
        .contains("`dev.sluice.transforms.Fields$Key`, `dev.sluice.transforms.Fields$Value`")
        .contains("| `delete.tombstone.handling.mode` | string | `tombstone` |")
        .contains("| `secret` | password | *none* |")
        .contains("| `fields` | list | *required* |");
  }
}
