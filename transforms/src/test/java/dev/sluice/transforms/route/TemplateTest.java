package dev.sluice.transforms.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TemplateTest {

  private static final TableName NAME = new TableName("shop", "shop_1", "orders_7");

  @Test
  void rendersBuiltInsGroupsAndLiteralDollars() {
    Pattern regex = Pattern.compile("(?<db>shop)_(\\d+)\\.(?<t>orders)_\\d+");
    Matcher match = regex.matcher(NAME.qualified());
    assertThat(match.matches()).isTrue();

    Template template = Template.parse("${server}/${topic}/${db}/${table}/$2/${t}/${1}/$$", regex);

    assertThat(template.render("in", NAME, match)).isEqualTo("shop/in/shop_1/orders_7/1/orders/shop/$");
    assertThat(template.usesGroups()).isTrue();
  }

  @Test
  void builtInsWinOverGroupsOfTheSameName() {
    Pattern regex = Pattern.compile("(?<db>.*)");
    Matcher match = regex.matcher("other");
    assertThat(match.matches()).isTrue();

    assertThat(Template.parse("${db}", regex).render("t", NAME, match)).isEqualTo("shop_1");
  }

  @Test
  void nullPartsRenderEmpty() {
    assertThat(Template.parse("${server}.${table}", null).render("t", new TableName(null, "d", null), null))
        .isEqualTo(".");
  }

  @Test
  void errorsNameThePlaceholderAndWhatIsValid() {
    assertThatThrownBy(() -> Template.parse("${x}", null))
        .hasMessageContaining("${x}")
        .hasMessageContaining("${db}, ${server}, ${table}, ${topic}");
    assertThatThrownBy(() -> Template.parse("$1", null)).hasMessageContaining("no groups");
    assertThatThrownBy(() -> Template.parse("a$", null)).hasMessageContaining("lone '$'");
    assertThatThrownBy(() -> Template.parse("${db", null)).hasMessageContaining("closing");
    assertThatThrownBy(() -> Template.parse("$x", null)).hasMessageContaining("starts no placeholder");
  }
}
