package dev.sluice.event.testsupport;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Checks a module's Connect plugins against the contract workers rely on with {@code
 * plugin.discovery=service_load} (KIP-898), and against Sluice's house rules.
 *
 * <p>Each plugin listed in {@code META-INF/services} must be a public, concrete, top-level or
 * static nested class with a public no-arg constructor, implement the service type and {@link
 * Versioned} with a non-blank {@code version()}, and return a {@code config()} with at least one
 * setting. Conversely every concrete plugin class compiled into the module must be listed, so the
 * service files never fall behind the code (no hand-maintained lists elsewhere).
 *
 * <p>Connectors are listed under their KIP-898 service types, {@code SinkConnector} and
 * {@code SourceConnector} (not {@code Connector}). Shared by every plugin module through
 * change-event's test jar: create it
 * with {@link #forClassesOf(Class)} on any main class of the module and assert that {@link
 * #violations(Class, Class)}, {@link #unlisted()} and {@link #listedButNotCompiled()} are empty.
 */
public final class PluginContract {

  /** The service files Connect reads, keyed by file name, with the type each one lists. */
  public static final Map<String, Class<?>> SERVICE_TYPES = serviceTypes();

  private final Path classesDir;
  private final ClassLoader loader;

  /**
   * A checker for the module whose compiled classes directory holds {@code mainClass}.
   *
   * @param mainClass any class of the module's main sources
   * @return the checker
   * @throws IllegalStateException if the class was not loaded from a directory (e.g. from a jar)
   */
  public static PluginContract forClassesOf(Class<?> mainClass) {
    CodeSource codeSource = mainClass.getProtectionDomain().getCodeSource();
    if (codeSource == null) {
      throw new IllegalStateException(mainClass + " has no code source");
    }
    Path location;
    try {
      location = Path.of(codeSource.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the classes of " + mainClass, e);
    }
    if (!Files.isDirectory(location)) {
      throw new IllegalStateException(
          mainClass + " was loaded from " + location + ", not from a classes directory");
    }
    return new PluginContract(location, mainClass.getClassLoader());
  }

  /**
   * A checker for a classes directory.
   *
   * @param classesDir the module's compiled main classes, e.g. {@code target/classes}
   * @param loader a class loader that can load those classes
   */
  public PluginContract(Path classesDir, ClassLoader loader) {
    this.classesDir = classesDir;
    this.loader = loader;
  }

  /** The directory being checked. */
  public Path classesDir() {
    return classesDir;
  }

  /**
   * The class names each present service file lists, by service type, in file order.
   *
   * @return service type to listed class names; types without a file are absent
   */
  public Map<Class<?>, List<String>> listed() throws IOException {
    Map<Class<?>, List<String>> listed = new LinkedHashMap<>();
    for (Map.Entry<String, Class<?>> entry : SERVICE_TYPES.entrySet()) {
      Path file = classesDir.resolve("META-INF/services").resolve(entry.getKey());
      if (Files.isRegularFile(file)) {
        listed.put(entry.getValue(), parseServiceFile(file));
      }
    }
    return listed;
  }

  /**
   * The concrete classes under the classes directory that implement a service type, by type.
   *
   * @return service type to binary class names; types without implementations are absent
   */
  public Map<Class<?>, Set<String>> compiled() throws IOException {
    Map<Class<?>, Set<String>> compiled = new LinkedHashMap<>();
    for (String name : classNames()) {
      Class<?> type = load(name);
      if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
        continue;
      }
      for (Class<?> serviceType : SERVICE_TYPES.values()) {
        if (serviceType.isAssignableFrom(type)) {
          compiled.computeIfAbsent(serviceType, t -> new TreeSet<>()).add(name);
        }
      }
    }
    return compiled;
  }

  /** Concrete plugin classes missing from their service file, as "type: class" lines. */
  public List<String> unlisted() throws IOException {
    return difference(compiled(), listed());
  }

  /** Service file entries without a concrete plugin class in this module, as "type: class" lines. */
  public List<String> listedButNotCompiled() throws IOException {
    return difference(listed(), compiled());
  }

  /**
   * Loads a listed class by name.
   *
   * @throws IllegalStateException if it cannot be loaded
   */
  public Class<?> load(String className) {
    try {
      return Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("Cannot load " + className + " from " + classesDir, e);
    }
  }

  /**
   * Everything wrong with one plugin class.
   *
   * @param pluginClass the class listed in a service file
   * @param serviceType the service type the file is for
   * @return human-readable problems; empty when the class honours the contract
   */
  public static List<String> violations(Class<?> pluginClass, Class<?> serviceType) {
    List<String> problems = new ArrayList<>();
    int modifiers = pluginClass.getModifiers();
    if (!serviceType.isAssignableFrom(pluginClass)) {
      problems.add("does not implement " + serviceType.getName());
    }
    if (!Modifier.isPublic(modifiers)) {
      problems.add("is not public");
    }
    if (pluginClass.isInterface() || Modifier.isAbstract(modifiers)) {
      problems.add("is abstract or an interface");
    }
    if (pluginClass.isMemberClass() && !Modifier.isStatic(modifiers)) {
      problems.add("is an inner class; make it static");
    }
    if (!Versioned.class.isAssignableFrom(pluginClass)) {
      problems.add("does not implement " + Versioned.class.getName());
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    Object instance;
    try {
      instance = pluginClass.getConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      problems.add("has no public no-arg constructor");
      return problems;
    } catch (InvocationTargetException e) {
      problems.add("no-arg constructor threw " + e.getCause());
      return problems;
    } catch (ReflectiveOperationException e) {
      problems.add("cannot be instantiated: " + e);
      return problems;
    }
    String version = ((Versioned) instance).version();
    if (version == null || version.isBlank()) {
      problems.add("version() returned '" + version + "'");
    }
    Object config = invokeConfig(instance, problems);
    if (config != null && ((ConfigDef) config).names().isEmpty()) {
      problems.add("config() defines no settings");
    }
    return problems;
  }

  private static Object invokeConfig(Object instance, List<String> problems) {
    try {
      Method config = instance.getClass().getMethod("config");
      Object result = config.invoke(instance);
      if (!(result instanceof ConfigDef)) {
        problems.add("config() returned " + result + " instead of a ConfigDef");
        return null;
      }
      return result;
    } catch (NoSuchMethodException e) {
      problems.add("has no public config() method");
    } catch (InvocationTargetException e) {
      problems.add("config() threw " + e.getCause());
    } catch (ReflectiveOperationException e) {
      problems.add("config() cannot be called: " + e);
    }
    return null;
  }

  private static List<String> parseServiceFile(Path file) throws IOException {
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      int comment = line.indexOf('#');
      String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  private List<String> classNames() throws IOException {
    try (Stream<Path> files = Files.walk(classesDir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".class"))
          .map(p -> binaryName(classesDir.relativize(p)))
          .filter(n -> !n.endsWith("module-info") && !n.endsWith("package-info"))
          .sorted()
          .toList();
    }
  }

  private static String binaryName(Path relativeClassFile) {
    StringBuilder name = new StringBuilder();
    for (Path part : relativeClassFile) {
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(part);
    }
    return name.substring(0, name.length() - ".class".length());
  }

  private static List<String> difference(
      Map<Class<?>, ? extends Collection<String>> from,
      Map<Class<?>, ? extends Collection<String>> minus) {
    List<String> missing = new ArrayList<>();
    from.forEach(
        (type, names) -> {
          for (String name : names) {
            Collection<String> present = minus.get(type);
            if (present == null || !present.contains(name)) {
              missing.add(type.getName() + ": " + name);
            }
          }
        });
    return missing;
  }

  private static Map<String, Class<?>> serviceTypes() {
    Map<String, Class<?>> types = new LinkedHashMap<>();
    for (Class<?> type :
        List.of(
            SinkConnector.class,
            SourceConnector.class,
            Converter.class,
            HeaderConverter.class,
            Transformation.class,
            Predicate.class)) {
      types.put(type.getName(), type);
    }
    return Collections.unmodifiableMap(types);
  }
}
