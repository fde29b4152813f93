package dev.sluice.source.mysql.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GtidStateTest {

  @Test
  void mariaDbKeepsTheLastGtidOfEveryDomain() {
    GtidState state = GtidState.parse("0-1-10,1-2-7", true);
    assertThat(state).hasToString("0-1-10,1-2-7");
    state.add("0-1-11");
    state.add("2-3-1");
    assertThat(state).hasToString("0-1-11,1-2-7,2-3-1");
  }

  @Test
  void mariaDbStartsEmpty() {
    GtidState state = GtidState.parse("", true);
    assertThat(state.toString()).isEmpty();
    state.add("0-1-1");
    assertThat(state).hasToString("0-1-1");
  }

  @Test
  void mariaDbRejectsAMySqlGtid() {
    GtidState state = GtidState.parse("", true);
    assertThatThrownBy(() -> state.add("3E11FA47-71CA-11E1-9E33-C80AA9429562:5")).hasMessageContaining("domain-server-sequence");
  }

  @Test
  void mariaDbAcceptsOnlyThreeDigitRuns() {
    GtidState state = GtidState.parse("", true);
    for (String bad : new String[] {"", "0", "0-1", "0--1", "-1-2", "0-1-", "a-1-2", "0-1-2-3", "0-1-2x", " 0-1-2", "0-+1-2", "0-1-\u0663"}) {
      assertThatThrownBy(() -> state.add(bad)).as(bad).hasMessageContaining("domain-server-sequence");
    }
    state.add("007-1-2");
    state.add("7-3-4");
    assertThat(state).hasToString("7-3-4");
  }

  @Test
  void mySqlMergesTransactionsIntoIntervals() {
    String uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    GtidState state = GtidState.parse(uuid + ":1-5", false);
    state.add(uuid + ":6");
    state.add(uuid + ":8");
    // The binlog client prints single transactions as n-n, which MySQL accepts.
    assertThat(state.toString()).isEqualTo(uuid + ":1-6:8-8");
  }

  @Test
  void copiesAreIndependent() {
    GtidState state = GtidState.parse("0-1-1", true);
    GtidState copy = state.copy();
    state.add("0-1-2");
    assertThat(copy).hasToString("0-1-1");
  }

  @Test
  void mariaDbFindsNothingPurgedWhenTheOldestBinlogStartsAtOrBeforeTheStoredState() {
    GtidState.MariaDb state = new GtidState.MariaDb("0-1-100,1-2-7");
    assertThat(state.purgedBefore("[0-1-100,1-2-5]")).isEmpty();
    assertThat(state.purgedBefore("[]")).isEmpty();
    assertThat(state.purgedBefore("[0-1-40]")).isEmpty();
  }

  @Test
  void mariaDbNamesEveryDomainWhoseTransactionsAfterTheStoredStateWerePurged() {
    GtidState.MariaDb state = new GtidState.MariaDb("0-1-100,1-2-7");
    assertThat(state.purgedBefore("[0-1-120,1-2-7,2-3-4]")).containsExactly(
        "domain 0: after 0-1-100 up to 0-1-120", "domain 2: everything up to 2-3-4");
  }

  @Test
  void mariaDbRejectsAGtidListItCannotRead() {
    GtidState.MariaDb state = new GtidState.MariaDb("0-1-100");
    assertThatThrownBy(() -> state.purgedBefore("[garbage]")).hasMessageContaining("not a MariaDB GTID list");
  }

  @Test
  void aMariaDbStateNamingServerIdZeroIsRecognised() {
    assertThat(GtidState.MariaDb.hasServerIdZero("0-0-9")).isTrue();
    assertThat(GtidState.MariaDb.hasServerIdZero("0-1-9, 1-0-3")).isTrue();
    assertThat(GtidState.MariaDb.hasServerIdZero("0-1-9,1-10-3")).isFalse();
    assertThat(GtidState.MariaDb.hasServerIdZero("")).isFalse();
    assertThat(GtidState.MariaDb.hasServerIdZero(null)).isFalse();
    assertThat(GtidState.MariaDb.hasServerIdZero("3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5")).isFalse();
  }
}
