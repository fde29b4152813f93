/**
 * {@code sluice quickstart}: the local stack, a sample shop with a scripted stream of changes, the
 * pipeline in this process or on Kafka Connect, and verify of every view.
 */
package dev.sluice.embedded.quickstart;
