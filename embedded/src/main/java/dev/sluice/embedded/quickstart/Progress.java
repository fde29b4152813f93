package dev.sluice.embedded.quickstart;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * The live progress line: changes made, what the pipeline captured and its lag, and the size of the
 * views. On a terminal it is rewritten in place every second; otherwise (a log file, a CI job) a
 * line is printed every five seconds.
 */
final class Progress {
  private final PrintWriter out;
  private final Mode mode;
  private final ShopWorkload shop;
  private final MongoDatabase views;
  private final boolean terminal = System.console() != null;
  private long lastPrint;
  private int lastLength;

  Progress(PrintWriter out, Mode mode, ShopWorkload shop, MongoClient mongo, ShopViews shopViews) {
    this.out = out;
    this.mode = mode;
    this.shop = shop;
    this.views = mongo.getDatabase(shopViews.viewDb());
  }

  void maybePrint(Duration elapsed) {
    long now = System.nanoTime();
    long every = terminal ? 1_000_000_000L : 5_000_000_000L;
    if (lastPrint != 0 && now - lastPrint < every) {
      return;
    }
    lastPrint = now;
    String line = String.format("  [%3d s] %d transactions, %d rows written | %s | views: customers %d, orders %d", elapsed.toSeconds(),
        shop.transactions(), shop.rowChanges(), mode.status(), count("customers"), count("orders"));
    if (terminal) {
      String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
      out.print("\r" + padded);
      lastLength = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  void finish() {
    if (terminal && lastLength > 0) {
      out.println();
      out.flush();
    }
  }

  private long count(String collection) {
    try {
      return views.getCollection(collection).estimatedDocumentCount();
    } catch (RuntimeException e) {
      // The progress line must not end the quickstart; verify reports what matters.
      return -1;
    }
  }
}
