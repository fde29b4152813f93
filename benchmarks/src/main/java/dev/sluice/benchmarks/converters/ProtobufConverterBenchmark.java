package dev.sluice.benchmarks.converters;

import dev.sluice.converters.json.SchemaCachingJsonConverter;
import dev.sluice.converters.protobuf.ProtobufConverter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sluice's ProtobufConverter against Kafka's JsonConverter (schemas.enable=true and false) on a
 * CDC-shaped record ({@link CdcRecords}: update event, 20 mixed columns, source block), in both
 * directions; and Sluice's SchemaCachingJsonConverter, which writes the same bytes as Kafka's with
 * schemas, against it. The schema is registered before measuring (in-process store), as it is
 * after the first record in production; what is measured is the per-record cost.
 *
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar ProtobufConverterBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 *   java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.converters.ProtobufConverterBenchmark   # sizes
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProtobufConverterBenchmark {
  private static final String TOPIC = "bench.shop.orders";

  private ProtobufConverter protobuf;
  private JsonConverter jsonWithSchemas;
  private JsonConverter jsonWithoutSchemas;
  private SchemaCachingJsonConverter cachedJson;
  private Schema schema;
  private Struct value;
  private byte[] protobufBytes;
  private byte[] jsonWithSchemasBytes;
  private byte[] jsonWithoutSchemasBytes;

  @Setup(Level.Trial)
  public void setUp() {
    protobuf = new ProtobufConverter();
    Map<String, Object> config = new HashMap<>();
    config.put("schema.store", "in-process");
    config.put("schema.store.in.process.name", "bench-" + UUID.randomUUID());
    protobuf.configure(config, false);
    jsonWithSchemas = new JsonConverter();
    jsonWithSchemas.configure(Map.of("schemas.enable", "true"), false);
    jsonWithoutSchemas = new JsonConverter();
    jsonWithoutSchemas.configure(Map.of("schemas.enable", "false"), false);
    schema = CdcRecords.ENVELOPE.schema();
    value = CdcRecords.updateEvent(1);
    protobufBytes = protobuf.fromConnectData(TOPIC, schema, value);
    jsonWithSchemasBytes = jsonWithSchemas.fromConnectData(TOPIC, schema, value);
    jsonWithoutSchemasBytes = jsonWithoutSchemas.fromConnectData(TOPIC, schema, value);
    cachedJson = new SchemaCachingJsonConverter();
    cachedJson.configure(Map.of("schemas.enable", "true"), false);
    for (int i = 0; i < 2; i++) {
      if (!Arrays.equals(cachedJson.fromConnectData(TOPIC, schema, value), jsonWithSchemasBytes)) {
        throw new IllegalStateException("SchemaCachingJsonConverter wrote other bytes than JsonConverter");
      }
    }
    SchemaAndValue back = protobuf.toConnectData(TOPIC, protobufBytes);
    if (!back.value().equals(value)) {
      throw new IllegalStateException("the Protobuf round trip changed the record: " + back.value());
    }
  }

  @Benchmark
  public byte[] fromConnectProtobuf() {
    return protobuf.fromConnectData(TOPIC, schema, value);
  }

  @Benchmark
  public byte[] fromConnectJsonWithSchemas() {
    return jsonWithSchemas.fromConnectData(TOPIC, schema, value);
  }

  @Benchmark
  public byte[] fromConnectCachedJsonWithSchemas() {
    return cachedJson.fromConnectData(TOPIC, schema, value);
  }

  @Benchmark
  public byte[] fromConnectJsonWithoutSchemas() {
    return jsonWithoutSchemas.fromConnectData(TOPIC, schema, value);
  }

  @Benchmark
  public SchemaAndValue toConnectProtobuf() {
    return protobuf.toConnectData(TOPIC, protobufBytes);
  }

  @Benchmark
  public SchemaAndValue toConnectJsonWithSchemas() {
    return jsonWithSchemas.toConnectData(TOPIC, jsonWithSchemasBytes);
  }

  @Benchmark
  public SchemaAndValue toConnectJsonWithoutSchemas() {
    return jsonWithoutSchemas.toConnectData(TOPIC, jsonWithoutSchemasBytes);
  }

  /** Prints the serialized sizes of the record in each format. */
  public static void main(String[] args) {
    ProtobufConverterBenchmark b = new ProtobufConverterBenchmark();
    b.setUp();
    System.out.printf("record bytes: protobuf %d, json with schemas %d, json without schemas %d%n",
        b.protobufBytes.length, b.jsonWithSchemasBytes.length, b.jsonWithoutSchemasBytes.length);
    System.out.printf("protobuf / json with schemas = %.1f %%, protobuf / json without schemas = %.1f %%%n",
        100.0 * b.protobufBytes.length / b.jsonWithSchemasBytes.length,
        100.0 * b.protobufBytes.length / b.jsonWithoutSchemasBytes.length);
  }
}
