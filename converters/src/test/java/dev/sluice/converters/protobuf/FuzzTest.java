package dev.sluice.converters.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sluice.converters.protobuf.testsupport.Converters;
import dev.sluice.converters.protobuf.testsupport.RandomConnect;
import dev.sluice.event.Envelope;
import dev.sluice.event.SourceInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/**
 * Fuzz (seeded): random bytes, truncated and corrupted records and unknown schema ids either read
 * as valid Protobuf or fail with a DataException that names the topic and the reason; nothing
 * else (no IndexOutOfBounds, NullPointer, ClassCast, StackOverflow...).
 */
class FuzzTest {
  private static final long SEED = 0xF022_2025L;
  private static final int CASES = 102_000;
  private static final String TOPIC = "fuzz.topic";

  @Test
  void garbageFailsOnlyWithDataExceptionsNamingTopicAndReason() {
    String store = Converters.freshStore();
    ProtobufConverter converter = Converters.inProcess(store, false);
    List<byte[]> valid = validRecords(converter);
    Random random = new Random(SEED);
    int failures = 0;
    int unknownIds = 0;
    long started = System.nanoTime();
    long cpuStarted = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    for (int i = 0; i < CASES; i++) {
      byte[] input = switch (i % 6) {
        case 0, 1 -> truncated(valid.get(random.nextInt(valid.size())), random);
        case 2, 3 -> corrupted(valid.get(random.nextInt(valid.size())), random);
        case 4 -> randomBytes(random);
        default -> unknownId(valid.get(random.nextInt(valid.size())), random);
      };
      String prefix = "Cannot read a record value of topic '" + TOPIC + "' as Protobuf: ";
      try {
        converter.toConnectData(TOPIC, input);
        if (i % 6 == 5) {
          fail("a record with an unknown schema id was read: " + HexFormat.of().formatHex(input));
        }
      } catch (DataException e) {
        failures++;
        String message = e.getMessage();
        if (i % 6 == 5) {
          unknownIds++;
          if (!message.contains("unknown schema id")) {
            fail("case " + i + ": expected an unknown schema id, got: " + message);
          }
        }
        if (!message.startsWith(prefix) || message.length() < prefix.length() + 5) {
          fail("case " + i + ": the message does not name topic and reason: " + message + " for input " + HexFormat.of().formatHex(input));
        }
      } catch (Throwable t) {
        throw new AssertionError("case " + i + " threw " + t + " for input " + HexFormat.of().formatHex(input), t);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStarted) / 1e9;
    System.out.printf("[FuzzTest] %d inputs in %.1f s (%.1f s CPU): %d DataExceptions (%d unknown ids), %d read as valid Protobuf%n",
        CASES, seconds, cpu, failures, unknownIds, CASES - failures);
    assertThat(unknownIds).isEqualTo(CASES / 6);
    assertThat(failures).isGreaterThan(CASES / 2);
  }

  private static List<byte[]> validRecords(ProtobufConverter converter) {
    List<byte[]> records = new ArrayList<>();
    Schema row = SchemaBuilder.struct().name("fuzz.db.items.Value").optional()
        .field("id", Schema.INT64_SCHEMA)
        .field("name", Schema.OPTIONAL_STRING_SCHEMA)
        .field("price", Decimal.builder(2).optional().build())
        .field("tiny", SchemaBuilder.int8().optional().build())
        .field("at", Timestamp.builder().optional().build())
        .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
        .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
        .build();
    Envelope envelope = Envelope.builder().schemaName("fuzz.db.items.Envelope").rowSchema(row).build();
    Struct source = SourceInfo.builder().connector("mariadb").name("fuzz").db("db").table("items").file("binlog.1").seq(9).build().toStruct();
    Struct after = new Struct(row).put("id", 1L).put("name", "grüße").put("price", new BigDecimal("9.99")).put("tiny", (byte) -3)
        .put("at", new java.util.Date(1_700_000_000_000L)).put("tags", java.util.Arrays.asList("a", null, "c"))
        .put("attrs", java.util.Map.of("k", 5));
    records.add(converter.fromConnectData(TOPIC, envelope.schema(), envelope.create(after, source, 5L)));
    RandomConnect random = new RandomConnect(SEED);
    for (int i = 0; i < 40; i++) {
      Schema schema = random.topLevel();
      Object value = random.value(schema, 0);
      if (value != null) {
        records.add(converter.fromConnectData(TOPIC + "." + i, schema, value));
      }
    }
    return records;
  }

  private static byte[] truncated(byte[] valid, Random random) {
    return java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
  }

  private static byte[] corrupted(byte[] valid, Random random) {
    byte[] copy = valid.clone();
    int flips = 1 + random.nextInt(4);
    for (int i = 0; i < flips; i++) {
      // Keep the header most of the time so the payload, not the id, is what is wrong.
      int at = copy.length <= 6 || random.nextInt(8) == 0 ? random.nextInt(copy.length) : 6 + random.nextInt(copy.length - 6);
      copy[at] = (byte) random.nextInt(256);
    }
    return copy;
  }

  private static byte[] randomBytes(Random random) {
    byte[] b = new byte[random.nextInt(120)];
    random.nextBytes(b);
    if (b.length > 0 && random.nextBoolean()) {
      b[0] = 0;
    }
    return b;
  }

  private static byte[] unknownId(byte[] valid, Random random) {
    byte[] copy = valid.clone();
    // Ids of the in-process store are fingerprints; 0x7fxxxxxx with a random low part is unused here.
    int id = 0x7F00_0000 | random.nextInt(0x00FF_FFFF);
    copy[1] = (byte) (id >>> 24);
    copy[2] = (byte) (id >>> 16);
    copy[3] = (byte) (id >>> 8);
    copy[4] = (byte) id;
    return copy;
  }
}
