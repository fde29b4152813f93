package dev.sluice.transforms.row;

import java.util.Objects;

/**
 * What a row transformation's configuration boils down to.
 *
 * @param tree the field paths and what to do with each
 * @param scope where the paths start
 */
public record RowSettings(PathTree tree, RowScope scope) {
  /** Validates the components. */
  public RowSettings {
    Objects.requireNonNull(tree, "tree");
    Objects.requireNonNull(scope, "scope");
  }
}
