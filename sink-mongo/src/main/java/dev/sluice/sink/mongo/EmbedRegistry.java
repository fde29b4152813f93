package dev.sluice.sink.mongo;

import dev.sluice.sink.mongo.namespace.Namespace;
import dev.sluice.sink.mongo.view.EmbedSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;

/**
 * Which topics are embedded into which collections, known to every task from the configuration
 * alone: the task writing a parent topic must know that its collection holds child arrays even when
 * another task consumes the child topic.
 */
public final class EmbedRegistry {
  private final Map<String, EmbedSpec> byTopic;
  private final Map<Namespace, List<EmbedSpec>> byNamespace;

  private EmbedRegistry(Map<String, EmbedSpec> byTopic, Map<Namespace, List<EmbedSpec>> byNamespace) {
    this.byTopic = byTopic;
    this.byNamespace = byNamespace;
  }

  /**
   * Collects the embeddings of a configuration.
   *
   * @throws ConfigException when embed.field is set connector-wide, when a child topic's collection
   *     depends on more than its topic name, or when two topics embed into one array differently
   */
  public static EmbedRegistry from(SluiceMongoSinkConfig config) {
    if (config.defaults().embed().field().isPresent()) {
      throw new ConfigException(EmbedConfig.FIELD_CONFIG, config.defaults().embed().field().get(),
          "embed.field is a per-topic setting: set topic.override.<child topic>.embed.field");
    }
    Map<String, EmbedSpec> byTopic = new LinkedHashMap<>();
    Map<Namespace, List<EmbedSpec>> byNamespace = new HashMap<>();
    for (String topic : config.overrides().topics()) {
      TopicConfig tc = config.topicConfig(topic);
      Optional<String> field = tc.embed().field();
      if (field.isEmpty()) {
        continue;
      }
      Namespace namespace;
      try {
        namespace = tc.namespace().mapper().forTopicAlone(topic).orElse(null);
      } catch (DataException e) {
        throw new ConfigException(TopicOverrides.PREFIX + topic + "." + NamespaceConfig.COLLECTION_CONFIG, null, e.getMessage());
      }
      if (namespace == null) {
        throw new ConfigException(TopicOverrides.PREFIX + topic + "." + NamespaceConfig.COLLECTION_CONFIG, null,
            "embedded child topic '" + topic + "' needs its parent's database and collection named by templates that use at most"
                + " ${topic} (not ${db}, ${table} or a row field), e.g. topic.override." + topic + ".collection=orders");
      }
      EmbedSpec spec = new EmbedSpec(topic, namespace, field.get(), tc.embed().parentKey(), tc.embed().parentDelete());
      for (EmbedSpec other : byNamespace.getOrDefault(namespace, List.of())) {
        if (other.field().equals(spec.field()) && other.parentDelete() != spec.parentDelete()) {
          throw new ConfigException(TopicOverrides.PREFIX + topic + "." + EmbedConfig.PARENT_DELETE_CONFIG, spec.parentDelete(),
              "topics '" + other.topic() + "' and '" + topic + "' embed into " + namespace + "." + spec.field()
                  + " with different embed.parent.delete; use one value");
        }
      }
      byTopic.put(topic, spec);
      byNamespace.computeIfAbsent(namespace, n -> new ArrayList<>()).add(spec);
    }
    byNamespace.replaceAll((n, specs) -> List.copyOf(specs));
    return new EmbedRegistry(Map.copyOf(byTopic), Map.copyOf(byNamespace));
  }

  /** The embedding of a child topic, or null for other topics. */
  public EmbedSpec forTopic(String topic) {
    return byTopic.get(topic);
  }

  /** The embeddings into a collection (empty for ordinary collections). */
  public List<EmbedSpec> into(Namespace namespace) {
    return byNamespace.getOrDefault(namespace, List.of());
  }

  /** Every embedding. */
  public Map<String, EmbedSpec> all() {
    return byTopic;
  }
}
