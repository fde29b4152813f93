package dev.sluice.benchmarks.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SnapshotThroughputBenchmarkOptionsTest {

  @Test
  void defaultsCopyAMillionRowsWithTwoSluiceThreadsAndA256MiBHeap() {
    SnapshotThroughputBenchmark b = new SnapshotThroughputBenchmark();
    new CommandLine(b).parseArgs();
    assertThat(b.rows).isEqualTo(1_000_000);
    assertThat(b.options.runs).isEqualTo(3);
    assertThat(b.threads).isEqualTo(2);
    assertThat(b.chunkSize).isZero();
    assertThat(b.options.xmx).isEqualTo("256m");
    assertThat(b.readers).containsExactly(ReaderKind.SLUICE, ReaderKind.DEBEZIUM);
  }

  @Test
  void theSharedReaderRunOptionsAreParsedWithTheSnapshotWorkDirAsDefault() {
    SnapshotThroughputBenchmark b = new SnapshotThroughputBenchmark();
    new CommandLine(b).parseArgs("--runs", "5", "--converter", "NONE", "--reader-jvm-arg", "-Da=1", "--reader-jvm-arg", "-Db=2", "--jfr");
    ReaderRunOptions o = b.options;
    assertThat(o.runs).isEqualTo(5);
    assertThat(o.converter).isEqualTo(ReaderSpec.Converter.NONE);
    assertThat(o.readerJvmArgs).containsExactly("-Da=1", "-Db=2");
    assertThat(o.jfr).isTrue();
    assertThat(o.maxBatchSize).isEqualTo(2048);
    assertThat(o.timeoutSeconds).isEqualTo(900);
    assertThat(o.workDir).isEqualTo(Path.of("target", "snapshot-benchmark"));
  }

  @Test
  void theUsageListsTheOwnAndSharedOptionsInOneOrderWithTheSnapshotWorkDirAsDefault() {
    String usage = new CommandLine(new SnapshotThroughputBenchmark()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertThat(OptionsUsage.optionNames(usage)).containsExactly("--rows", "--runs", "--threads", "--chunk-size", "--readers", "--xmx",
        "--batch-rows", "--max-batch-size", "--max-queue-size", "--converter", "--timeout", "--seed", "--work-dir", "--jfr",
        "--reader-jvm-arg", "-h", "-V");
    assertThat(usage.replaceAll("\\s+", " ")).contains("go here (default: " + Path.of("target", "snapshot-benchmark") + ")");
  }

  @Test
  void aRawReaderIsRejectedBecauseItCannotCopyATable() {
    assertThatThrownBy(() -> new CommandLine(new SnapshotThroughputBenchmark()).parseArgs("--readers", "sluice,raw"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("raw")
        .hasMessageContaining("valid: sluice, debezium");
  }

  @Test
  void theTableHasEveryNonKeyColumnOfTheCapturedWorkloadTablesOnce() {
    String[] columns = SnapshotTable.columns().split(", ");
    assertThat(columns).hasSize(26).startsWith("id").doesNotHaveDuplicates()
        .contains("status", "amount", "profile", "lifetime_value", "body", "duration", "flags", "rating");
    String ddl = SnapshotTable.ddl();
    assertThat(ddl).startsWith("CREATE TABLE snapshot_rows (").contains("id BIGINT NOT NULL PRIMARY KEY")
        .contains("status ENUM('new','paid','shipped','cancelled') NOT NULL").contains("body BLOB NOT NULL").doesNotContain(",,");
    assertThat(ddl.split("\n")).hasSize(columns.length + 2);
    assertThat(SnapshotTable.includeList()).isEqualTo("sluice_bench\\.snapshot_rows");
  }

  @Test
  void aSnapshotSpecSurvivesTheTripToTheReaderJvm() throws Exception {
    ReaderSpec spec = new ReaderSpec("127.0.0.1", 3306, "u", "p", 7, "db", java.util.List.of("t"), "db\\.t", "bench",
        new BinlogPosition("binlog.000001", 4), new BinlogPosition("binlog.000001", 4), ChangeCounts.NONE, 2048, 8192,
        ReaderSpec.Converter.JSON, 60, new ReaderSpec.Snapshot(1000, 2, 0));
    ReaderSpec back = ReaderMain.JSON.readValue(ReaderMain.JSON.writeValueAsString(spec), ReaderSpec.class);
    assertThat(back).isEqualTo(spec);
    assertThat(back.snapshotMode()).isTrue();
    assertThat(back.capturedTopics()).containsExactly("bench.db.t");
  }

  @Test
  void aFirstStartContextHasNoStoredOffset() {
    FixedOffsetContext context = new FixedOffsetContext(Map.of("a", "b"), Map.of("server", "bench"), null);
    assertThat(context.offset(Map.of("server", "bench"))).isNull();
    assertThat(context.offsets(java.util.List.of(Map.of("server", "bench")))).containsEntry(Map.of("server", "bench"), null);
  }
}
