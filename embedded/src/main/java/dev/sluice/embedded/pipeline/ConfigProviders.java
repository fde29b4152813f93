package dev.sluice.embedded.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * Resolves {@code ${provider:path:key}} variables in a pipeline file with Kafka's ConfigProviders,
 * configured as on a Connect worker ({@code config.providers}, {@code config.providers.<name>.class},
 * {@code config.providers.<name>.param.*}), so secrets stay out of the file.
 */
final class ConfigProviders {
  private ConfigProviders() {
  }

  /** The entries with every variable replaced; unchanged when no provider is configured. */
  static Map<String, String> resolve(Map<String, String> props) {
    String names = props.getOrDefault(PipelineConfig.CONFIG_PROVIDERS_CONFIG, "").trim();
    if (names.isEmpty()) {
      return props;
    }
    Map<String, ConfigProvider> providers = new HashMap<>();
    List<ConfigProvider> opened = new ArrayList<>();
    try {
      for (String raw : names.split(",")) {
        String name = raw.trim();
        if (name.isEmpty()) {
          continue;
        }
        String classKey = PipelineConfig.CONFIG_PROVIDERS_CONFIG + "." + name + ".class";
        String className = props.get(classKey);
        if (className == null || className.isBlank()) {
          throw new ConfigException(classKey, null, "config provider '" + name + "' is listed in config.providers but has no class");
        }
        ConfigProvider provider;
        try {
          provider = (ConfigProvider) Class.forName(className.trim()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
          throw new ConfigException(classKey, className, "not a ConfigProvider with a public no-argument constructor: " + e);
        }
        opened.add(provider);
        String paramPrefix = PipelineConfig.CONFIG_PROVIDERS_CONFIG + "." + name + ".param.";
        Map<String, String> params = new HashMap<>();
        props.forEach((k, v) -> {
          if (k.startsWith(paramPrefix)) {
            params.put(k.substring(paramPrefix.length()), v);
          }
        });
        provider.configure(params);
        providers.put(name, provider);
      }
      return new ConfigTransformer(providers).transform(props).data();
    } finally {
      for (ConfigProvider p : opened) {
        try {
          p.close();
        } catch (IOException e) {
          throw new ConfigException("closing config provider " + p.getClass().getName() + " failed: " + e.getMessage());
        }
      }
    }
  }
}
