package dev.sluice.event;

/**
 * The Sluice version that plugins report through {@code Versioned#version()}.
 *
 * <p>The version comes from the {@code Implementation-Version} attribute of the jar manifest that
 * holds a class (the parent pom writes it into every module jar). Classes loaded from a directory,
 * as in unit tests, have no manifest; they report {@value #UNKNOWN} so that {@code version()} is
 * never null or blank, which Connect workers require.
 */
public final class SluiceVersion {

  /** Reported when the manifest carries no {@code Implementation-Version}. */
  public static final String UNKNOWN = "unknown";

  private static final String CURRENT = of(SluiceVersion.class);

  private SluiceVersion() {}

  /** The version of the change-event jar, which ships in the same plugin folder as every plugin. */
  public static String current() {
    return CURRENT;
  }

  /**
   * The {@code Implementation-Version} of the jar that holds {@code anchor}, or {@value #UNKNOWN}.
   *
   * @param anchor a class from the jar to ask, usually the plugin class itself
   * @return a non-blank version string
   */
  public static String of(Class<?> anchor) {
    Package pkg = anchor.getPackage();
    String version = pkg == null ? null : pkg.getImplementationVersion();
    return version == null || version.isBlank() ? UNKNOWN : version.trim();
  }
}
