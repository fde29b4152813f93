package dev.sluice.converters;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;

/** The {@code converter.type} setting that Connect's two {@code configure} calls imply, shared by Sluice's converters. */
public final class ConverterTypes {
  private ConverterTypes() {
  }

  /** {@code configs} with the type of a key or value converter ({@code Converter.configure(Map, boolean)}). */
  public static Map<String, Object> keyOrValue(Map<String, ?> configs, boolean isKey) {
    Map<String, Object> withType = new HashMap<>(configs);
    withType.put(ConverterConfig.TYPE_CONFIG, isKey ? ConverterType.KEY.getName() : ConverterType.VALUE.getName());
    return withType;
  }

  /** {@code configs} with the header type unless they name one ({@code HeaderConverter.configure(Map)}). */
  public static Map<String, Object> headerUnlessSet(Map<String, ?> configs) {
    Map<String, Object> withType = new HashMap<>(configs);
    withType.putIfAbsent(ConverterConfig.TYPE_CONFIG, ConverterType.HEADER.getName());
    return withType;
  }
}
