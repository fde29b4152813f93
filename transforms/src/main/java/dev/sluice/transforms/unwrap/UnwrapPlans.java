package dev.sluice.transforms.unwrap;

import dev.sluice.transforms.util.SchemaCache;
import org.apache.kafka.connect.data.Schema;

/** Unwrap's plans, cached per value schema. */
public final class UnwrapPlans {

  private final UnwrapSettings settings;
  private final SchemaCache<UnwrapPlan> cache = new SchemaCache<>();

  /**
   * Plans for one configuration.
   *
   * @param settings the settings every plan depends on besides the schema
   */
  public UnwrapPlans(UnwrapSettings settings) {
    this.settings = settings;
  }

  /** The plan for a value schema, built on first use. */
  public UnwrapPlan forSchema(Schema valueSchema) {
    return cache.computeIfAbsent(valueSchema, s -> UnwrapPlan.build(s, settings));
  }

  /** How many plans were built. */
  public long builds() {
    return cache.builds();
  }
}
