package dev.sluice.sink.mongo.namespace;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.errors.DataException;

/**
 * {@link NamespaceMapperKind#REGEX}: a regex over the topic, and replacement strings for database
 * and collection ({@code $1}, {@code ${name}}, as in {@link Matcher#replaceFirst(String)}).
 */
public final class RegexNamespaceMapper implements NamespaceMapper {
  private final Pattern topicPattern;
  private final String databaseReplacement;
  private final String collectionReplacement;

  /** A mapper; the replacements are checked against the pattern's groups on first use. */
  public RegexNamespaceMapper(Pattern topicPattern, String databaseReplacement, String collectionReplacement) {
    this.topicPattern = topicPattern;
    this.databaseReplacement = databaseReplacement;
    this.collectionReplacement = collectionReplacement;
  }

  @Override
  public Namespace map(RecordOrigin origin) {
    return forTopicAlone(origin.topic()).orElseThrow();
  }

  @Override
  public Optional<Namespace> forTopicAlone(String topic) {
    Matcher m = topicPattern.matcher(topic);
    if (!m.matches()) {
      throw new DataException("topic '" + topic + "' does not match namespace.regex '" + topicPattern + "'");
    }
    try {
      String db = m.replaceFirst(databaseReplacement);
      m.reset();
      String coll = m.replaceFirst(collectionReplacement);
      return Optional.of(NamespaceMapper.checked(new Namespace(db, coll), topic));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new DataException("namespace.regex '" + topicPattern + "': the database or collection replacement refers to a group the regex does not have: " + e.getMessage(), e);
    }
  }
}
