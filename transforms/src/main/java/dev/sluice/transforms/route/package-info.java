/** The parts of {@link dev.sluice.transforms.Route}: topic templates, table names, partitioning. */
package dev.sluice.transforms.route;
