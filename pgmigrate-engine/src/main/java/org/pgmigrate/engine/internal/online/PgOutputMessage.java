package org.pgmigrate.engine.internal.online;

import java.util.List;

/**
 * The messages of the pgoutput logical replication protocol, versions 1 and 2, as decoded by
 * {@link PgOutputDecoder}. Version 2 adds the stream messages: a large transaction arrives in
 * blocks between {@link StreamStart} and {@link StreamStop} while it runs on the source (its
 * changes then carry the xid of the (sub)transaction that made them, which
 * {@link PgOutputDecoder#streamedXid} reads), and ends with {@link StreamCommit} or
 * {@link StreamAbort}. LSNs are unsigned 64-bit positions held in a long; timestamps are
 * microseconds since 2000-01-01 UTC, as the server sends them.
 */
sealed interface PgOutputMessage {
    /** A source transaction starts; its changes follow, then its {@link Commit}. */
    record Begin(long finalLsn, long commitTime, int xid) implements PgOutputMessage {}

    /** The source transaction committed at {@code commitLsn}; {@code endLsn} is the end of its commit record. */
    record Commit(long commitLsn, long endLsn, long commitTime) implements PgOutputMessage {}

    /** A block of changes of transaction {@code xid}, still running on the source, follows; the first of its blocks says so. */
    record StreamStart(int xid, boolean firstSegment) implements PgOutputMessage {}

    /** The end of a block of a streamed transaction. */
    record StreamStop() implements PgOutputMessage {}

    /** The streamed transaction {@code xid} committed, as a {@link Commit} says. */
    record StreamCommit(int xid, long commitLsn, long endLsn, long commitTime) implements PgOutputMessage {}

    /**
     * The streamed transaction {@code xid} aborted (when {@code subxid} is {@code xid}), or only its
     * subtransaction {@code subxid}, whose changes (and those of its own subtransactions) are void.
     */
    record StreamAbort(int xid, int subxid) implements PgOutputMessage {}

    /** The transaction came from another replication origin. */
    record Origin(long originLsn, String name) implements PgOutputMessage {}

    /** Describes a table before its first change in the stream, and again after it changed. */
    record Relation(int oid, String schema, String name, char replicaIdentity, List<Column> columns) implements PgOutputMessage {
        public Relation {
            columns = List.copyOf(columns);
        }
    }

    /**
     * A published column.
     *
     * @param key part of the replica identity (every column under REPLICA IDENTITY FULL)
     */
    record Column(boolean key, String name, int typeOid, int typeModifier) {}

    /** Names a non-built-in type used by a later relation. */
    record Type(int oid, String schema, String name) implements PgOutputMessage {}

    record Insert(int relation, Tuple row) implements PgOutputMessage {}

    /**
     * An updated row: {@code oldKey} holds the old replica identity columns when the key changed
     * (identity DEFAULT or USING INDEX), {@code oldRow} the whole old row under REPLICA IDENTITY
     * FULL; both null when the key is unchanged.
     */
    record Update(int relation, Tuple oldKey, Tuple oldRow, Tuple row) implements PgOutputMessage {}

    /** A deleted row, by its old key or (REPLICA IDENTITY FULL) its whole old row. */
    record Delete(int relation, Tuple oldKey, Tuple oldRow) implements PgOutputMessage {}

    record Truncate(List<Integer> relations, boolean cascade, boolean restartIdentity) implements PgOutputMessage {
        public Truncate {
            relations = List.copyOf(relations);
        }
    }

    /** A message from {@code pg_logical_emit_message}. */
    record LogicalMessage(boolean transactional, long lsn, String prefix, byte[] content) implements PgOutputMessage {}

    /** The values of a row, one per published column of its relation. */
    record Tuple(List<Value> values) {
        public Tuple {
            values = java.util.Collections.unmodifiableList(values);
        }

        public int size() {
            return values.size();
        }

        public Value get(int column) {
            return values.get(column);
        }
    }

    /** One column's value: SQL NULL, an unchanged TOASTed value (not sent), text or binary. */
    record Value(Kind kind, String text, byte[] binary) {
        static final Value NULL = new Value(Kind.NULL, null, null);
        static final Value UNCHANGED_TOAST = new Value(Kind.UNCHANGED_TOAST, null, null);

        static Value text(String text) {
            return new Value(Kind.TEXT, text, null);
        }

        boolean unchanged() {
            return kind == Kind.UNCHANGED_TOAST;
        }
    }

    enum Kind {
        NULL,
        UNCHANGED_TOAST,
        TEXT,
        BINARY
    }
}
