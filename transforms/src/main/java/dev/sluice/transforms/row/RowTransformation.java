package dev.sluice.transforms.row;

import dev.sluice.event.SluiceVersion;
import dev.sluice.transforms.util.NullPolicy;
import dev.sluice.transforms.util.Records;
import java.util.Map;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * The base of Sluice's transformations that rewrite fields by path (Fields, Mask, Hash, Truncate,
 * Cast, TimeZone), each with a {@code Key} and a {@code Value} variant.
 *
 * <p>What every subclass shares:
 *
 * <ul>
 *   <li>a null key or value (a tombstone, a keyless table) is passed through as the same record
 *       ({@link NullPolicy});
 *   <li>change events are rewritten in {@code before} and {@code after} (see {@link RowScope});
 *       plain Structs and schemaless Maps as a whole; other values (strings, numbers) pass
 *       through;
 *   <li>Structs go through plans cached per input schema ({@link dev.sluice.transforms.util.SchemaCache}),
 *       so no schema is built per record; a record the paths do not touch is returned as is;
 *   <li>the input record, its key, value and headers are never modified;
 *   <li>a value that cannot be converted fails with a {@link DataException} naming the
 *       transformation, the field path and the record's topic, partition and offset.
 * </ul>
 *
 * @param <R> the record type
 */
public abstract class RowTransformation<R extends ConnectRecord<R>>
    implements Transformation<R>, Versioned {

  private final RecordPart part;
  private RowRewriter rewriter;

  /**
   * For subclasses.
   *
   * @param part the part of the record the variant works on
   */
  protected RowTransformation(RecordPart part) {
    this.part = part;
  }

  /**
   * Parses the configuration into paths and operations.
   *
   * @param configs the transformation's settings
   * @return the settings
   * @throws org.apache.kafka.common.config.ConfigException naming the bad setting
   */
  protected abstract RowSettings settings(Map<String, ?> configs);

  @Override
  public final void configure(Map<String, ?> configs) {
    RowSettings settings = settings(configs);
    rewriter = new RowRewriter(settings.tree(), settings.scope(), part == RecordPart.VALUE);
  }

  @Override
  public final R apply(R record) {
    Object target = part.of(record);
    if (target == null) {
      return record;
    }
    Schema schema = part.schemaOf(record);
    if (schema != null && !(target instanceof Struct)) {
      // A Connect MAP or primitive with a schema: paths cannot point into it without breaking
      // the declared type, so it passes through like any value without fields.
      return record;
    }
    Object rewritten;
    try {
      rewritten = rewriter.rewrite(target);
    } catch (DataException e) {
      throw new DataException(
          name() + " cannot transform the " + part.label() + " of the record at "
              + Records.describe(record) + ": " + e.getMessage(),
          e);
    }
    if (rewritten == target) {
      return record;
    }
    Schema newSchema = rewritten instanceof Struct struct ? struct.schema() : schema;
    return part.replace(record, newSchema, rewritten);
  }

  /** How many output schemas were built so far: one per distinct input schema. */
  public long schemaBuilds() {
    return rewriter == null ? 0 : rewriter.schemaBuilds();
  }

  private String name() {
    Class<?> type = getClass();
    Class<?> outer = type.getEnclosingClass();
    return outer == null ? type.getSimpleName() : outer.getSimpleName() + "." + type.getSimpleName();
  }

  @Override
  public void close() {}

  @Override
  public String version() {
    return SluiceVersion.of(getClass());
  }
}
