package dev.sluice.transforms.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class FieldPathTest {

  @Test
  void parsesDotsAndEscapes() {
    assertThat(FieldPath.parse("a.b.c").segments()).containsExactly("a", "b", "c");
    assertThat(FieldPath.parse("a\\.b.c").segments()).containsExactly("a.b", "c");
    assertThat(FieldPath.parse("a\\\\b").segments()).containsExactly("a\\b");
    assertThat(FieldPath.parse("x\\:y").segments()).containsExactly("x:y");
  }

  @Test
  void toStringEscapesWhatParseUnescapes() {
    for (String text : List.of("a.b", "a\\.b.c", "a\\\\b", "x\\:y")) {
      assertThat(FieldPath.parse(text).toString()).isEqualTo(text);
      assertThat(FieldPath.parse(FieldPath.parse(text).toString())).isEqualTo(FieldPath.parse(text));
    }
  }

  @Test
  void rejectsEmptyNamesAndLoneBackslashes() {
    assertThatThrownBy(() -> FieldPath.parse("a..b")).hasMessageContaining("empty field name");
    assertThatThrownBy(() -> FieldPath.parse(".a")).hasMessageContaining("empty field name");
    assertThatThrownBy(() -> FieldPath.parse("a\\")).hasMessageContaining("lone");
  }

  @Test
  void splitUnescapedKeepsEscapesForLaterParsing() {
    assertThat(FieldPath.splitUnescaped("a\\:b.c:new", ':')).containsExactly("a\\:b.c", "new");
  }

  @Test
  void getReadsStructsAndMapsAndTellsMissingFromNull() {
    Schema inner = SchemaBuilder.struct().optional().field("c", Schema.OPTIONAL_STRING_SCHEMA).build();
    Schema outer = SchemaBuilder.struct().field("b", inner).build();
    Struct struct = new Struct(outer).put("b", new Struct(inner).put("c", "x"));

    assertThat(FieldPath.parse("b.c").get(struct)).isEqualTo("x");
    assertThat(FieldPath.parse("b.d").get(struct)).isSameAs(FieldPath.MISSING);
    assertThat(FieldPath.parse("b.c.d").get(struct)).isSameAs(FieldPath.MISSING);
    assertThat(FieldPath.parse("b.c").get(new Struct(outer).put("b", new Struct(inner)))).isNull();
    assertThat(FieldPath.parse("m.k").get(Map.of("m", Map.of("k", 1)))).isEqualTo(1);
    assertThat(FieldPath.parse("m.x").get(Map.of("m", Map.of("k", 1)))).isSameAs(FieldPath.MISSING);
  }
}
