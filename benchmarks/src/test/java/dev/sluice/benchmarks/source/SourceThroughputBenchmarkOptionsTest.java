package dev.sluice.benchmarks.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SourceThroughputBenchmarkOptionsTest {

  @Test
  void readersAreParsedFromACommaSeparatedListOfIds() {
    SourceThroughputBenchmark b = new SourceThroughputBenchmark();
    new CommandLine(b).parseArgs("--readers", "sluice,debezium,raw", "--changes", "2000000", "--runs", "5");
    assertThat(b.readers).containsExactly(ReaderKind.SLUICE, ReaderKind.DEBEZIUM, ReaderKind.RAW);
    assertThat(b.changes).isEqualTo(2_000_000);
    assertThat(b.options.runs).isEqualTo(5);
  }

  @Test
  void defaultsCompareAllReadersOnAMillionChangesWithA256MiBHeap() {
    SourceThroughputBenchmark b = new SourceThroughputBenchmark();
    new CommandLine(b).parseArgs();
    assertThat(b.readers).containsExactly(ReaderKind.RAW, ReaderKind.RAW_SLUICE_DESERIALIZER, ReaderKind.SLUICE, ReaderKind.DEBEZIUM);
    assertThat(b.changes).isEqualTo(1_000_000);
    assertThat(b.options.xmx).isEqualTo("256m");
  }

  @Test
  void theSharedReaderRunOptionsKeepTheirDefaultsWithTheSourceWorkDir() {
    SourceThroughputBenchmark b = new SourceThroughputBenchmark();
    new CommandLine(b).parseArgs();
    ReaderRunOptions o = b.options;
    assertThat(o.runs).isEqualTo(3);
    assertThat(o.maxBatchSize).isEqualTo(2048);
    assertThat(o.maxQueueSize).isEqualTo(8192);
    assertThat(o.converter).isEqualTo(ReaderSpec.Converter.JSON);
    assertThat(o.timeoutSeconds).isEqualTo(900);
    assertThat(o.seed).isEqualTo(42);
    assertThat(o.workDir).isEqualTo(Path.of("target", "source-benchmark"));
    assertThat(o.jfr).isFalse();
    assertThat(o.readerJvmArgs).isEmpty();
  }

  @Test
  void theUsageListsTheOwnAndSharedOptionsInOneOrderWithTheSourceWorkDirAsDefault() {
    String usage = new CommandLine(new SourceThroughputBenchmark()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertThat(OptionsUsage.optionNames(usage)).containsExactly("--changes", "--runs", "--readers", "--xmx", "--filtered-share",
        "--single-row-share", "--batch-rows", "--max-batch-size", "--max-queue-size", "--converter", "--timeout", "--seed", "--work-dir",
        "--jfr", "--reader-jvm-arg", "-h", "-V");
    assertThat(usage.replaceAll("\\s+", " ")).contains("go here (default: " + Path.of("target", "source-benchmark") + ")");
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
