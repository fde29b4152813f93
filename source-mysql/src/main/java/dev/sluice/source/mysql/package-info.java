/** The MySQL/MariaDB binlog source connector. */
package dev.sluice.source.mysql;
