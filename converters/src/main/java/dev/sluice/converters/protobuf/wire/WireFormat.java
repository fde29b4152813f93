package dev.sluice.converters.protobuf.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The framing of a Protobuf record value as Confluent's serializers write it, which every
 * ecosystem deserializer reads:
 *
 * <pre>
 *   byte 0      magic byte 0
 *   bytes 1-4   schema id, 32-bit big-endian
 *   then        message indexes: the path from the file to the message, as a count followed by the
 *               indexes, each a zig-zag varint; the common path [0] is written as the single byte 0
 *   then        the Protobuf message
 * </pre>
 *
 * Apicurio's serializers (default configuration) write the same first five bytes (with a 4-byte
 * content id) followed by a length-delimited {@code Ref { string name = 1; }} naming the message
 * instead of the indexes; {@link #read} recognizes both.
 */
public final class WireFormat {
  /** The magic byte. */
  public static final byte MAGIC = 0;
  /** Magic byte plus schema id. */
  public static final int HEADER_SIZE = 5;
  private static final int MAX_INDEXES = 100;

  private WireFormat() {}

  /** How records are framed when read. */
  public enum Framing {
    /** Confluent's framing only. */
    CONFLUENT,
    /** Apicurio's default framing only. */
    APICURIO,
    /** Either; Confluent's when both readings are possible and the schema has the indexed message. */
    AUTO
  }

  /**
   * The header of a record written with a schema id and message indexes.
   *
   * @param schemaId the registry id
   * @param messageIndexes path of the message in its file, e.g. [0] for the first top-level message
   * @return magic byte, id and the encoded indexes
   */
  public static byte[] header(int schemaId, List<Integer> messageIndexes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8);
    out.write(MAGIC);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
    byte[] indexes = messageIndexes(messageIndexes);
    out.write(indexes, 0, indexes.length);
    return out.toByteArray();
  }

  /** The message-index encoding: {@code [0]} is the single byte 0, else count and indexes as zig-zag varints. */
  public static byte[] messageIndexes(List<Integer> indexes) {
    if (indexes.size() == 1 && indexes.get(0) == 0) {
      return new byte[] {0};
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeVarint(out, zigZag(indexes.size()));
    for (int i : indexes) {
      if (i < 0) {
        throw new IllegalArgumentException("message index " + i + " is negative");
      }
      writeVarint(out, zigZag(i));
    }
    return out.toByteArray();
  }

  private static int zigZag(int n) {
    return (n << 1) ^ (n >> 31);
  }

  private static int unZigZag(int n) {
    return (n >>> 1) ^ -(n & 1);
  }

  private static void writeVarint(ByteArrayOutputStream out, int v) {
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  /**
   * A parsed header. At least one reading is present: {@link #messageIndexes} with
   * {@link #indexesEnd} (Confluent), or {@link #messageName} with {@link #nameEnd} (Apicurio).
   *
   * @param schemaId the schema id
   * @param messageIndexes the Confluent message path, or null if the bytes cannot be Confluent's
   * @param indexesEnd where the message starts under the Confluent reading
   * @param messageName the message named by Apicurio's Ref, or null if the bytes cannot be Apicurio's
   * @param nameEnd where the message starts under the Apicurio reading
   */
  public record Header(int schemaId, List<Integer> messageIndexes, int indexesEnd, String messageName, int nameEnd) {}

  /**
   * Parses the header of a record value.
   *
   * @throws WireFormatException naming what is wrong (too short, wrong magic byte, bad indexes)
   */
  public static Header read(byte[] data, Framing framing) {
    if (data.length < HEADER_SIZE) {
      throw new WireFormatException("the value has " + data.length + " bytes, fewer than the " + HEADER_SIZE
          + " of the magic byte and schema id");
    }
    if (data[0] != MAGIC) {
      throw new WireFormatException("unknown magic byte " + data[0] + " (expected 0): the value was not written by a schema-registry serializer");
    }
    int id = ((data[1] & 0xFF) << 24) | ((data[2] & 0xFF) << 16) | ((data[3] & 0xFF) << 8) | (data[4] & 0xFF);
    return readAfterId(data, HEADER_SIZE, id, framing);
  }

  /** Parses what follows the schema id (also used when the id comes from a record header). */
  public static Header readAfterId(byte[] data, int offset, int id, Framing framing) {
    String confluentProblem = null;
    List<Integer> indexes = null;
    int indexesEnd = -1;
    if (framing != Framing.APICURIO) {
      int[] pos = {offset};
      try {
        indexes = readIndexes(data, pos);
        indexesEnd = pos[0];
      } catch (WireFormatException e) {
        confluentProblem = e.getMessage();
      }
    }
    String name = null;
    int nameEnd = -1;
    String apicurioProblem = null;
    if (framing != Framing.CONFLUENT && !(indexes != null && indexes.size() == 1 && indexes.get(0) == 0 && data.length > offset && data[offset] == 0)) {
      int[] pos = {offset};
      try {
        name = readRef(data, pos);
        nameEnd = pos[0];
      } catch (WireFormatException e) {
        apicurioProblem = e.getMessage();
      }
    }
    if (indexes == null && name == null) {
      throw new WireFormatException(framing == Framing.APICURIO ? apicurioProblem
          : framing == Framing.CONFLUENT ? confluentProblem
          : confluentProblem + "; not Apicurio's framing either: " + apicurioProblem);
    }
    return new Header(id, indexes, indexesEnd, name, nameEnd);
  }

  private static List<Integer> readIndexes(byte[] data, int[] pos) {
    int count = unZigZag(readVarint(data, pos, "message-index count"));
    if (count == 0) {
      return List.of(0);
    }
    if (count < 0 || count > MAX_INDEXES) {
      throw new WireFormatException("message-index count " + count + " is not between 0 and " + MAX_INDEXES);
    }
    List<Integer> indexes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int index = unZigZag(readVarint(data, pos, "message index"));
      if (index < 0) {
        throw new WireFormatException("message index " + index + " is negative");
      }
      indexes.add(index);
    }
    return indexes;
  }

  private static String readRef(byte[] data, int[] pos) {
    int len = readVarint(data, pos, "Apicurio type reference length");
    int start = pos[0];
    if (len < 3 || len > data.length - start) {
      throw new WireFormatException("Apicurio type reference length " + len + " does not fit the value");
    }
    if (data[start] != 0x0A) {
      throw new WireFormatException("Apicurio type reference does not start with its name field");
    }
    int[] p = {start + 1};
    int nameLen = readVarint(data, p, "Apicurio type name length");
    if (nameLen < 1 || p[0] + nameLen != start + len) {
      throw new WireFormatException("Apicurio type name length " + nameLen + " does not fit its reference");
    }
    String name = new String(data, p[0], nameLen, StandardCharsets.UTF_8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
        throw new WireFormatException("Apicurio type name '" + name + "' is not a message name");
      }
    }
    pos[0] = start + len;
    return name;
  }

  private static int readVarint(byte[] data, int[] pos, String what) {
    int result = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      if (pos[0] >= data.length) {
        throw new WireFormatException("the value ends inside the " + what);
      }
      byte b = data[pos[0]++];
      result |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new WireFormatException("the " + what + " is not a valid varint");
  }
}
