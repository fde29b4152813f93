package dev.sluice.benchmarks.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SourceThroughputBenchmarkOptionsTest {

  @Test
  void readersAreParsedFromACommaSeparatedListOfIds() {
    SourceThroughputBenchmark b = new SourceThroughputBenchmark();
    new CommandLine(b).parseArgs("--readers", "sluice,debezium,raw", "--changes", "2000000", "--runs", "5");
    assertThat(b.readers).containsExactly(ReaderKind.SLUICE, ReaderKind.DEBEZIUM, ReaderKind.RAW);
    assertThat(b.changes).isEqualTo(2_000_000);
    assertThat(b.runs).isEqualTo(5);
  }

  @Test
  void defaultsCompareAllReadersOnAMillionChangesWithA256MiBHeap() {
    SourceThroughputBenchmark b = new SourceThroughputBenchmark();
    new CommandLine(b).parseArgs();
    assertThat(b.readers).containsExactly(ReaderKind.RAW, ReaderKind.RAW_SLUICE_DESERIALIZER, ReaderKind.SLUICE, ReaderKind.DEBEZIUM);
    assertThat(b.changes).isEqualTo(1_000_000);
    assertThat(b.xmx).isEqualTo("256m");
  }

  @Test
  void anUnknownReaderIsRejectedNamingTheValidOnes() {
    assertThatThrownBy(() -> new CommandLine(new SourceThroughputBenchmark()).parseArgs("--readers", "maxwell"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("maxwell")
        .hasMessageContaining("raw, raw-sluice-deser, sluice, debezium");
  }

  @Test
  void theIncludeListNamesExactlyTheCapturedTables() {
    assertThat(Workload.tableIncludeList()).isEqualTo("sluice_bench\\.orders,sluice_bench\\.customers,sluice_bench\\.payloads");
    assertThat(Workload.TABLES).filteredOn(t -> !t.captured()).extracting(TableSpec::name).containsExactly("audit_log", "metrics");
  }
}
