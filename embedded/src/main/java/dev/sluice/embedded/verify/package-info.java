/**
 * {@code sluice verify}: a MySQL/MariaDB table against its MongoDB view by primary key, through one
 * independent normalization of both sides (see embedded/VERIFY.md).
 */
package dev.sluice.embedded.verify;
