package dev.sluice.embedded.pipeline;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which records the sink receives, decided by topic as a sink connector's {@code topics} and
 * {@code topics.regex} would. With neither set, every topic except {@code skipped} (the source's
 * heartbeat, transaction and schema-change topics, which carry no rows).
 *
 * @param topics the topics listed in {@code sink.topics}
 * @param regex the pattern of {@code sink.topics.regex}, or null
 * @param skipped topics excluded when neither is set
 */
public record TopicRouting(List<String> topics, Pattern regex, Set<String> skipped) {

  public TopicRouting {
    topics = List.copyOf(topics);
    skipped = Set.copyOf(skipped);
  }

  /** Whether records of {@code topic} go to the sink. */
  public boolean toSink(String topic) {
    if (topics.isEmpty() && regex == null) {
      return !skipped.contains(topic);
    }
    return topics.contains(topic) || (regex != null && regex.matcher(topic).matches());
  }
}
