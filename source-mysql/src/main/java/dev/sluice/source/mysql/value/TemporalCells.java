package dev.sluice.source.mysql.value;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;

/**
 * Exact decoding of the binlog's temporal and YEAR cells, following the server's own storage
 * formats (MySQL 5.6+ "v2" formats, which MariaDB also writes by default, and the older ones). The
 * client library's built-in decoding drops the sign of negative TIME values, reads YEAR 0000 as
 * 1900 and maps zero dates to one sentinel; these decoders keep every stored value.
 */
final class TemporalCells {
  private static final long TIMEF_INT_OFS = 0x800000L;
  private static final long TIMEF_OFS = 0x800000000000L;
  private static final long DATETIMEF_INT_OFS = 0x8000000000L;

  private TemporalCells() {
  }

  /** Whether {@link #decode} handles this column type. */
  static boolean handles(ColumnType type) {
    return switch (type) {
      case DATE, TIME, TIME_V2, DATETIME, DATETIME_V2, TIMESTAMP, TIMESTAMP_V2, YEAR -> true;
      default -> false;
    };
  }

  static Serializable decode(ColumnType type, int meta, ByteArrayInputStream in) throws IOException {
    return switch (type) {
      case DATE -> date(in.readInteger(3));
      case TIME -> timeV1(in.readInteger(3));
      case TIME_V2 -> timeV2(in.read(3 + fractionBytes(meta)), meta);
      case DATETIME -> datetimeV1(in.readLong(8));
      case DATETIME_V2 -> datetimeV2(in.read(5 + fractionBytes(meta)), meta);
      case TIMESTAMP -> new MysqlTimestamp(in.readLong(4), 0);
      case TIMESTAMP_V2 -> timestampV2(in.read(4 + fractionBytes(meta)), meta);
      case YEAR -> year(in.readInteger(1));
      default -> throw new IllegalArgumentException("not a temporal column type: " + type);
    };
  }

  static int fractionBytes(int fsp) {
    if (fsp < 0 || fsp > 6) {
      throw new IllegalArgumentException("fractional seconds precision " + fsp + " is outside 0..6");
    }
    return (fsp + 1) / 2;
  }

  /** DATE: 3 bytes little-endian, day in bits 0-4, month in bits 5-8, year above. */
  static MysqlDate date(int packed) {
    return new MysqlDate(packed >>> 9, (packed >>> 5) & 0x0F, packed & 0x1F);
  }

  /** YEAR: one byte, 0 for the year 0000, else the offset from 1900. */
  static Integer year(int stored) {
    return stored == 0 ? 0 : 1900 + stored;
  }

  /** Pre-5.6 TIME: a signed 3-byte integer HHMMSS. */
  static MysqlTime timeV1(int unsigned24) {
    int value = (unsigned24 << 8) >> 8;
    long abs = Math.abs((long) value);
    long seconds = (abs / 10_000) * 3600 + ((abs / 100) % 100) * 60 + abs % 100;
    long micros = seconds * 1_000_000L;
    return new MysqlTime(value < 0 ? -micros : micros);
  }

  /** 5.6+ TIME: 3 bytes big-endian with an offset, then 0-3 bytes of fraction; see the server's my_time_packed_from_binary. */
  static MysqlTime timeV2(byte[] b, int fsp) {
    long intPart = bigEndian(b, 0, 3) - TIMEF_INT_OFS;
    long packed;
    switch (fsp) {
      case 1, 2 -> {
        long frac = b[3] & 0xFF;
        if (intPart < 0 && frac != 0) {
          intPart++;
          frac -= 0x100;
        }
        packed = (intPart << 24) + frac * 10_000;
      }
      case 3, 4 -> {
        long frac = bigEndian(b, 3, 2);
        if (intPart < 0 && frac != 0) {
          intPart++;
          frac -= 0x10000;
        }
        packed = (intPart << 24) + frac * 100;
      }
      case 5, 6 -> packed = bigEndian(b, 0, 6) - TIMEF_OFS;
      default -> packed = intPart << 24;
    }
    boolean negative = packed < 0;
    long abs = Math.abs(packed);
    long hms = abs >> 24;
    long hours = (hms >> 12) % (1 << 10);
    long minutes = (hms >> 6) % (1 << 6);
    long seconds = hms % (1 << 6);
    long micros = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000L + abs % (1 << 24);
    return new MysqlTime(negative ? -micros : micros);
  }

  /** Pre-5.6 DATETIME: an 8-byte integer YYYYMMDDhhmmss. */
  static MysqlDateTime datetimeV1(long value) {
    long date = value / 1_000_000L;
    long time = value % 1_000_000L;
    return new MysqlDateTime((int) (date / 10_000), (int) ((date / 100) % 100), (int) (date % 100), (int) (time / 10_000),
        (int) ((time / 100) % 100), (int) (time % 100), 0);
  }

  /** 5.6+ DATETIME: 5 bytes big-endian with an offset, then 0-3 bytes of fraction; see my_datetime_packed_from_binary. */
  static MysqlDateTime datetimeV2(byte[] b, int fsp) {
    long intPart = bigEndian(b, 0, 5) - DATETIMEF_INT_OFS;
    long frac = switch (fsp) {
      case 1, 2 -> b[5] * 10_000L;
      case 3, 4 -> (short) bigEndian(b, 5, 2) * 100L;
      case 5, 6 -> (bigEndian(b, 5, 3) << 40) >> 40;
      default -> 0;
    };
    long packed = (intPart << 24) + frac;
    long abs = Math.abs(packed);
    long micros = abs % (1 << 24);
    long ymdhms = abs >> 24;
    long ymd = ymdhms >> 17;
    long ym = ymd >> 5;
    long hms = ymdhms % (1 << 17);
    return new MysqlDateTime((int) (ym / 13), (int) (ym % 13), (int) (ymd % (1 << 5)), (int) (hms >> 12), (int) ((hms >> 6) % (1 << 6)),
        (int) (hms % (1 << 6)), (int) micros);
  }

  /** 5.6+ TIMESTAMP: 4 bytes big-endian seconds, then 0-3 bytes of fraction. */
  static MysqlTimestamp timestampV2(byte[] b, int fsp) {
    long seconds = bigEndian(b, 0, 4);
    long micros = switch (fsp) {
      case 1, 2 -> (b[4] & 0xFF) * 10_000L;
      case 3, 4 -> bigEndian(b, 4, 2) * 100L;
      case 5, 6 -> bigEndian(b, 4, 3);
      default -> 0;
    };
    return new MysqlTimestamp(seconds, (int) micros);
  }

  private static long bigEndian(byte[] b, int offset, int length) {
    long v = 0;
    for (int i = offset; i < offset + length; i++) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }
}
