package dev.sluice.sink.mongo;

import org.apache.kafka.common.config.ConfigDef;

/** Composes the sink's ConfigDefs, so each settings class stays small and the connector shows them all. */
final class ConfigDefs {
  private ConfigDefs() {}

  /** A new ConfigDef with every key of the given ones; a key defined twice is a programming error. */
  static ConfigDef union(ConfigDef... parts) {
    ConfigDef all = new ConfigDef();
    for (ConfigDef part : parts) {
      part.configKeys().values().forEach(all::define);
    }
    return all;
  }
}
