/**
 * Online migration: the replication slot whose snapshot the copy reads under, the pgoutput
 * decoder, the spills of transactions streamed before their commit, the ordered apply on the
 * target with a replication origin recording progress in the same transactions as the data, lag
 * and WAL retention watching, the cutover and the cleanup; what a stopped migration keeps for its
 * resume (control row, journal, sync points of a resumed copy) and its abandon; the opt-in
 * capture and replay of the source's DDL.
 *
 * <p>Private API: no compatibility guarantees.
 */
package org.pgmigrate.engine.internal.online;
