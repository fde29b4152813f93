/** The one-process runner on the Debezium embedded engine. */
package dev.sluice.embedded;
