package dev.sluice.transforms.unwrap;

import dev.sluice.event.Envelope;
import dev.sluice.transforms.row.Structs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;

/**
 * What Unwrap does with the values of one envelope schema: the output row schema (built once),
 * where each added field and header comes from, and how to copy the row. Plans are cached per
 * envelope schema; applying one allocates only the output Struct, and none at all when nothing is
 * added (the {@code after} Struct is passed on as it is).
 */
public final class UnwrapPlan {

  /** The plan for value schemas that are not change events: Unwrap passes those through. */
  static final UnwrapPlan NOT_AN_ENVELOPE = new UnwrapPlan();

  private record Source(Field block, Field field) {
    Object read(Struct envelope) {
      if (block == null) {
        return Structs.raw(envelope, field);
      }
      Object blockValue = envelope.get(block);
      return blockValue instanceof Struct struct ? Structs.raw(struct, field) : null;
    }
  }

  private record Added(Source source, Field out) {}

  private record Header(Source source, String name, Schema schema) {}

  private final boolean envelope;
  private final Field opField;
  private final Field beforeField;
  private final Field afterField;
  private final Schema rowSchema;
  private final Schema outSchema;
  private final boolean copies;
  private final Field[] rowFields;
  private final Field[] outRowFields;
  private final Added[] added;
  private final Header[] headers;
  private final Field deletedField;
  private final Field routeField;
  private final boolean replaceNullWithDefault;

  private UnwrapPlan() {
    envelope = false;
    opField = beforeField = afterField = deletedField = routeField = null;
    rowSchema = outSchema = null;
    copies = false;
    rowFields = outRowFields = new Field[0];
    added = new Added[0];
    headers = new Header[0];
    replaceNullWithDefault = false;
  }

  private UnwrapPlan(Schema envelopeSchema, UnwrapSettings settings) {
    envelope = true;
    opField = envelopeSchema.field(Envelope.OP);
    beforeField = envelopeSchema.field(Envelope.BEFORE);
    afterField = envelopeSchema.field(Envelope.AFTER);
    Field rowSource = afterField != null ? afterField : beforeField;
    rowSchema = rowSource == null || rowSource.schema().type() != Schema.Type.STRUCT
        ? null
        : rowSource.schema();
    replaceNullWithDefault = settings.replaceNullWithDefault();

    SchemaBuilder builder = rowSchema == null ? null : Structs.structLike(rowSchema);
    Set<String> names = new HashSet<>();
    if (rowSchema != null) {
      for (Field field : rowSchema.fields()) {
        builder.field(field.name(), field.schema());
        names.add(field.name());
      }
    }
    // __deleted comes right after the row's columns, then the added fields: Debezium's order.
    boolean rewrite = settings.deleteHandling().onDelete() == DeleteHandling.DeleteAction.REWRITE;
    if (rewrite && builder != null) {
      if (!names.add(dev.sluice.transforms.Unwrap.DELETED_FIELD)) {
        throw new DataException(
            "Unwrap cannot add '" + dev.sluice.transforms.Unwrap.DELETED_FIELD
                + "' for delete rewriting: the row of " + Structs.describe(envelopeSchema)
                + " already has a field of that name");
      }
      builder.field(dev.sluice.transforms.Unwrap.DELETED_FIELD, Schema.OPTIONAL_BOOLEAN_SCHEMA);
    }
    List<Source> sources = new ArrayList<>();
    List<String> addedNames = new ArrayList<>();
    for (AddedField reference : settings.addedFields()) {
      Source source = resolve(envelopeSchema, reference);
      if (source == null || builder == null) {
        continue;
      }
      if (!names.add(reference.name())) {
        throw new DataException(
            "Unwrap cannot add '" + reference.name() + "' (add.fields '" + reference.reference()
                + "'): the row of " + Structs.describe(envelopeSchema)
                + " already has a field of that name; rename it with ':newName'");
      }
      builder.field(reference.name(), Structs.optional(source.field().schema()));
      sources.add(source);
      addedNames.add(reference.name());
    }
    copies = builder != null && (!sources.isEmpty() || rewrite);
    List<Added> addedList = new ArrayList<>();
    if (copies) {
      outSchema = builder.build();
      rowFields = rowSchema.fields().toArray(new Field[0]);
      outRowFields = new Field[rowFields.length];
      for (int i = 0; i < rowFields.length; i++) {
        outRowFields[i] = outSchema.field(rowFields[i].name());
      }
      for (int i = 0; i < sources.size(); i++) {
        addedList.add(new Added(sources.get(i), outSchema.field(addedNames.get(i))));
      }
      deletedField = rewrite ? outSchema.field(dev.sluice.transforms.Unwrap.DELETED_FIELD) : null;
    } else {
      outSchema = rowSchema;
      rowFields = outRowFields = new Field[0];
      deletedField = null;
    }
    added = addedList.toArray(new Added[0]);

    List<Header> headerList = new ArrayList<>();
    for (AddedField reference : settings.addedHeaders()) {
      Source source = resolve(envelopeSchema, reference);
      if (source != null) {
        headerList.add(new Header(source, reference.name(), Structs.optional(source.field().schema())));
      }
    }
    headers = headerList.toArray(new Header[0]);
    routeField =
        settings.routeByField() == null || rowSchema == null
            ? null
            : rowSchema.field(settings.routeByField());
  }

