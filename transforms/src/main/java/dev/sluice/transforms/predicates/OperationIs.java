package dev.sluice.transforms.predicates;

import dev.sluice.event.Envelope.Operation;
import dev.sluice.event.EnvelopeFields;
import dev.sluice.event.SluiceVersion;
import dev.sluice.transforms.util.NullPolicy;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches change events whose operation ({@code op}) is one of the configured ones.
 *
 * <p>Works on Sluice and Debezium events, with a schema (Struct) or schemaless (Map). Tombstones
 * and values that are not change events never match ({@link NullPolicy}). Example, dropping
 * snapshot reads:
 *
 * <pre>
 * predicates=isRead
 * predicates.isRead.type=dev.sluice.transforms.predicates.OperationIs
 * predicates.isRead.operations=r
 * transforms=dropReads
 * transforms.dropReads.type=org.apache.kafka.connect.transforms.Filter
 * transforms.dropReads.predicate=isRead
 * </pre>
 *
 * @param <R> the record type
 */
public class OperationIs<R extends ConnectRecord<R>> implements Predicate<R>, Versioned {

  /** Shown in generated docs. */
  public static final String OVERVIEW_DOC =
      "True for change events (Sluice or Debezium, with or without schema) whose 'op' is one of '"
          + OperationIsConfig.OPERATIONS_CONFIG
          + "'. Tombstones and values that are not change events are never matched.";

  /** The settings; see {@link OperationIsConfig}. */
  public static final ConfigDef CONFIG_DEF = OperationIsConfig.CONFIG_DEF;

  private static final Logger LOG = LoggerFactory.getLogger(OperationIs.class);

  private Set<Operation> operations;

  /** Creates an unconfigured predicate; Connect calls {@link #configure(Map)} next. */
  public OperationIs() {}

  @Override
  public void configure(Map<String, ?> configs) {
    operations = new OperationIsConfig(configs).operations();
    LOG.debug("OperationIs configured with operations {}", operations);
  }

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }

  @Override
  public boolean test(R record) {
    // EnvelopeFields.op is empty for tombstones and non-envelopes, which implements NullPolicy.
    return EnvelopeFields.op(record.value()).map(operations::contains).orElse(false);
  }

  @Override
  public void close() {}

  @Override
  public String version() {
    return SluiceVersion.of(OperationIs.class);
  }

  @Override
  public String toString() {
    return "OperationIs{operations=" + operations + "}";
  }
}
