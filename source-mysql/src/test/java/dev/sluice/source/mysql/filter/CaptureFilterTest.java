package dev.sluice.source.mysql.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CaptureFilterTest {

  private static List<Pattern> p(String... regex) {
    return java.util.Arrays.stream(regex).map(Pattern::compile).toList();
  }

  @Test
  void emptyListsCaptureEverythingButSystemSchemas() {
    CaptureFilter f = CaptureFilter.all();
    assertThat(f.includesTable("shop", "orders")).isTrue();
    assertThat(f.includesTable("mysql", "user")).isFalse();
    assertThat(f.includesTable("performance_schema", "threads")).isFalse();
    assertThat(f.includesDatabase("sys")).isFalse();
  }

  @Test
  void includeListsMatchWholeNames() {
    CaptureFilter f = new CaptureFilter(p("shop"), p(), p("shop\\.order.*"), p(), p());
    assertThat(f.includesTable("shop", "orders")).isTrue();
    assertThat(f.includesTable("shop", "order_lines")).isTrue();
    assertThat(f.includesTable("shop", "customers")).isFalse();
    assertThat(f.includesTable("shop2", "orders")).isFalse();
  }

  @Test
  void excludesWinOverIncludes() {
    CaptureFilter f = new CaptureFilter(p(), p("audit"), p(), p("shop\\.tmp_.*"), p());
    assertThat(f.includesTable("audit", "log")).isFalse();
    assertThat(f.includesTable("shop", "tmp_import")).isFalse();
    assertThat(f.includesTable("shop", "orders")).isTrue();
  }

  @Test
  void columnsAreExcludedByQualifiedName() {
    CaptureFilter f = new CaptureFilter(p(), p(), p(), p(), p("shop\\.customers\\.(ssn|card_.*)"));
    assertThat(f.excludesColumn("shop", "customers", "ssn")).isTrue();
    assertThat(f.excludesColumn("shop", "customers", "card_no")).isTrue();
    assertThat(f.excludesColumn("shop", "customers", "name")).isFalse();
    assertThat(f.excludesColumn("shop", "orders", "ssn")).isFalse();
  }
}
