package org.pgmigrate.spi.copy;

import java.sql.SQLException;

/**
 * Where a {@link RowTransform} sends rows: on to the target's COPY.
 *
 * <p><b>Incubating</b>: may change between minor versions.
 */
@FunctionalInterface
public interface RowSink {
    /** Sends one whole row in the plan's format: {@code length} bytes of {@code row} from {@code offset}, copied before this returns. */
    void write(byte[] row, int offset, int length) throws SQLException;
}
