package dev.sluice.transforms.conversion;

import dev.sluice.transforms.row.Structs;
import dev.sluice.transforms.row.ValueConversion;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Replaces a value with a hash of it, as a string: salted SHA-256 or HMAC-SHA256, hex or Base64.
 *
 * <p>What is hashed: strings as UTF-8, byte arrays as they are, decimals by their plain string
 * form ({@code 12.50}), dates and timestamps by their epoch milliseconds in decimal, other numbers
 * and booleans by their string form. Equal values always give equal hashes, so hashed columns
 * still join and group. Structs, arrays and maps are refused: hash the fields inside them.
 */
public final class HashConversion implements ValueConversion {

  /** How the hash bytes are written. */
  public enum Encoding {
    /** Lower-case hexadecimal. */
    HEX,
    /** Standard Base64 with padding. */
    BASE64
  }

  private static final HexFormat HEX = HexFormat.of();

  private final HashAlgorithm algorithm;
  private final byte[] key;
  private final Encoding encoding;
  private final ThreadLocal<MessageDigest> digests;
  private final ThreadLocal<Mac> macs;

  /**
   * A hash.
   *
   * @param algorithm the function
   * @param key the salt (SHA-256) or the secret (HMAC); for HMAC at least one byte
   * @param encoding how to write the result
   */
  public HashConversion(HashAlgorithm algorithm, byte[] key, Encoding encoding) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.key = Objects.requireNonNull(key, "key").clone();
    this.encoding = Objects.requireNonNull(encoding, "encoding");
    if (algorithm == HashAlgorithm.HMAC_SHA256 && key.length == 0) {
      throw new IllegalArgumentException("HMAC needs a non-empty secret");
    }
    this.digests = ThreadLocal.withInitial(HashConversion::sha256);
    this.macs = ThreadLocal.withInitial(this::hmac);
    // Fail in configure(), not on the first record, if the JVM lacks an algorithm.
    if (algorithm == HashAlgorithm.SHA256) {
      digests.get();
    } else {
      macs.get();
    }
  }

  @Override
  public Planned plan(Schema input, String path) {
    switch (input.type()) {
      case STRUCT, ARRAY, MAP ->
          throw new DataException(
              "Hash cannot hash '" + path + "' as a whole because it is a " + Structs.describe(input)
                  + "; list the fields inside it");
      default -> {
        Schema out = Structs.primitiveLike(Schema.Type.STRING, input).build();
        return new Planned(out, value -> hash(value, path));
      }
    }
  }

  @Override
  public Object convertSchemaless(Object value, String path) {
    return hash(value, path);
  }

  /**
   * The hash of one value.
   *
   * @param value a non-null value of a supported type
   * @param path the field, for error messages
   * @return the encoded hash
   */
  public String hash(Object value, String path) {
    byte[] input = bytesOf(value, path);
    byte[] hash;
    if (algorithm == HashAlgorithm.SHA256) {
      MessageDigest digest = digests.get();
      digest.update(key);
      hash = digest.digest(input);
    } else {
      hash = macs.get().doFinal(input);
    }
    return encoding == Encoding.HEX ? HEX.formatHex(hash) : Base64.getEncoder().encodeToString(hash);
  }

  private static byte[] bytesOf(Object value, String path) {
    if (value instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer view = buffer.duplicate();
      byte[] bytes = new byte[view.remaining()];
      view.get(bytes);
      return bytes;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString().getBytes(StandardCharsets.UTF_8);
    }
    if (value instanceof Date date) {
      return Long.toString(date.getTime()).getBytes(StandardCharsets.UTF_8);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString().getBytes(StandardCharsets.UTF_8);
    }
    throw new DataException(
        "Hash cannot hash '" + path + "' holding a " + value.getClass().getName()
            + "; it hashes strings, bytes, numbers, booleans, decimals and dates");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JVM offers no SHA-256", e);
    }
  }

  private Mac hmac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JVM offers no HmacSHA256", e);
    }
  }
}
