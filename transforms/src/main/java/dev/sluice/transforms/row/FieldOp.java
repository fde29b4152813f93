package dev.sluice.transforms.row;

import java.util.Objects;

/** What a transformation does to the field at the end of a {@link FieldPath}. */
public sealed interface FieldOp permits FieldOp.Drop, FieldOp.Rename, FieldOp.Convert {

  /** Remove the field. */
  record Drop() implements FieldOp {}

  /**
   * Give the field a new name (in the same struct).
   *
   * @param newName the new field name
   */
  record Rename(String newName) implements FieldOp {
    /** Validates the name. */
    public Rename {
      Objects.requireNonNull(newName, "newName");
      if (newName.isEmpty()) {
        throw new IllegalArgumentException("the new field name is empty");
      }
    }
  }

  /**
   * Replace the field's value (and maybe its schema).
   *
   * @param conversion how
   */
  record Convert(ValueConversion conversion) implements FieldOp {
    /** Validates the conversion. */
    public Convert {
      Objects.requireNonNull(conversion, "conversion");
    }
  }
}
