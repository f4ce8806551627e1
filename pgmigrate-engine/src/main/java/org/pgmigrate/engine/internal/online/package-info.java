/**
 * Online migration: the replication slot whose snapshot the copy reads under, the pgoutput
 * decoder, the ordered apply on the target with a replication origin recording progress in the
 * same transactions as the data, lag and WAL retention watching, the cutover and the cleanup.
 *
 * <p>Private API: no compatibility guarantees.
 */
package org.pgmigrate.engine.internal.online;
