package dev.sluice.benchmarks.transforms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Compares each Sluice SMT with its anchor by thread CPU time per record: a check of the JMH
 * throughput ratios that holds up on a busy machine, because time the thread spends descheduled
 * is not counted. It drives the very JMH benchmark classes, so the records and settings are the
 * same.
 *
 * <p>Every measurement runs in a JVM of its own, like a JMH fork: some anchors leave the JVM
 * slower for whatever runs after them (Debezium's ExtractNewRecordState with added fields makes a
 * following Sluice run several times slower in the same JVM), which would bias a shared JVM.
 * Rounds alternate which side goes first; the report gives the median per side.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.transforms.CpuTimeComparison [rounds] [records] [pair-regex]
 * </pre>
 */
public final class CpuTimeComparison {

  private record Side(Supplier<Object> sluice, Supplier<Object> anchor) {}

  /** Keeps results reachable so that the JIT cannot drop the work. */
  private static Object last;

  private CpuTimeComparison() {}

  /**
   * Runs the comparison, or (with {@code --measure pair side records}) one measurement.
   *
   * @param args optional: rounds (default 5), records per measurement (default 200000), a regex
   *     selecting pairs by name (default all)
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length == 4 && args[0].equals("--measure")) {
      measureHere(args[1], args[2], Integer.parseInt(args[3]));
      return;
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int records = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    java.util.regex.Pattern only =
        java.util.regex.Pattern.compile(args.length > 2 ? args[2] : ".*");
    List<String> names = new ArrayList<>();
    for (String name : pairs().keySet()) {
      if (only.matcher(name).find()) {
        names.add(name);
      }
    }
    double[][] sluice = new double[names.size()][rounds];
    double[][] anchor = new double[names.size()][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int p = 0; p < names.size(); p++) {
        boolean sluiceFirst = round % 2 == 0;
        double first = child(names.get(p), sluiceFirst ? "sluice" : "anchor", records);
        double second = child(names.get(p), sluiceFirst ? "anchor" : "sluice", records);
        sluice[p][round] = sluiceFirst ? first : second;
        anchor[p][round] = sluiceFirst ? second : first;
      }
    }
    System.out.printf(Locale.ROOT,
        "%d rounds, %d records per measurement, each in its own JVM; thread CPU ns per record%n",
        rounds, records);
    System.out.printf(Locale.ROOT, "%-42s %10s %10s %14s%n", "pair", "sluice", "anchor", "anchor/sluice");
    for (int p = 0; p < names.size(); p++) {
      double s = median(sluice[p]);
      double a = median(anchor[p]);
      System.out.printf(Locale.ROOT, "%-42s %10.0f %10.0f %13.2fx   (sluice %s; anchor %s)%n",
          names.get(p), s, a, a / s, format(sluice[p]), format(anchor[p]));
    }
  }

  private static double child(String pair, String side, int records)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(
            java, "-cp", System.getProperty("java.class.path"), CpuTimeComparison.class.getName(),
            "--measure", pair, side, Integer.toString(records))
        .redirectErrorStream(true)
        .start();
    String result = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        output.append(line).append('\n');
        if (line.startsWith("ns/op ")) {
          result = line.substring(6).trim();
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || result == null) {
      throw new IllegalStateException(
          "measuring " + pair + " " + side + " failed (exit " + exit + "):\n" + output);
    }
    return Double.parseDouble(result);
  }

  private static void measureHere(String pair, String side, int records) {
    Side sides = pairs().get(pair);
    if (sides == null) {
      throw new IllegalArgumentException("unknown pair '" + pair + "'; pairs: " + pairs().keySet());
    }
    Supplier<Object> op = side.equals("sluice") ? sides.sluice() : sides.anchor();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 3; i++) {
      measure(threads, op, records); // warm-up: let the JIT compile the path
    }
    double[] runs = new double[3];
    for (int i = 0; i < runs.length; i++) {
      runs[i] = measure(threads, op, records);
    }
    System.out.println("ns/op " + median(runs));
  }

  private static double measure(ThreadMXBean threads, Supplier<Object> op, int records) {
    long start = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < records; i++) {
      last = op.get();
    }
    return (threads.getCurrentThreadCpuTime() - start) / (double) records;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String format(double[] values) {
    StringBuilder text = new StringBuilder();
    for (double value : values) {
      text.append(text.length() == 0 ? "" : ", ").append(Math.round(value));
    }
    return text.toString();
  }

  private static Map<String, Side> pairs() {
    Map<String, Side> pairs = new LinkedHashMap<>();
    for (String scenario : List.of("defaults", "rewrite-add-fields")) {
      pairs.put("Unwrap/ExtractNewRecordState:" + scenario, lazy(() -> {
        UnwrapBenchmark b = new UnwrapBenchmark();
        b.scenario = scenario;
        b.setUp();
        return new Side(b::sluice, b::debezium);
      }));
    }
    pairs.put("Fields/ReplaceField", lazy(() -> {
      FieldsBenchmark b = new FieldsBenchmark();
      b.setUp();
      return new Side(b::sluice, b::anchor);
    }));
    pairs.put("Mask/MaskField", lazy(() -> {
      MaskBenchmark b = new MaskBenchmark();
      b.setUp();
      return new Side(b::sluice, b::anchor);
    }));
    pairs.put("Cast/Cast", lazy(() -> {
      CastBenchmark b = new CastBenchmark();
      b.setUp();
      return new Side(b::sluice, b::anchor);
    }));
    pairs.put("Route/RegexRouter", lazy(() -> {
      RouteBenchmark b = new RouteBenchmark();
      b.setUp();
      return new Side(b::sluice, b::anchor);
    }));
    pairs.put("Outbox/EventRouter", lazy(() -> {
      OutboxBenchmark b = new OutboxBenchmark();
      b.setUp();
      return new Side(b::sluice, b::debezium);
    }));
    return pairs;
  }

  /** Sets a pair up only when it is measured, so a child JVM touches one pair only. */
  private static Side lazy(Supplier<Side> setUp) {
    Side[] side = new Side[1];
    Supplier<Side> once = () -> side[0] == null ? (side[0] = setUp.get()) : side[0];
    return new Side(() -> once.get().sluice().get(), () -> once.get().anchor().get());
  }
}
