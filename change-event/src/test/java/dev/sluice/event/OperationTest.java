package dev.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.event.Envelope.Operation;
import org.junit.jupiter.api.Test;

class OperationTest {

  @Test
  void codesAreDebeziumsOneLetterCodes() {
    assertThat(Operation.values())
        .extracting(Operation::code)
        .containsExactly("c", "u", "d", "r", "t");
  }

  @Test
  void parseReturnsTheOperationForEachCode() {
    for (Operation op : Operation.values()) {
      assertThat(Operation.parse(op.code())).isSameAs(op);
    }
  }

  @Test
  void parseIgnoresSurroundingBlanksAndCase() {
    assertThat(Operation.parse(" U ")).isEqualTo(Operation.UPDATE);
  }

  @Test
  void parseRejectsUnknownCodeNamingItAndTheValidCodes() {
    assertThatThrownBy(() -> Operation.parse("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x'")
        .hasMessageContaining("c, u, d, r, t");
  }

  @Test
  void parseRejectsEnumNamesBecauseOnlyCodesAreOnTheWire() {
    assertThatThrownBy(() -> Operation.parse("CREATE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'CREATE'");
  }

  @Test
  void parseRejectsNullAndEmptyWithAnIllegalArgumentException() {
    assertThatThrownBy(() -> Operation.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'null'");
    assertThatThrownBy(() -> Operation.parse(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("''");
  }

  @Test
  void forCodeIsStrictAndNeverThrows() {
    assertThat(Operation.forCode("d")).contains(Operation.DELETE);
    assertThat(Operation.forCode("D")).isEmpty();
    assertThat(Operation.forCode("x")).isEmpty();
    assertThat(Operation.forCode(null)).isEmpty();
  }
}
