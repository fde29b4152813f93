package dev.sluice.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Reads the Kafka Connect plugin service manifests (KIP-898, {@code plugin.discovery=service_load})
 * of a plugin folder: which plugin classes a worker would find there.
 *
 * <p>Plain JDK on purpose, so other modules (the integration tests) can copy it without taking
 * on dependencies. Like the worker, it looks at every jar anywhere below the plugin folder.
 */
public final class PluginManifests {

    private static final String SERVICES_DIR = "META-INF/services/";
    /** Every Connect plugin interface lives below this package ... */
    private static final String CONNECT_PACKAGE = "org.apache.kafka.connect.";
    /** ... except this one, which Connect also loads from plugin.path. */
    private static final String CONFIG_PROVIDER = "org.apache.kafka.common.config.provider.ConfigProvider";

    private PluginManifests() {
    }

    /**
     * Lists the plugin classes named in the service manifests of the jars in a plugin folder.
     *
     * @param pluginFolder one plugin folder (e.g. {@code sluice-kafka-connect-<version>/}), not the
     *                     {@code plugin.path} directory above it
     * @return service interface -> class names listed for it, both sorted; a class listed in more
     *         than one jar appears once
     */
    public static Map<String, List<String>> listPluginClasses(Path pluginFolder) throws IOException {
        Map<String, Set<String>> found = new TreeMap<>();
        for (Path jar : jars(pluginFolder)) {
            try (JarFile jarFile = new JarFile(jar.toFile())) {
                Enumeration<? extends ZipEntry> entries = jarFile.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    String service = pluginServiceOf(entry);
                    if (service == null) {
                        continue;
                    }
                    try (InputStream in = jarFile.getInputStream(entry)) {
                        found.computeIfAbsent(service, s -> new TreeSet<>())
                                .addAll(parseServiceFile(new InputStreamReader(in, StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        Map<String, List<String>> result = new TreeMap<>();
        found.forEach((service, classes) -> result.put(service, List.copyOf(classes)));
        return result;
    }

    /** Every {@code *.jar} anywhere below {@code folder}, sorted by path. */
    public static List<Path> jars(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** The service interface a jar entry declares providers for, or null if it is no Connect plugin service file. */
    static String pluginServiceOf(ZipEntry entry) {
        String name = entry.getName();
        if (entry.isDirectory() || !name.startsWith(SERVICES_DIR)) {
            return null;
        }
        String service = name.substring(SERVICES_DIR.length());
        if (service.contains("/")) {
            return null;
        }
        return service.startsWith(CONNECT_PACKAGE) || service.equals(CONFIG_PROVIDER) ? service : null;
    }

    /** Provider class names per {@link java.util.ServiceLoader}'s file format: '#' starts a comment, blank lines ignored. */
    static List<String> parseServiceFile(Reader reader) throws IOException {
        List<String> classes = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(reader)) {
            String line;
            while ((line = lines.readLine()) != null) {
                int comment = line.indexOf('#');
                String className = (comment >= 0 ? line.substring(0, comment) : line).strip();
                if (!className.isEmpty()) {
                    classes.add(className);
                }
            }
        }
        return classes;
    }
}
