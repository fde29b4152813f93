/**
 * The engine behind the field-rewriting transformations: dotted {@link
 * dev.sluice.transforms.row.FieldPath}s merged into a {@link dev.sluice.transforms.row.PathTree},
 * applied to Structs through plans cached per schema and to schemaless Maps directly, in the rows
 * of change events or in whole keys and values ({@link dev.sluice.transforms.row.RowScope}).
 */
package dev.sluice.transforms.row;
