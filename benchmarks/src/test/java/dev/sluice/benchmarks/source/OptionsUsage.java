package dev.sluice.benchmarks.source;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a picocli usage message back for the options tests. */
final class OptionsUsage {
  /** An option line of the usage: indented, then the option's first name. */
  private static final Pattern OPTION_LINE = Pattern.compile("^ {2,}(-[-\\w]+)");

  private OptionsUsage() {
  }

  /** The first name of every option in the order the usage lists them. */
  static List<String> optionNames(String usage) {
    return usage.lines().map(OPTION_LINE::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
  }
}
