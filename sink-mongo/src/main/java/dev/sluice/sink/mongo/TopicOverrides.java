package dev.sluice.sink.mongo;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigException;

/**
 * Per-topic settings: {@code topic.override.<topic>.<setting>=<value>}. Topic names may contain
 * dots, so the setting is recognised as the longest per-topic setting name the key ends with.
 */
public final class TopicOverrides {
  /** The key prefix. */
  public static final String PREFIX = "topic.override.";

  private final Map<String, Map<String, String>> byTopic;

  private TopicOverrides(Map<String, Map<String, String>> byTopic) {
    this.byTopic = byTopic;
  }

  /**
   * Collects the overrides among {@code props}.
   *
   * @param overridable the per-topic setting names
   * @throws ConfigException naming a key whose setting is not per-topic, or that names no topic
   */
  public static TopicOverrides parse(Map<String, String> props, Set<String> overridable) {
    List<String> settings = overridable.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    Map<String, Map<String, String>> byTopic = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(props).entrySet()) {
      if (!e.getKey().startsWith(PREFIX)) {
        continue;
      }
      Key key = split(e.getKey(), settings).orElseThrow(() -> new ConfigException(e.getKey(), e.getValue(),
          "not a per-topic setting: expected topic.override.<topic>.<setting> with <setting> one of " + new TreeSet<>(overridable)));
      byTopic.computeIfAbsent(key.topic(), t -> new LinkedHashMap<>()).put(key.setting(), e.getValue());
    }
    return new TopicOverrides(byTopic);
  }

  /** The topic and setting of an override key, if it is one. */
  static Optional<Key> split(String key, List<String> settingsLongestFirst) {
    String rest = key.substring(PREFIX.length());
    for (String setting : settingsLongestFirst) {
      if (rest.length() > setting.length() + 1 && rest.endsWith("." + setting)) {
        return Optional.of(new Key(rest.substring(0, rest.length() - setting.length() - 1), setting));
      }
    }
    return Optional.empty();
  }

  /**
   * One override key.
   *
   * @param topic the topic
   * @param setting the per-topic setting
   */
  record Key(String topic, String setting) {}

  /** The overrides of a topic (empty when it has none). */
  public Map<String, String> forTopic(String topic) {
    return byTopic.getOrDefault(topic, Map.of());
  }

  /** The topics that have overrides. */
  public Set<String> topics() {
    return byTopic.keySet();
  }
}
