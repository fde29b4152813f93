package dev.sluice.converters.protobuf.store;

import java.util.List;

/**
 * A Protobuf schema as registries keep it.
 *
 * @param schema the {@code .proto} text
 * @param references the imported files, each registered under a subject
 */
public record SchemaText(String schema, List<SchemaReference> references) {
  public SchemaText {
    references = List.copyOf(references);
  }
}
