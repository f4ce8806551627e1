package org.pgmigrate.engine.internal.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the current state of many sequences in a few round trips: the state lives in each
 * sequence's own relation, so the reads are glued together with UNION ALL, a chunk at a time.
 */
public final class SequenceStates {
    static final int CHUNK = 500;

    /** A sequence's last value and whether it was handed out. */
    public record State(long lastValue, boolean called) {}

    private SequenceStates() {}

    /**
     * The states of {@code qualifiedNames} (quoted by the engine), in the same order.
     *
     * @throws SQLException when one cannot be read; the message names the chunk's first sequence only
     */
    public static List<State> read(Connection connection, List<String> qualifiedNames) throws SQLException {
        List<State> states = new ArrayList<>(qualifiedNames.size());
        for (int from = 0; from < qualifiedNames.size(); from += CHUNK) {
            List<String> chunk = qualifiedNames.subList(from, Math.min(from + CHUNK, qualifiedNames.size()));
            StringBuilder sql = new StringBuilder();
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(", last_value, is_called FROM ").append(chunk.get(i));
            }
            State[] read = new State[chunk.size()];
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
                while (rs.next()) {
                    read[rs.getInt(1)] = new State(rs.getLong(2), rs.getBoolean(3));
                }
            }
            states.addAll(List.of(read));
        }
        return states;
    }
}
