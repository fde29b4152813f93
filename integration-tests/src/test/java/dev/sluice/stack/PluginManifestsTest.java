package dev.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginManifestsTest {

    @TempDir
    Path folder;

    @Test
    void listsConnectPluginServicesOfEveryJarBelowTheFolderSortedAndDeduplicated() throws IOException {
        jar(folder.resolve("lib/a.jar"), Map.of(
                "META-INF/services/org.apache.kafka.connect.sink.SinkConnector",
                "# providers\n\n  com.example.ZSink  # trailing comment\ncom.example.ASink\n",
                "META-INF/services/org.apache.kafka.connect.transforms.Transformation",
                "com.example.Mask$Value\n"));
        jar(folder.resolve("lib/nested/b.jar"), Map.of(
                "META-INF/services/org.apache.kafka.connect.sink.SinkConnector", "com.example.ASink\n",
                "META-INF/services/org.apache.kafka.common.config.provider.ConfigProvider", "com.example.Vault\n"));

        assertThat(PluginManifests.listPluginClasses(folder)).containsExactly(
                entry("org.apache.kafka.common.config.provider.ConfigProvider", List.of("com.example.Vault")),
                entry("org.apache.kafka.connect.sink.SinkConnector", List.of("com.example.ASink", "com.example.ZSink")),
                entry("org.apache.kafka.connect.transforms.Transformation", List.of("com.example.Mask$Value")));
    }

    @Test
    void ignoresServiceFilesOfOtherInterfacesAndFilesThatAreNotJars() throws IOException {
        jar(folder.resolve("lib/c.jar"), Map.of(
                "META-INF/services/java.sql.Driver", "org.mariadb.jdbc.Driver\n",
                "META-INF/services/org.apache.kafka.connect.nested/not.a.Service", "com.example.X\n"));
        Files.writeString(folder.resolve("lib/notes.txt"), "not a jar");

        assertThat(PluginManifests.listPluginClasses(folder)).isEmpty();
    }

    private static void jar(Path path, Map<String, String> entries) throws IOException {
        Files.createDirectories(path.getParent());
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
    }
}
