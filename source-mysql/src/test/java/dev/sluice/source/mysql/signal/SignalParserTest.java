package dev.sluice.source.mysql.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.source.mysql.filter.CaptureFilter;
import dev.sluice.source.mysql.signal.SignalParser.Admission;
import dev.sluice.source.mysql.signal.SignalParser.Outcome;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Debezium-format signal messages: what is executed, and what is skipped with which explanation. */
class SignalParserTest {
  private static final String WHERE = "signals/0@17";
  private final SignalParser parser = new SignalParser("shop");

  @Test
  void anIncrementalExecuteSnapshotNamesItsTablesInOrderWithoutDuplicates() {
    Outcome outcome = parser.parse("shop", """
        {"type":"execute-snapshot","data":{"data-collections":["shop.orders"," shop.lines ","shop.orders"],"type":"incremental"}}""", WHERE);
    assertThat(outcome).isEqualTo(new Outcome.Execute(List.of("shop.orders", "shop.lines")));
  }

  @Test
  void theSnapshotTypeMayBeLeftOutAndEmptyDebeziumExtrasAreAccepted() {
    Outcome outcome = parser.parse("shop", """
        {"type":"execute-snapshot","data":{"data-collections":["shop.orders"],"additional-conditions":[],"surrogate-key":""}}""", WHERE);
    assertThat(outcome).isEqualTo(new Outcome.Execute(List.of("shop.orders")));
  }

  @Test
  void aMessageForAnotherConnectorIsIgnoredQuietly() {
    Outcome outcome = parser.parse("billing", "{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\"a.b\"]}}", WHERE);
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Skip.class, skip -> {
      assertThat(skip.warn()).isFalse();
      assertThat(skip.reason()).contains("'billing'", "'shop'", WHERE);
    });
    assertThat(parser.parse(null, "{}", WHERE)).isInstanceOfSatisfying(Outcome.Skip.class, skip -> assertThat(skip.warn()).isFalse());
  }

  @Test
  void malformedJsonIsSkippedWithAWarningNamingTheOffsetAndTheParseError() {
    Outcome outcome = parser.parse("shop", "{\"type\":\"execute-snapshot\",", WHERE);
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Skip.class, skip -> {
      assertThat(skip.warn()).isTrue();
      assertThat(skip.reason()).contains("malformed", WHERE, "not JSON");
    });
  }

  @Test
  void structurallyWrongSignalsAreSkippedWithAWarningSayingWhatIsWrong() {
    assertThat(reason("[1,2]")).contains("not a JSON object");
    assertThat(reason("{\"data\":{}}")).contains("'type'");
    assertThat(reason("{\"type\":\"execute-snapshot\"}")).contains("'data'");
    assertThat(reason("{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[]}}")).contains("non-empty array");
    assertThat(reason("{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\"orders\"]}}")).contains("\"orders\"", "db.table");
    assertThat(reason("{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\"a.b\"],\"type\":\"sideways\"}}"))
        .contains("data.type", "sideways");
  }

  @Test
  void aBlockingSnapshotIsRefusedWithAWarningNamingTheOffset() {
    String reason = reason("{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\"shop.orders\"],\"type\":\"BLOCKING\"}}");
    assertThat(reason).contains("blocking", WHERE, "refused");
  }

  @Test
  void otherSignalTypesAndAdditionalConditionsAreRefusedNotSilentlyChanged() {
    assertThat(reason("{\"type\":\"stop-snapshot\",\"data\":{}}")).contains("'stop-snapshot'", "only 'execute-snapshot'");
    assertThat(reason("{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\"shop.orders\"],"
        + "\"additional-conditions\":[{\"data-collection\":\"shop.orders\",\"filter\":\"id > 5\"}]}}")).contains("additional-conditions");
  }

  @Test
  void aTombstoneIsIgnoredQuietly() {
    assertThat(parser.parse("shop", null, WHERE)).isInstanceOfSatisfying(Outcome.Skip.class, skip -> assertThat(skip.warn()).isFalse());
  }

  @Test
  void tablesTheFiltersDoNotCaptureOrTheServerDoesNotHaveAreRefusedByName() {
    CaptureFilter filter = new CaptureFilter(List.of(Pattern.compile("shop")), List.of(), List.of(Pattern.compile("shop\\.(orders|lines|gone)")),
        List.of(), List.of());
    Admission admission = SignalParser.admit(List.of("shop.orders", "billing.invoices", "shop.gone", "shop.lines"), filter,
        List.of("shop.orders", "shop.lines"), WHERE);
    assertThat(admission.accepted()).containsExactly("shop.orders", "shop.lines");
    assertThat(admission.refusals()).hasSize(2);
    assertThat(admission.refusals().get(0)).contains("billing.invoices", "does not capture", WHERE);
    assertThat(admission.refusals().get(1)).contains("shop.gone", "not a base table", WHERE);
  }

  private String reason(String value) {
    Outcome outcome = parser.parse("shop", value, WHERE);
    assertThat(outcome).isInstanceOf(Outcome.Skip.class);
    Outcome.Skip skip = (Outcome.Skip) outcome;
    assertThat(skip.warn()).as("warned: %s", skip.reason()).isTrue();
    assertThat(skip.reason()).contains(WHERE);
    return skip.reason();
  }
}
