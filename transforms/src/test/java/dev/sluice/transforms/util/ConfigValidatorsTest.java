package dev.sluice.transforms.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.event.Envelope.Operation;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ConfigValidatorsTest {

  @Test
  void parsedByAcceptsNullAndParsableValues() {
    ConfigDef.Validator validator =
        ConfigValidators.parsedBy(TombstoneMatching::parse, TombstoneMatching.validCodes());

    assertThatCode(() -> validator.ensureValid("tombstones", null)).doesNotThrowAnyException();
    assertThatCode(() -> validator.ensureValid("tombstones", "skip")).doesNotThrowAnyException();
  }

  @Test
  void parsedByTurnsTheParserMessageIntoAConfigExceptionWithTheSettingName() {
    ConfigDef.Validator validator =
        ConfigValidators.parsedBy(TombstoneMatching::parse, TombstoneMatching.validCodes());

    assertThatThrownBy(() -> validator.ensureValid("tombstones", "nope"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tombstones")
        .hasMessageContaining("match, skip")
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThat(validator).hasToString("match, skip");
  }

  @Test
  void nonEmptyListRejectsEmptyAndBadElements() {
    ConfigDef.Validator validator =
        ConfigValidators.nonEmptyListOf(Operation::parse, Operation.validCodes());

    assertThatCode(() -> validator.ensureValid("operations", List.of("c", "d")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> validator.ensureValid("operations", List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("operations")
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> validator.ensureValid("operations", List.of("c", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("operations")
        .hasMessageContaining("''");
    assertThat(validator.toString()).contains("c, u, d, r, t");
  }

  @Test
  void optionalRegexAcceptsNullBlankAndValidPatterns() {
    ConfigDef.Validator validator = ConfigValidators.optionalRegex();

    assertThatCode(() -> validator.ensureValid("table.regex", null)).doesNotThrowAnyException();
    assertThatCode(() -> validator.ensureValid("table.regex", "  ")).doesNotThrowAnyException();
    assertThatCode(() -> validator.ensureValid("table.regex", "a|b.*")).doesNotThrowAnyException();
    assertThat(validator.toString()).contains("regular expression");
  }

  @Test
  void optionalRegexReportsTheSyntaxErrorAndPosition() {
    assertThatThrownBy(() -> ConfigValidators.optionalRegex().ensureValid("db.regex", "a{2"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("db.regex")
        .hasMessageContaining("a{2")
        .hasMessageContaining("near index");
  }

  @Test
  void compileReturnsThePattern() {
    assertThat(ConfigValidators.compile("db.regex", "sh.p").matcher("shop").matches()).isTrue();
  }

  @Test
  void listOfAcceptsEmptyListsAndChecksEveryElement() {
    ConfigDef.Validator validator = ConfigValidators.listOf(Operation::parse, Operation.validCodes());

    assertThatCode(() -> validator.ensureValid("operations", List.of())).doesNotThrowAnyException();
    assertThatThrownBy(() -> validator.ensureValid("operations", List.of("c", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("operations")
        .hasMessageContaining("'x'");
    assertThat(validator.toString()).isEqualTo("list of: c, u, d, r, t");
  }

  @Test
  void zoneIdAcceptsRegionsAndOffsetsAndNamesTheSettingOtherwise() {
    ConfigDef.Validator validator = ConfigValidators.zoneId();

    assertThatCode(() -> validator.ensureValid("to.zone", "Europe/Berlin")).doesNotThrowAnyException();
    assertThatCode(() -> validator.ensureValid("to.zone", "+02:00")).doesNotThrowAnyException();
    assertThatCode(() -> validator.ensureValid("to.zone", null)).doesNotThrowAnyException();
    assertThatThrownBy(() -> validator.ensureValid("to.zone", "Berlin"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("to.zone")
        .hasMessageContaining("Europe/Berlin");
    assertThat(validator.toString()).contains("time zone id");
  }
}
