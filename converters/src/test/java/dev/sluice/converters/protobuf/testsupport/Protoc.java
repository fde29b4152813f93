package dev.sluice.converters.protobuf.testsupport;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.sluice.converters.protobuf.schema.ConnectMeta;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the real protoc (com.google.protobuf:protoc from Maven Central, copied to target/protoc by
 * the build) on {@code .proto} files and returns the descriptors it compiled them to.
 */
public final class Protoc {
  private final Path executable;

  private Protoc(Path executable) {
    this.executable = executable;
  }

  /** The protoc the build fetched; fails (not skips) when it is missing, since the build always fetches it. */
  public static Protoc fromBuild() throws IOException {
    String location = System.getProperty("sluice.protoc", "target/protoc/protoc.exe");
    Path exe = Path.of(location);
    if (!Files.isRegularFile(exe)) {
      throw new IllegalStateException("protoc is missing at " + exe.toAbsolutePath()
          + "; the converters build copies it there in generate-test-resources (mvn -pl converters test)");
    }
    if (!Files.isExecutable(exe) && !exe.toFile().setExecutable(true)) {
      throw new IllegalStateException("cannot make " + exe + " executable");
    }
    return new Protoc(exe);
  }

  /**
   * Compiles files with protoc.
   *
   * @param files file name to text; the Protobuf well-known files are provided from protobuf-java's jar
   * @param compile the file names to compile
   * @return every compiled file (with imports), source info stripped, options parsed with the sluice extensions
   */
  public Map<String, FileDescriptorProto> compile(Map<String, String> files, List<String> compile) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("protoc-test");
    try {
      return compileIn(dir, files, compile);
    } finally {
      deleteTree(dir);
    }
  }

  private Map<String, FileDescriptorProto> compileIn(Path dir, Map<String, String> files, List<String> compile)
      throws IOException, InterruptedException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
    }
    Path include = dir.resolve("include");
    for (String wellKnown : List.of("descriptor", "timestamp", "duration", "wrappers", "any", "empty", "struct", "field_mask")) {
      Path file = include.resolve("google/protobuf/" + wellKnown + ".proto");
      Files.createDirectories(file.getParent());
      try (InputStream in = Protoc.class.getClassLoader().getResourceAsStream("google/protobuf/" + wellKnown + ".proto")) {
        Files.write(file, in.readAllBytes());
      }
    }
    Path out = dir.resolve("out.pb");
    List<String> command = new ArrayList<>(List.of(executable.toString(), "-I" + dir, "-I" + include,
        "--include_imports", "--descriptor_set_out=" + out));
    command.addAll(compile);
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("protoc did not finish in 60 s");
    }
    if (p.exitValue() != 0) {
      throw new ProtocFailed(output, files);
    }
    FileDescriptorSet set = FileDescriptorSet.parseFrom(Files.readAllBytes(out), ConnectMeta.REGISTRY);
    Map<String, FileDescriptorProto> result = new java.util.LinkedHashMap<>();
    for (FileDescriptorProto f : set.getFileList()) {
      result.put(f.getName(), f.toBuilder().clearSourceCodeInfo().build());
    }
    return result;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** protoc rejected the input; the message holds its output and the files. */
  public static final class ProtocFailed extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ProtocFailed(String output, Map<String, String> files) {
      super("protoc failed:\n" + output + "\nfiles:\n" + files);
    }
  }
}
