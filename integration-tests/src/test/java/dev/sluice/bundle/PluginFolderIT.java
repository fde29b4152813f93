package dev.sluice.bundle;

import dev.sluice.stack.PluginManifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the plugin folder and ZIP this module built, as a Connect worker and a user would see them.
 * Runs in {@code integration-test}, after {@code package} assembled both; the pom passes the paths.
 */
class PluginFolderIT {

    private static final String NAME = "sluice-kafka-connect";
    private static final List<String> SLUICE_ARTIFACTS = List.of(
            "sluice-change-event", "sluice-source-mysql", "sluice-transforms", "sluice-converters", "sluice-sink-mongo");
    /** Jars the Connect worker brings; a second copy in the plugin's class loader breaks class identity or logging. */
    private static final List<String> WORKER_JAR_PREFIXES = List.of(
            "kafka-clients", "connect-", "slf4j-", "log4j", "reload4j", "logback");
    private static final Set<String> WORKER_GROUP_IDS = Set.of(
            "org.apache.kafka", "org.slf4j", "ch.qos.logback", "ch.qos.reload4j", "org.apache.logging.log4j", "log4j");

    private static String version;
    private static Path folder;
    private static Path zip;
    private static Path workerConfig;

    @BeforeAll
    static void locateBuild() {
        version = required("sluice.bundle.version");
        folder = Paths.get(required("sluice.bundle.pluginFolder"));
        zip = Paths.get(required("sluice.bundle.zip"));
        workerConfig = Paths.get(required("sluice.bundle.workerConfig"));
        assertThat(folder).as("plugin folder").isDirectory();
        assertThat(zip).as("plugin ZIP").isRegularFile();
    }

    @Test
    void manifestNamesThisVersionAndEveryComponentType() throws IOException {
        Path manifest = folder.resolve("manifest.json");
        String text = Files.readString(manifest);
        JsonNode json = new ObjectMapper().readTree(text);

        assertThat(text).as("unfiltered Maven placeholder in manifest.json").doesNotContain("${");
        assertThat(json.path("name").asText()).isEqualTo(NAME);
        assertThat(json.path("version").asText()).isEqualTo(version);
        assertThat(folder.getFileName()).hasToString(NAME + "-" + version);
        assertThat(json.path("title").asText()).isNotBlank();
        assertThat(json.path("description").asText()).startsWith("Sluice: MySQL/MariaDB binlog source");
        assertThat(json.path("owner").path("username").asText()).isNotBlank();
        assertThat(json.path("license").isArray()).as("license is a list").isTrue();
        // Maven appends the artifactId to an inherited project.url; the manifest must name the repository.
        assertThat(json.path("source_url").asText()).startsWith("https://").doesNotContain("sluice-bundle");
        assertThat(texts(json.path("component_types")))
                .containsExactlyInAnyOrder("source", "sink", "transform", "converter");
    }

    @Test
    void libHoldsEverySluiceJar() throws IOException {
        assertThat(libJarNames())
                .containsAll(SLUICE_ARTIFACTS.stream().map(a -> a + "-" + version + ".jar").collect(Collectors.toList()));
    }

    @Test
    void libHoldsNothingTheWorkerProvides() throws IOException {
        assertThat(libJarNames())
                .isNotEmpty()
                .noneMatch(jar -> WORKER_JAR_PREFIXES.stream().anyMatch(jar::startsWith));

        // A renamed or relocated jar still tells its Maven coordinates.
        Map<String, String> groupIds = new TreeMap<>();
        for (Path jar : PluginManifests.jars(folder.resolve("lib"))) {
            groupIdsOf(jar).forEach(g -> groupIds.put(jar.getFileName() + " (" + g + ")", g));
        }
        assertThat(groupIds).allSatisfy((jar, groupId) -> assertThat(WORKER_GROUP_IDS).as(jar).doesNotContain(groupId));
    }

    @Test
    void everyServiceManifestNamesAClassThatIsInLib() throws IOException {
        Map<String, List<String>> plugins = PluginManifests.listPluginClasses(folder);
        Set<String> classEntries = new HashSet<>();
        for (Path jar : PluginManifests.jars(folder.resolve("lib"))) {
            classEntries.addAll(entryNames(jar));
        }

        if (plugins.isEmpty()) {
            System.out.println("[PluginFolderIT] No plugin classes yet: no META-INF/services/org.apache.kafka.connect.*"
                    + " file in " + folder.resolve("lib"));
        }
        List<String> missing = new ArrayList<>();
        plugins.forEach((service, classes) -> {
            System.out.println("[PluginFolderIT] " + service + ":");
            for (String className : classes) {
                System.out.println("[PluginFolderIT]   " + className);
                if (!classEntries.contains(className.replace('.', '/') + ".class")) {
                    missing.add(className + " (listed for " + service + ")");
                }
            }
        });
        assertThat(missing).as("classes named in service manifests but absent from lib/").isEmpty();
    }

    @Test
    void zipHoldsExactlyTheFolderUnderOneTopLevelDirectory() throws IOException {
        String top = folder.getFileName().toString();
        Map<String, Long> inFolder = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile).forEach(f -> inFolder.put(
                    top + "/" + folder.relativize(f).toString().replace('\\', '/'), size(f)));
        }
        Map<String, Long> inZip = new TreeMap<>();
        Set<String> topLevel = new TreeSet<>();
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = zipFile.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                topLevel.add(entry.getName().split("/", 2)[0]);
                if (!entry.isDirectory()) {
                    inZip.put(entry.getName(), entry.getSize());
                }
            }
        }

        assertThat(topLevel).containsExactly(top);
        assertThat(inZip).isEqualTo(inFolder);
    }

    @Test
    void etcHoldsTheDocumentedWorkerConfig() throws IOException {
        assumeTrue(Files.isRegularFile(workerConfig), () -> {
            String reason = "skipped: " + workerConfig.normalize() + " does not exist yet, so etc/ cannot ship it";
            System.out.println("[PluginFolderIT] " + reason);
            return reason;
        });
        Path shipped = folder.resolve("etc/connect-distributed.properties");
        assertThat(shipped).isRegularFile();
        assertThat(Files.mismatch(shipped, workerConfig)).as("byte offset where etc/ copy differs").isEqualTo(-1L);
    }

    private static List<String> libJarNames() throws IOException {
        Path lib = folder.resolve("lib");
        assertThat(lib).isDirectory();
        try (Stream<Path> files = Files.list(lib)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted()
                    .collect(Collectors.toList());
        }
    }

    private static Set<String> entryNames(Path jar) throws IOException {
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            return jarFile.stream().map(ZipEntry::getName).collect(Collectors.toSet());
        }
    }

    private static Set<String> groupIdsOf(Path jar) throws IOException {
        Set<String> groupIds = new TreeSet<>();
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            for (ZipEntry entry : jarFile.stream()
                    .filter(e -> e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties"))
                    .collect(Collectors.toList())) {
                Properties pom = new Properties();
                try (InputStream in = jarFile.getInputStream(entry)) {
                    pom.load(in);
                }
                if (pom.getProperty("groupId") != null) {
                    groupIds.add(pom.getProperty("groupId"));
                }
            }
        }
        return groupIds;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by the bundle pom's failsafe configuration)", property)
                .isNotBlank();
        return value;
    }
}
