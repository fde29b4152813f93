package dev.sluice.converters.protobuf.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable fingerprints of schemas: SHA-256 of the text and references; ids are its first 31 bits. */
public final class SchemaFingerprint {
  private SchemaFingerprint() {}

  /** SHA-256 of the schema text and its references, hex. */
  public static String of(SchemaText schema) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(schema.schema().getBytes(StandardCharsets.UTF_8));
      for (SchemaReference r : schema.references()) {
        sha.update((byte) 0);
        sha.update((r.name() + "\u0000" + r.subject() + "\u0000" + r.version()).getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** The id of a fingerprint: its first 31 bits, never 0. */
  public static int id(String fingerprint) {
    int id = (int) (Long.parseLong(fingerprint.substring(0, 8), 16) & 0x7FFF_FFFFL);
    return id == 0 ? 1 : id;
  }
}
