package dev.sluice.benchmarks.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProducerInFlightBenchmarkTest {

  @Test
  void defaultsCompareOneRequestInFlightWithFiveOnThreeBrokers() {
    ProducerInFlightBenchmark b = new ProducerInFlightBenchmark();
    new CommandLine(b).parseArgs();
    assertThat(b.inFlight).containsExactly(1, 5);
    assertThat(b.brokers).isEqualTo(3);
    assertThat(b.records).isEqualTo(200_000);
    assertThat(b.runs).isEqualTo(5);
    assertThat(b.commitEvery).isEqualTo(1_000);
    assertThat(b.partitions).isEqualTo(2);
    assertThat(b.raceTrials).isZero();
  }

  @Test
  void settingsAreParsedAsAList() {
    ProducerInFlightBenchmark b = new ProducerInFlightBenchmark();
    new CommandLine(b).parseArgs("--in-flight", "1,2,5", "--records", "1000", "--brokers", "1", "--race-trials", "30");
    assertThat(b.inFlight).containsExactly(1, 2, 5);
    assertThat(b.raceTrials).isEqualTo(30);
    assertThat(b.records).isEqualTo(1_000);
    assertThat(b.brokers).isEqualTo(1);
  }

  @Test
  void valuesAreDistinctChangeEventSizedJsonInserts() throws IOException {
    List<byte[]> values = ProducerInFlightBenchmark.values(500, new Random(1));
    ObjectMapper json = new ObjectMapper();
    HashSet<String> distinct = new HashSet<>();
    for (byte[] v : values) {
      JsonNode event = json.readTree(v);
      assertThat(event.path("op").asText()).isEqualTo("c");
      assertThat(event.path("after").size()).isEqualTo(9);
      assertThat(v.length).isBetween(400, 700);
      distinct.add(new String(v, StandardCharsets.UTF_8));
    }
    assertThat(distinct).hasSize(500);
  }
}
