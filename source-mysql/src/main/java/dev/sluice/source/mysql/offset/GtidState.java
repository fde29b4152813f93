package dev.sluice.source.mysql.offset;

import com.github.shyiko.mysql.binlog.GtidSet;
import java.util.ArrayList;
import java.util.List;
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
    // toString()'s text, null after an add: the handler asks for it after every transaction.
    private String text;

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
      lastPerDomain.put(domain(gtid), gtid);
      text = null;
    }

    /**
     * Whether {@code text} (a MariaDB replication state) holds a GTID of server id 0. No server
     * with id 0 can serve a replica, so such a GTID was never logged: earlier Sluice versions wrote
     * it into offsets after connecting by binlog position (they took the server id from the
     * library's event data, which leaves it 0 then).
     */
    public static boolean hasServerIdZero(String text) {
      if (text == null || text.isBlank()) {
        return false;
      }
      for (String part : text.split(",")) {
        Matcher m = GTID.matcher(part.trim());
        if (m.matches() && Long.parseLong(m.group(2)) == 0) {
          return true;
        }
      }
      return false;
    }

    /**
     * The domain of a GTID that matches {@link #GTID}, read without a regex (this runs once per
     * transaction).
     */
    private static long domain(String gtid) {
      int first = gtid.indexOf('-');
      int second = first < 0 ? -1 : gtid.indexOf('-', first + 1);
      if (second < 0 || !digits(gtid, 0, first) || !digits(gtid, first + 1, second) || !digits(gtid, second + 1, gtid.length())) {
        throw new IllegalArgumentException("not a MariaDB GTID (domain-server-sequence): '" + gtid + "'");
      }
      return Long.parseLong(gtid, 0, first, 10);
    }

    /** Whether {@code s[from, to)} is one or more ASCII digits, as {@code \\d+} matches them. */
    private static boolean digits(String s, int from, int to) {
      if (from >= to) {
        return false;
      }
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      String t = text;
      if (t == null) {
        t = String.join(",", lastPerDomain.values());
        text = t;
      }
      return t;
    }

    /**
     * Which transactions after this state are no longer in the server's binlogs, given the GTID
     * list that opens the oldest binlog file left (MariaDB writes, at the start of every file, the
     * last GTID of each domain written before it; {@code SHOW BINLOG EVENTS}' {@code Gtid_list}
     * row, e.g. {@code [0-1-100,1-2-7]}). A domain whose listed sequence is beyond this state's
     * (or that this state lacks) had transactions in a purged file.
     *
     * @return one description per domain with purged transactions ({@code "domain 0: after 0-1-90 up to 0-1-100"}); empty when none
     */
    public List<String> purgedBefore(String oldestFileGtidList) {
      List<String> missing = new ArrayList<>();
      String list = oldestFileGtidList == null ? "" : oldestFileGtidList.replace("[", "").replace("]", "").trim();
      if (list.isEmpty()) {
        return missing;
      }
      for (String part : list.split(",")) {
        Matcher listed = GTID.matcher(part.trim());
        if (!listed.matches()) {
          throw new IllegalArgumentException("not a MariaDB GTID list: '" + oldestFileGtidList + "'");
        }
        long domain = Long.parseLong(listed.group(1));
        long listedSeq = Long.parseLong(listed.group(3));
        String have = lastPerDomain.get(domain);
        if (have == null) {
          if (listedSeq > 0) {
            missing.add("domain " + domain + ": everything up to " + part.trim());
          }
          continue;
        }
        Matcher stored = GTID.matcher(have);
        if (stored.matches() && Long.parseLong(stored.group(3)) < listedSeq) {
          missing.add("domain " + domain + ": after " + have + " up to " + part.trim());
        }
      }
      return missing;
    }

    @Override
    public GtidState copy() {
      return new MariaDb(toString());
    }
  }
}
