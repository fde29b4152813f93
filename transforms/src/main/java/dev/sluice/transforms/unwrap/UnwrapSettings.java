package dev.sluice.transforms.unwrap;

import java.util.List;
import java.util.Objects;

/**
 * Unwrap's parsed configuration, as the plans need it.
 *
 * @param deleteHandling deletes and tombstones
 * @param addedFields fields added to rows
 * @param addedHeaders headers added to records
 * @param routeByField the column whose value becomes the topic, or null
 * @param replaceNullWithDefault whether copied rows get schema defaults for null columns
 */
public record UnwrapSettings(
    DeleteHandling deleteHandling,
    List<AddedField> addedFields,
    List<AddedField> addedHeaders,
    String routeByField,
    boolean replaceNullWithDefault) {

  /** Validates and copies the components. */
  public UnwrapSettings {
    Objects.requireNonNull(deleteHandling, "deleteHandling");
    addedFields = List.copyOf(addedFields);
    addedHeaders = List.copyOf(addedHeaders);
  }
}
