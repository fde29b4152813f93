package dev.sluice.benchmarks.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class PollStampTest {
  @Test
  void theRecordLeavesWithANanoTimeHeaderAndItsSourceOffsetWhileTheInputIsUntouched() {
    SourceRecord in = new SourceRecord(Map.of("server", "s"), Map.of("seq", 3L), "t", 0, Schema.STRING_SCHEMA, "k", Schema.STRING_SCHEMA, "v");
    long before = System.nanoTime();
    try (PollStamp<SourceRecord> stamp = new PollStamp<>()) {
      stamp.configure(Map.of());
      SourceRecord out = stamp.apply(in);

      Header h = out.headers().lastWithName(PollStamp.HEADER);
      assertThat(h).isNotNull();
      assertThat((Long) h.value()).isBetween(before, System.nanoTime());
      assertThat(out.sourceOffset()).isEqualTo(Map.of("seq", 3L));
      assertThat(out.value()).isEqualTo("v");
      assertThat(in.headers().lastWithName(PollStamp.HEADER)).isNull();
    }
  }
}
