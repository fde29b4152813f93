package dev.sluice.it.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.converters.protobuf.ProtobufConverter;
import dev.sluice.converters.protobuf.ProtobufConverterConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;

/**
 * What a downstream {@code read_committed} consumer sees of the source's topics, recorded while the
 * chaos runs: every record with its broker append time (the topics use {@code LogAppendTime}), op,
 * {@code source.seq} and GTID, decoded with the Protobuf converter the connectors use. After the run
 * it answers: is every change there exactly once by seq, with no gap, and did each committed source
 * offset (one per Kafka transaction, read from Connect's offsets topic) fall between two MySQL
 * transactions, never inside one?
 */
final class ChangeStreamAudit implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One record: {@code op} null and {@code seq} -1 for a tombstone; {@code heartbeat} for the heartbeat topic. */
  record Change(String topic, int partition, long offset, long appendMs, String key, String op, long seq, String gtid, boolean snapshot,
      boolean heartbeat, String rowChange) {
    boolean tombstone() {
      return !heartbeat && op == null;
    }

    String where() {
      return topic + "/" + partition + "@" + offset;
    }
  }

  /** A committed source offset, in the order the offsets topic holds them. */
  record CommittedOffset(long seq, long txEmitted, String gtids, long appendMs) {}

  private final String bootstrap;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ProtobufConverter keys = new ProtobufConverter();
  private final ProtobufConverter values = new ProtobufConverter();
  private final List<Change> changes = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  ChangeStreamAudit(String bootstrap, Pattern topics) {
    this.bootstrap = bootstrap;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "chaos-audit-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    // Topics created later (the table added through REST) are picked up within seconds.
    p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "2000");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    // A topic appearing later rebalances this (commit-less) group: continue where this consumer was, never from the start again.
    consumer.subscribe(topics, new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // positions are kept in this object, nothing to commit
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
          Long next = positions.get(tp);
          if (next != null) {
            consumer.seek(tp, next);
          }
        }
      }
    });
    Map<String, String> converter = Map.of(ProtobufConverterConfig.KAFKA_BOOTSTRAP_CONFIG, bootstrap);
    keys.configure(converter, true);
    values.configure(converter, false);
    thread = new Thread(this::run, "chaos-audit");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (running) {
        List<Change> batch = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          batch.add(decode(r));
          positions.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
        }
        synchronized (changes) {
          changes.addAll(batch);
        }
      }
    } catch (RuntimeException e) {
      failure.set(e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      keys.close();
      values.close();
    }
  }

  private Change decode(ConsumerRecord<byte[], byte[]> r) {
    if (r.timestampType() != TimestampType.LOG_APPEND_TIME) {
      throw new IllegalStateException(r.topic() + "/" + r.partition() + "@" + r.offset() + " has a " + r.timestampType()
          + " timestamp: the fail-over figures need LogAppendTime topics (topic.creation.default.message.timestamp.type)");
    }
    boolean heartbeat = r.topic().startsWith("__sluice-heartbeat");
    if (heartbeat) {
      return new Change(r.topic(), r.partition(), r.offset(), r.timestamp(), null, null, -1, null, false, true, null);
    }
    SchemaAndValue k = r.key() == null ? SchemaAndValue.NULL : keys.toConnectData(r.topic(), r.key());
    String key = String.valueOf(k.value());
    if (r.value() == null) {
      return new Change(r.topic(), r.partition(), r.offset(), r.timestamp(), key, null, -1, null, false, false, null);
    }
    Struct value = (Struct) values.toConnectData(r.topic(), r.value()).value();
    Struct source = value.getStruct("source");
    Long seq = source.getInt64("seq");
    if (seq == null) {
      throw new IllegalStateException(r.topic() + "/" + r.partition() + "@" + r.offset() + " has no source.seq: " + value);
    }
    String snapshot = source.getString("snapshot");
    boolean fromSnapshot = snapshot != null && !"false".equals(snapshot);
    // What the change is: the same row change of the same MySQL transaction must not come twice, whatever its seq.
    // (source.file/pos/row cannot: two row events of one transaction were seen with the same pos.)
    String rowChange = fromSnapshot ? null
        : source.getString("gtid") + " " + r.topic() + " " + key + " " + value.getString("op") + " " + value.get("before") + " -> "
            + value.get("after");
    return new Change(r.topic(), r.partition(), r.offset(), r.timestamp(), key, value.getString("op"), seq, source.getString("gtid"),
        fromSnapshot, false, rowChange);
  }

  /** Fails with the consumer thread's error, if it had one. */
  void check() {
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException("the audit consumer failed: " + t, t);
    }
  }

  /** Everything read so far. */
  List<Change> changes() {
    check();
    synchronized (changes) {
      return List.copyOf(changes);
    }
  }

  int size() {
    synchronized (changes) {
      return changes.size();
    }
  }

  /** The earliest broker append time after {@code afterMs} among records read so far, if any. */
  OptionalLong firstAppendAfter(long afterMs) {
    check();
    long best = Long.MAX_VALUE;
    synchronized (changes) {
      // Records arrive roughly in append order: look at the recent ones first and stop well before afterMs.
      for (int i = changes.size() - 1; i >= 0; i--) {
        long t = changes.get(i).appendMs();
        if (t > afterMs && t < best) {
          best = t;
        }
        if (t < afterMs - 60_000) {
          break;
        }
      }
    }
    return best == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(best);
  }

  /** Waits until no new record arrived for {@code quiet} (the stream is drained), at most {@code max}. */
  void awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    int last = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      check();
      int now = size();
      if (now != last) {
        last = now;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince >= quiet.toNanos()) {
        return;
      }
      Thread.sleep(200);
    }
  }

  /**
   * Every committed offset the connector {@code connector} wrote to Connect's offsets topic
   * {@code offsetsTopic}, read with {@code read_committed} up to its end.
   */
  List<CommittedOffset> committedOffsets(String offsetsTopic, String connector) throws IOException {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    List<CommittedOffset> offsets = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = c.partitionsFor(offsetsTopic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(tp -> c.position(tp, Duration.ofSeconds(30)) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + offsetsTopic + " to its end within 60 s");
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (r.key() == null || r.value() == null) {
            continue;
          }
          JsonNode key = JSON.readTree(r.key());
          if (!key.isArray() || !connector.equals(key.path(0).asText())) {
            continue;
          }
          JsonNode v = JSON.readTree(r.value());
          offsets.add(new CommittedOffset(v.path("seq").asLong(), v.path("tx_emitted").asLong(), v.path("gtids").asText(), r.timestamp()));
        }
      }
    }
    return offsets;
  }

  /** The seq, duplicate and transaction-boundary findings over everything read. */
  static Findings analyse(List<Change> all, List<CommittedOffset> committed) {
    return new Findings(all, committed);
  }

  /** What the audit found; {@link #problems()} is empty when the stream is exactly right. */
  static final class Findings {
    final long changeEvents;
    final long tombstones;
    final long heartbeats;
    final long snapshotReads;
    final long minSeq;
    final long maxSeq;
    final List<String> duplicates = new ArrayList<>();
    final List<String> repeatedRowChanges = new ArrayList<>();
    final List<String> gaps = new ArrayList<>();
    final List<String> orphanTombstones = new ArrayList<>();
    final long mysqlTransactions;
    final long multiRecordTransactions;
    final long committedOffsets;
    final long offsetsAtTransactionEnd;
    final List<String> offsetsInsideTransaction = new ArrayList<>();
    final long otherOffsets;
    final long lastCommittedSeq;
    final long missingGtid;

    Findings(List<Change> all, List<CommittedOffset> committed) {
      Map<Long, Change> bySeq = new HashMap<>();
      Map<String, Change> byRowChange = new HashMap<>();
      Map<String, Long> pendingDeletes = new HashMap<>();
      Map<Long, String> gtidOfSeq = new HashMap<>();
      long events = 0;
      long stones = 0;
      long beats = 0;
      long reads = 0;
      long noGtid = 0;
      for (Change c : all) {
        if (c.heartbeat()) {
          beats++;
          continue;
        }
        long seq;
        String gtid;
        if (c.tombstone()) {
          stones++;
          Long delete = pendingDeletes.remove(c.topic() + "/" + c.partition() + "/" + c.key());
          if (delete == null) {
            orphanTombstones.add(c.where() + " key " + c.key());
            continue;
          }
          seq = delete + 1;
          gtid = gtidOfSeq.get(delete);
        } else {
          events++;
          seq = c.seq();
          gtid = c.gtid();
          if (c.snapshot()) {
            reads++;
          } else if (gtid == null) {
            noGtid++;
          }
          if (c.rowChange() != null) {
            Change same = byRowChange.putIfAbsent(c.rowChange(), c);
            if (same != null) {
              repeatedRowChanges.add("row change [" + c.rowChange() + "] at " + same.where() + " (seq " + same.seq() + ") and again at "
                  + c.where() + " (seq " + c.seq() + ")");
            }
          }
          if ("d".equals(c.op())) {
            pendingDeletes.put(c.topic() + "/" + c.partition() + "/" + c.key(), seq);
          }
        }
        Change earlier = bySeq.putIfAbsent(seq, c);
        if (earlier != null) {
          duplicates.add("seq " + seq + " at " + earlier.where() + " and again at " + c.where());
        }
        if (gtid != null && !c.snapshot()) {
          gtidOfSeq.put(seq, gtid);
        }
      }
      this.changeEvents = events;
      this.tombstones = stones;
      this.heartbeats = beats;
      this.snapshotReads = reads;
      this.missingGtid = noGtid;
      this.minSeq = bySeq.keySet().stream().mapToLong(Long::longValue).min().orElse(0);
      this.maxSeq = bySeq.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
      long gapStart = -1;
      for (long s = minSeq; s <= maxSeq + 1; s++) {
        boolean present = s <= maxSeq && bySeq.containsKey(s);
        if (!present && s <= maxSeq && gapStart < 0) {
          gapStart = s;
        } else if ((present || s > maxSeq) && gapStart >= 0) {
          gaps.add(gapStart == s - 1 ? "seq " + gapStart : "seqs " + gapStart + ".." + (s - 1));
          gapStart = -1;
        }
      }
      pendingDeletes.forEach((k, seq) -> orphanTombstones.add("delete seq " + seq + " (" + k + ") has no tombstone after it"));

      // Each MySQL transaction (GTID) spans [first seq, last seq] in the stream.
      Map<String, long[]> spans = new HashMap<>();
      gtidOfSeq.forEach((seq, gtid) -> spans.merge(gtid, new long[] {seq, seq},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])}));
      this.mysqlTransactions = spans.size();
      this.multiRecordTransactions = spans.values().stream().filter(s -> s[1] > s[0]).count();
      TreeMap<Long, long[]> byStart = new TreeMap<>();
      spans.values().forEach(s -> byStart.put(s[0], s));
      Set<Long> ends = new HashSet<>();
      spans.values().forEach(s -> ends.add(s[1]));
      long atEnd = 0;
      long other = 0;
      for (CommittedOffset o : committed) {
        Map.Entry<Long, long[]> open = byStart.floorEntry(o.seq());
        if (open != null && o.seq() < open.getValue()[1]) {
          offsetsInsideTransaction.add("committed offset seq " + o.seq() + " (tx_emitted " + o.txEmitted() + ") lies inside the MySQL "
              + "transaction of seqs " + open.getValue()[0] + ".." + open.getValue()[1]);
        } else if (ends.contains(o.seq())) {
          atEnd++;
        } else {
          other++;
        }
      }
      this.committedOffsets = committed.size();
      this.offsetsAtTransactionEnd = atEnd;
      this.otherOffsets = other;
      this.lastCommittedSeq = committed.stream().mapToLong(CommittedOffset::seq).max().orElse(0);
    }

    List<String> problems() {
      List<String> p = new ArrayList<>();
      if (!duplicates.isEmpty()) {
        p.add(duplicates.size() + " duplicate seqs, e.g. " + duplicates.subList(0, Math.min(5, duplicates.size())));
      }
      if (!repeatedRowChanges.isEmpty()) {
        p.add(repeatedRowChanges.size() + " row changes delivered twice, e.g. "
            + repeatedRowChanges.subList(0, Math.min(5, repeatedRowChanges.size())));
      }
      if (!gaps.isEmpty()) {
        p.add(gaps.size() + " gaps in the seqs, e.g. " + gaps.subList(0, Math.min(5, gaps.size())));
      }
      if (!orphanTombstones.isEmpty()) {
        p.add(orphanTombstones.size() + " tombstones without their delete (or the reverse), e.g. "
            + orphanTombstones.subList(0, Math.min(5, orphanTombstones.size())));
      }
      if (!offsetsInsideTransaction.isEmpty()) {
        p.add(offsetsInsideTransaction.size() + " Kafka transactions ended inside a MySQL transaction, e.g. "
            + offsetsInsideTransaction.subList(0, Math.min(5, offsetsInsideTransaction.size())));
      }
      if (lastCommittedSeq != maxSeq) {
        p.add("the consumer read seqs up to " + maxSeq + " but the source's last committed offset has seq " + lastCommittedSeq);
      }
      if (missingGtid > 0) {
        p.add(missingGtid + " streamed change events without source.gtid");
      }
      return p;
    }

    String format() {
      return String.format("read_committed audit: %d change events (%d snapshot reads), %d tombstones, %d heartbeats; seqs %d..%d"
              + " (last committed source offset: seq %d)%n"
              + "  duplicate seqs %d, row changes delivered twice %d, gaps %d, unmatched tombstones %d%n"
              + "  %d MySQL transactions (%d with several records) in %d committed Kafka transactions (source offsets in the offsets"
              + " topic): %d end at the end of a MySQL transaction, %d inside one, %d elsewhere (snapshot chunks, heartbeats)",
          changeEvents, snapshotReads, tombstones, heartbeats, minSeq, maxSeq, lastCommittedSeq, duplicates.size(), repeatedRowChanges.size(), gaps.size(),
          orphanTombstones.size(), mysqlTransactions, multiRecordTransactions, committedOffsets, offsetsAtTransactionEnd,
          offsetsInsideTransaction.size(), otherOffsets);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(10_000);
  }
}