  /**
   * The plan for a value schema.
   *
   * @param valueSchema the record's value schema
   * @param settings the transformation's settings
   * @return the plan; {@link #NOT_AN_ENVELOPE} for schemas that are not change events
   */
  static UnwrapPlan build(Schema valueSchema, UnwrapSettings settings) {
    if (valueSchema.type() != Schema.Type.STRUCT || !looksLikeEnvelope(valueSchema)) {
      return NOT_AN_ENVELOPE;
    }
    return new UnwrapPlan(valueSchema, settings);
  }

  /** The same structural test as {@link dev.sluice.event.EnvelopeShape}: op STRING, source STRUCT. */
  private static boolean looksLikeEnvelope(Schema schema) {
    Field op = schema.field(Envelope.OP);
    Field source = schema.field(Envelope.SOURCE);
    return op != null && op.schema().type() == Schema.Type.STRING
        && source != null && source.schema().type() == Schema.Type.STRUCT;
  }

  public boolean isEnvelope() {
    return envelope;
  }

  /** The op code of an envelope value, or null. */
  public String op(Struct value) {
    Object op = value.get(opField);
    return op instanceof String s ? s : null;
  }

  public Struct after(Struct value) {
    return afterField == null ? null : (Struct) value.get(afterField);
  }

  public Struct before(Struct value) {
    return beforeField == null ? null : (Struct) value.get(beforeField);
  }

  /** The output row schema; null when the envelope has no row schema. */
  public Schema outSchema() {
    return outSchema;
  }

  /**
   * The output row for a row of this envelope.
   *
   * @param envelopeValue the event
   * @param row its before or after Struct
   * @param deleted the value of {@code __deleted} in rewrite modes
   * @return the row, the input Struct itself when nothing is added
   */
  public Struct row(Struct envelopeValue, Struct row, boolean deleted) {
    if (!copies) {
      return row;
    }
    Struct out = new Struct(outSchema);
    for (int i = 0; i < rowFields.length; i++) {
      Field field = rowFields[i];
      out.put(outRowFields[i], replaceNullWithDefault ? row.get(field) : Structs.raw(row, field));
    }
    for (Added a : added) {
      out.put(a.out(), a.source().read(envelopeValue));
    }
    if (deletedField != null) {
      out.put(deletedField, deleted);
    }
    return out;
  }

  /** Adds the configured headers to {@code target}; true if there were any. */
  public boolean addHeaders(Struct envelopeValue, Headers target) {
    for (Header header : headers) {
      target.add(header.name(), header.source().read(envelopeValue), header.schema());
    }
    return headers.length > 0;
  }

  /** Whether headers are added. */
  public boolean hasHeaders() {
    return headers.length > 0;
  }

  /** The routing column's value in a row, as a topic, or null. */
  public String routeTopic(Struct row) {
    if (routeField == null || row == null) {
      return null;
    }
    Object value = row.get(routeField);
    return value == null ? null : value.toString();
  }

  private static Source resolve(Schema envelopeSchema, AddedField reference) {
    if (reference.block() == null) {
      Field field = envelopeSchema.field(reference.field());
      return field == null ? null : new Source(null, field);
    }
    Field block = envelopeSchema.field(reference.block());
    if (block == null || block.schema().type() != Schema.Type.STRUCT) {
      return null;
    }
    Field field = block.schema().field(reference.field());
    return field == null ? null : new Source(block, field);
  }
}
