package dev.sluice.source.mysql.offset;

import com.github.shyiko.mysql.binlog.GtidSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The set of transactions a server has sent so far, in the form the server uses to resume a
 * replica: MySQL's GTID set ({@code uuid:1-10:12,uuid2:1-3}) or MariaDB's replication state (the
 * last GTID per replication domain, {@code 0-1-10,1-2-7}). Mutable; owned by the binlog thread.
 */
public abstract sealed class GtidState permits GtidState.MySql, GtidState.MariaDb {

  /** Adds one completed transaction, in the server's text form of a single GTID. */
  public abstract void add(String gtid);

  /** The text a replica sends to resume right after everything added so far. */
  @Override
  public abstract String toString();

  public abstract GtidState copy();

  public static GtidState parse(String text, boolean mariaDb) {
    return mariaDb ? new MariaDb(text) : new MySql(text);
  }

  /** MySQL: a set of UUID intervals, maintained by the binlog client's own {@link GtidSet}. */
  public static final class MySql extends GtidState {
    private final GtidSet set;

    public MySql(String text) {
      this.set = new GtidSet(text == null ? "" : text.replace("\n", ""));
    }

    @Override
    public void add(String gtid) {
      set.add(gtid);
    }

    @Override
    public String toString() {
      return set.toString();
    }

    @Override
    public GtidState copy() {
      return new MySql(toString());
    }
  }

  /** MariaDB: {@code domain-server-sequence} of the last transaction per replication domain. */
  public static final class MariaDb extends GtidState {
    private static final Pattern GTID = Pattern.compile("(\\d+)-(\\d+)-(\\d+)");
    private final Map<Long, String> lastPerDomain = new TreeMap<>();

    public MariaDb(String text) {
      if (text == null || text.isBlank()) {
        return;
      }
      for (String part : text.split(",")) {
        add(part.trim());
      }
    }

    @Override
    public void add(String gtid) {
      Matcher m = GTID.matcher(gtid);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a MariaDB GTID (domain-server-sequence): '" + gtid + "'");
      }
      lastPerDomain.put(Long.parseLong(m.group(1)), gtid);
    }

    @Override
    public String toString() {
      return String.join(",", lastPerDomain.values());
    }

    @Override
    public GtidState copy() {
      return new MariaDb(toString());
    }
  }
}
