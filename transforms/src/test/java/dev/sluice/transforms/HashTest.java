package dev.sluice.transforms;

import static dev.sluice.event.Envelope.Operation.UPDATE;
import static dev.sluice.transforms.Configured.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.transforms.conformance.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashTest {

  static String hmac(String secret, String value) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void hmacSha256HashesBeforeAndAfterIntoHexStrings() throws Exception {
    Hash<SinkRecord> hash = with(new Hash.Value<>(), "fields", "email,id", "secret", "s3cret");

    Struct value = (Struct) hash.apply(Fixtures.sluice(UPDATE)).value();

    for (Struct row : List.of(value.getStruct("before"), value.getStruct("after"))) {
      assertThat(row.getString("email")).isEqualTo(hmac("s3cret", "ada@example.com"));
      assertThat(row.getString("id")).isEqualTo(hmac("s3cret", "1"));
      assertThat(row.getString("name")).isEqualTo("Ada Lovelace");
    }
    Schema row = value.getStruct("after").schema();
    assertThat(row.field("email").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
    assertThat(row.field("id").schema()).as("required stays required").isEqualTo(Schema.STRING_SCHEMA);
  }

  @Test
  void saltedSha256WithBase64() throws Exception {
    Struct after = ((Struct) with(new Hash.Value<>(),
            "fields", "email,price", "algorithm", "sha256", "salt", "pepper", "encoding", "base64")
        .apply(Fixtures.sluice(UPDATE)).value()).getStruct("after");

    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update("pepper".getBytes(StandardCharsets.UTF_8));
    String expected = Base64.getEncoder().encodeToString(
        digest.digest("ada@example.com".getBytes(StandardCharsets.UTF_8)));
    assertThat(after.getString("email")).isEqualTo(expected);
    digest.update("pepper".getBytes(StandardCharsets.UTF_8));
    assertThat(after.getString("price"))
        .as("decimals hash by their plain string")
        .isEqualTo(Base64.getEncoder().encodeToString(digest.digest("12.35".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void equalValuesGiveEqualHashesAcrossRecordsAndShapes() {
    Hash<SinkRecord> hash = with(new Hash.Value<>(), "fields", "email", "secret", "k");

    Object withSchema = ((Struct) ((Struct) hash.apply(Fixtures.sluice(UPDATE)).value()).get("after")).get("email");
    Object schemaless = ((Map<?, ?>) ((Map<?, ?>) hash.apply(Fixtures.schemalessEvent(UPDATE, true)).value())
        .get("after")).get("email");

    assertThat(withSchema).isEqualTo(schemaless);
  }

  @Test
  void theSecretComesFromAConfigProviderAndStaysHidden(@TempDir Path dir) throws Exception {
    Path secrets = dir.resolve("secrets.properties");
    Files.writeString(secrets, "pii.hmac.key=from-the-provider\n");
    ConfigProvider provider = new FileConfigProvider();
    provider.configure(Map.of());
    Map<String, String> raw = Map.of(
        "fields", "email",
        "secret", "${file:" + secrets + ":pii.hmac.key}");
    Map<String, String> resolved =
        new ConfigTransformer(Map.of("file", provider)).transform(raw).data();

    Struct after = ((Struct) with(new Hash.Value<>(), "fields", resolved.get("fields"),
            "secret", resolved.get("secret"))
        .apply(Fixtures.sluice(UPDATE)).value()).getStruct("after");

    assertThat(after.getString("email")).isEqualTo(hmac("from-the-provider", "ada@example.com"));
    assertThat(Hash.CONFIG_DEF.configKeys().get("secret").type).isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(Hash.CONFIG_DEF.configKeys().get("salt").type).isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(new HashConfig(resolved).values().toString()).doesNotContain("from-the-provider");
    provider.close();
  }

  @Test
  void eachAlgorithmNeedsItsSecret() {
    assertThatThrownBy(() -> with(new Hash.Value<>(), "fields", "email"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("secret")
        .hasMessageContaining("hmac-sha256");
    assertThatThrownBy(() -> with(new Hash.Value<>(), "fields", "email", "algorithm", "sha256", "secret", "x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("salt");
    assertThatThrownBy(() -> with(new Hash.Value<>(), "fields", "email", "algorithm", "md5"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sha256, hmac-sha256");
  }

  @Test
  void structsAndArraysCannotBeHashedAsAWhole() {
    assertThatThrownBy(() -> with(new Hash.Value<>(), "fields", "tags", "secret", "k")
            .apply(Fixtures.sluice(UPDATE)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'tags'")
        .hasMessageContaining("ARRAY");
  }

  @Test
  void keyVariantHashesTheKeyAndKeepsOneSchema() {
    Hash<SinkRecord> hash = with(new Hash.Key<>(), "fields", "id", "secret", "k");

    SinkRecord first = hash.apply(Fixtures.sluice(UPDATE));
    SinkRecord second = hash.apply(Fixtures.tombstone());

    assertThat(((Struct) first.key()).getString("id")).hasSize(64);
    assertThat(second.key()).isEqualTo(first.key());
    assertThat(second.keySchema()).isSameAs(first.keySchema());
    assertThat(hash.schemaBuilds()).isEqualTo(1);
  }
}
