package dev.sluice.transforms.predicates;

import dev.sluice.event.Envelope.Operation;
import dev.sluice.transforms.util.ConfigValidators;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/** Configuration of {@link OperationIs}. */
public final class OperationIsConfig extends AbstractConfig {

  /** Setting: the operations that match. */
  public static final String OPERATIONS_CONFIG = "operations";
  /**
   * Doc of {@value #OPERATIONS_CONFIG}: the operation codes that make the predicate true, with what
   * each code means.
   */
  public static final String OPERATIONS_DOC =
      "Comma-separated list of operation codes; a change event matches when its 'op' is one of them."
          + " Codes: c (create/insert), u (update), d (delete), r (read by a snapshot),"
          + " t (truncate). At least one is required. Tombstones and values that are not change"
          + " events never match.";
  /** Display name of {@value #OPERATIONS_CONFIG}. */
  public static final String OPERATIONS_DISPLAY = "Operations";

  private static final String GROUP = "Operation";

  /** The definition, shared with {@link OperationIs#CONFIG_DEF}. */
  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              OPERATIONS_CONFIG,
              ConfigDef.Type.LIST,
              ConfigDef.NO_DEFAULT_VALUE,
              ConfigValidators.nonEmptyListOf(Operation::parse, Operation.validCodes()),
              ConfigDef.Importance.HIGH,
              OPERATIONS_DOC,
              GROUP,
              1,
              ConfigDef.Width.SHORT,
              OPERATIONS_DISPLAY);

  private final Set<Operation> operations;

  /**
   * Parses and validates the settings.
   *
   * @param props the predicate's settings
   * @throws org.apache.kafka.common.config.ConfigException naming the bad setting
   */
  public OperationIsConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    EnumSet<Operation> parsed = EnumSet.noneOf(Operation.class);
    for (String code : getList(OPERATIONS_CONFIG)) {
      parsed.add(Operation.parse(code));
    }
    this.operations = Collections.unmodifiableSet(parsed);
  }

  /** The operations that match; never empty. */
  public Set<Operation> operations() {
    return operations;
  }
}
