package org.pgmigrate.engine.internal.online;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Begin;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Column;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Commit;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Delete;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Insert;
import org.pgmigrate.engine.internal.online.PgOutputMessage.LogicalMessage;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Origin;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Relation;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamAbort;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamCommit;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamStart;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamStop;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Truncate;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Tuple;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Type;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Update;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Value;

/**
 * Decodes pgoutput protocol version 1 and 2 messages (big-endian, strings NUL-terminated UTF-8),
 * as {@code src/backend/replication/logical/proto.c} writes them. Pure: no connection, no state.
 * The changes inside a stream block carry an xid after their tag: {@link #streamedXid} reads it,
 * and {@link #decode} takes them once it is cut out, as they would arrive outside a stream.
 */
final class PgOutputDecoder {
    private static final int TRUNCATE_CASCADE = 1;
    private static final int TRUNCATE_RESTART_IDENTITY = 2;

    private PgOutputDecoder() {}

    /** Decodes the message from the buffer's position to its limit; the buffer's position moves. */
    static PgOutputMessage decode(ByteBuffer buffer) {
        char tag = (char) buffer.get();
        PgOutputMessage message = switch (tag) {
            case 'B' -> new Begin(buffer.getLong(), buffer.getLong(), buffer.getInt());
            case 'C' -> {
                buffer.get(); // flags, unused
                yield new Commit(buffer.getLong(), buffer.getLong(), buffer.getLong());
            }
            case 'S' -> new StreamStart(buffer.getInt(), buffer.get() == 1);
            case 'E' -> new StreamStop();
            case 'c' -> {
                int xid = buffer.getInt();
                buffer.get(); // flags, unused
                yield new StreamCommit(xid, buffer.getLong(), buffer.getLong(), buffer.getLong());
            }
            case 'A' -> new StreamAbort(buffer.getInt(), buffer.getInt());
            case 'O' -> new Origin(buffer.getLong(), string(buffer));
            case 'R' -> relation(buffer);
            case 'Y' -> new Type(buffer.getInt(), string(buffer), string(buffer));
            case 'I' -> {
                int relation = buffer.getInt();
                expect(buffer, 'N');
                yield new Insert(relation, tuple(buffer));
            }
            case 'U' -> update(buffer);
            case 'D' -> {
                int relation = buffer.getInt();
                char kind = (char) buffer.get();
                Tuple old = tuple(buffer);
                yield switch (kind) {
                    case 'K' -> new Delete(relation, old, null);
                    case 'O' -> new Delete(relation, null, old);
                    default -> throw malformed("delete with old tuple kind '" + kind + "'");
                };
            }
            case 'T' -> {
                int count = buffer.getInt();
                int flags = buffer.get();
                List<Integer> relations = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    relations.add(buffer.getInt());
                }
                yield new Truncate(relations, (flags & TRUNCATE_CASCADE) != 0, (flags & TRUNCATE_RESTART_IDENTITY) != 0);
            }
            case 'M' -> {
                boolean transactional = buffer.get() != 0;
                long lsn = buffer.getLong();
                String prefix = string(buffer);
                byte[] content = new byte[buffer.getInt()];
                buffer.get(content);
                yield new LogicalMessage(transactional, lsn, prefix, content);
            }
            default -> throw malformed("unknown message type '" + tag + "' (two-phase transactions are not requested)");
        };
        if (buffer.hasRemaining()) {
            throw malformed(buffer.remaining() + " bytes left after a '" + tag + "' message");
        }
        return message;
    }

    /** The tag of the message at the buffer's position. */
    static char tag(ByteBuffer buffer) {
        return (char) buffer.get(buffer.position());
    }

    /**
     * The xid a change inside a stream block carries after its tag: that of the (sub)transaction
     * that made it. The Origin message a first block may start with carries none.
     */
    static int streamedXid(ByteBuffer buffer) {
        char tag = tag(buffer);
        if ("RYIUDTM".indexOf(tag) < 0) {
            throw malformed("'" + tag + "' message inside a stream block");
        }
        return buffer.getInt(buffer.position() + 1);
    }

    private static Relation relation(ByteBuffer buffer) {
        int oid = buffer.getInt();
        String schema = string(buffer);
        String name = string(buffer);
        char identity = (char) buffer.get();
        int count = buffer.getShort();
        List<Column> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean key = (buffer.get() & 1) != 0;
            columns.add(new Column(key, string(buffer), buffer.getInt(), buffer.getInt()));
        }
        return new Relation(oid, schema, name, identity, columns);
    }

    private static Update update(ByteBuffer buffer) {
        int relation = buffer.getInt();
        char kind = (char) buffer.get();
        Tuple oldKey = null;
        Tuple oldRow = null;
        if (kind == 'K') {
            oldKey = tuple(buffer);
            kind = (char) buffer.get();
        } else if (kind == 'O') {
            oldRow = tuple(buffer);
            kind = (char) buffer.get();
        }
        if (kind != 'N') {
            throw malformed("update without a new tuple (found '" + kind + "')");
        }
        return new Update(relation, oldKey, oldRow, tuple(buffer));
    }

    private static Tuple tuple(ByteBuffer buffer) {
        int count = buffer.getShort();
        List<Value> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            char kind = (char) buffer.get();
            switch (kind) {
                case 'n' -> values.add(Value.NULL);
                case 'u' -> values.add(Value.UNCHANGED_TOAST);
                case 't' -> {
                    int length = buffer.getInt();
                    values.add(Value.text(new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length,
                            StandardCharsets.UTF_8)));
                    buffer.position(buffer.position() + length);
                }
                case 'b' -> {
                    byte[] data = new byte[buffer.getInt()];
                    buffer.get(data);
                    values.add(new Value(PgOutputMessage.Kind.BINARY, null, data));
                }
                default -> throw malformed("unknown column value kind '" + kind + "'");
            }
        }
        return new Tuple(values);
    }

    private static void expect(ByteBuffer buffer, char expected) {
        char found = (char) buffer.get();
        if (found != expected) {
            throw malformed("expected '" + expected + "', found '" + found + "'");
        }
    }

    private static String string(ByteBuffer buffer) {
        int start = buffer.position();
        int end = start;
        while (buffer.get(end) != 0) {
            end++;
        }
        String s = new String(buffer.array(), buffer.arrayOffset() + start, end - start, StandardCharsets.UTF_8);
        buffer.position(end + 1);
        return s;
    }

    private static IllegalArgumentException malformed(String what) {
        return new IllegalArgumentException("Malformed pgoutput message: " + what);
    }
}
