package dev.sluice.transforms;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;

/** Builds configured transformations from key/value pairs, for tests. */
final class Configured {

  private Configured() {}

  static <T extends Transformation<SinkRecord>> T with(T transformation, String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    transformation.configure(props);
    return transformation;
  }
}
