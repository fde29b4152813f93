package dev.sluice.transforms.row;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configured field paths of one transformation, merged into a tree so that a struct is
 * rewritten in a single pass however many paths point into it.
 *
 * <p>Each node stands for a field name at one depth and may carry a {@link FieldOp} for that
 * field. Paths given to {@link #keep(FieldPath)} turn a node into a whitelist: the fields of the
 * struct it stands for that are not kept are dropped. Built once in {@code configure()}; read-only
 * afterwards.
 */
public final class PathTree {

  private final Map<String, PathTree> children = new LinkedHashMap<>();
  private final String path;
  private FieldOp op;
  private boolean keepWhole;
  private boolean onKeepPath;

  /** An empty tree: rewriting with it changes nothing. */
  public PathTree() {
    this("");
  }

  private PathTree(String path) {
    this.path = path;
  }

  /**
   * Puts an operation at the end of a path.
   *
   * @param fieldPath where
   * @param fieldOp what
   * @return this tree
   * @throws IllegalArgumentException if the path already has an operation, or if a field is
   *     dropped while an operation is set below it
   */
  public PathTree add(FieldPath fieldPath, FieldOp fieldOp) {
    PathTree node = this;
    for (String segment : fieldPath.segments()) {
      if (node.op instanceof FieldOp.Drop) {
        throw new IllegalArgumentException(
            "'" + fieldPath + "' is inside '" + node.path + "', which is dropped");
      }
      node = node.child(segment);
    }
    if (node.op != null) {
      throw new IllegalArgumentException(
          "'" + fieldPath + "' appears twice (" + describe(node.op) + " and " + describe(fieldOp) + ")");
    }
    if (fieldOp instanceof FieldOp.Drop && !node.children.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + fieldPath + "' is dropped, but settings also name fields inside it");
    }
    if (fieldOp instanceof FieldOp.Convert && !node.children.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + fieldPath + "' is converted as a whole, but settings also name fields inside it");
    }
    node.op = fieldOp;
    return this;
  }

  /**
   * Keeps a path: at every struct on the way only the named fields survive; the field at the end
   * is kept whole (unless other operations name fields inside it).
   *
   * @param fieldPath the path to keep
   * @return this tree
   */
  public PathTree keep(FieldPath fieldPath) {
    PathTree node = this;
    node.onKeepPath = true;
    for (String segment : fieldPath.segments()) {
      node = node.child(segment);
      node.onKeepPath = true;
    }
    node.keepWhole = true;
    return this;
  }

  /**
   * Checks the tree after all paths were added.
   *
   * @throws IllegalArgumentException when an operation names a field that keep drops
   */
  public PathTree validate() {
    boolean keepOnly = keepOnly();
    for (PathTree child : children.values()) {
      if (keepOnly && !child.isKept() && child.changesSomething()) {
        throw new IllegalArgumentException(
            "'" + child.path + "' is not among the kept fields, so it is dropped and cannot also be"
                + " renamed or converted (or have fields inside it renamed or converted)");
      }
      child.validate();
    }
    return this;
  }

  private boolean changesSomething() {
    if (op != null && !(op instanceof FieldOp.Drop)) {
      return true;
    }
    for (PathTree child : children.values()) {
      if (child.changesSomething()) {
        return true;
      }
    }
    return false;
  }

  /** True when nothing is configured. */
  public boolean isEmpty() {
    return children.isEmpty() && op == null && !onKeepPath;
  }

  /** The children by field name. */
  public Map<String, PathTree> children() {
    return Collections.unmodifiableMap(children);
  }

  /** The child for a field name, or null. */
  public PathTree get(String name) {
    return children.get(name);
  }

  /** The operation on this node's field, or null. */
  public FieldOp op() {
    return op;
  }

  /** The dotted path of this node, for error messages; empty for the root. */
  public String path() {
    return path;
  }

  /** Whether the struct this node stands for drops the fields that are not kept. */
  public boolean keepOnly() {
    return onKeepPath && !keepWhole;
  }

  /** Whether this node's field survives its parent's whitelist. */
  public boolean isKept() {
    return onKeepPath || keepWhole;
  }

  /** Whether rewriting must look inside this node's field. */
  public boolean descends() {
    return !children.isEmpty() || keepOnly();
  }

  /**
   * A tree whose {@code before} and {@code after} nodes apply this tree to the rows of a change
   * event; the envelope's other fields are copied.
   */
  public PathTree forEnvelopeRows(String... rowFields) {
    PathTree envelope = new PathTree("");
    for (String rowField : rowFields) {
      envelope.children.put(rowField, this);
    }
    return envelope;
  }

  private PathTree child(String segment) {
    return children.computeIfAbsent(
        segment,
        s -> new PathTree(path.isEmpty() ? escape(s) : path + "." + escape(s)));
  }

  private static String escape(String segment) {
    return new FieldPath(java.util.List.of(segment)).toString();
  }

  private static String describe(FieldOp op) {
    if (op instanceof FieldOp.Drop) {
      return "drop";
    }
    if (op instanceof FieldOp.Rename rename) {
      return "rename to '" + rename.newName() + "'";
    }
    return "convert";
  }
}
