package org.pgmigrate.engine.internal.copy;

import java.sql.Connection;
import java.sql.SQLException;
import org.pgmigrate.engine.internal.schema.TableData;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Streams one table from a source COPY TO STDOUT straight into a target COPY FROM STDIN: rows
 * pass through memory one COPY message at a time and never touch disk.
 */
public final class TableCopier {
    /** Rows and bytes one copy moved. */
    public record Copied(long rows, long bytes) {}

    private TableCopier() {}

    public static Copied copy(TableData table, Connection source, Connection target) throws SQLException {
        String columns = "(" + String.join(", ", table.columns()) + ")";
        String read = table.columns().isEmpty()
                ? "COPY (SELECT FROM ONLY " + table.qualifiedName() + ") TO STDOUT"
                : "COPY (SELECT " + String.join(", ", table.columns()) + " FROM ONLY " + table.qualifiedName()
                        + (table.filter() == null || table.filter().isEmpty() ? "" : " " + table.filter()) + ") TO STDOUT";
        String write = table.columns().isEmpty()
                ? "COPY " + table.qualifiedName() + " FROM STDIN"
                : "COPY " + table.qualifiedName() + " " + columns + " FROM STDIN";
        CopyOut out = source.unwrap(PGConnection.class).getCopyAPI().copyOut(read);
        CopyIn in;
        try {
            in = target.unwrap(PGConnection.class).getCopyAPI().copyIn(write);
        } catch (SQLException e) {
            out.cancelCopy();
            throw e;
        }
        long bytes = 0;
        try {
            byte[] row;
            while ((row = out.readFromCopy()) != null) {
                in.writeToCopy(row, 0, row.length);
                bytes += row.length;
            }
            long rows = in.endCopy();
            return new Copied(rows, bytes);
        } catch (SQLException e) {
            if (in.isActive()) {
                in.cancelCopy();
            }
            if (out.isActive()) {
                out.cancelCopy();
            }
            throw e;
        }
    }
}
