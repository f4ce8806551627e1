package org.pgmigrate.engine.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.engine.internal.copy.RowDigest;
import org.pgmigrate.engine.internal.run.Timeline;
import org.pgmigrate.engine.internal.schema.TableColumn;
import org.pgmigrate.engine.internal.schema.TableData;

class VerifierTest {
    private static final Verifier SAME_MAJOR_HASHING = new Verifier(new MigrationListener() { }, Clock.systemUTC(), 1L << 30,
            150000, 150000, false, true, Timeline.NONE);

    private static TableData table(long bytes) {
        return new TableData(1, "\"s\".\"t\"", "s", "t", List.of(new TableColumn("\"a\"", TableColumn.Floats.NONE, true, false, "int4", "int4send")),
                null, bytes, 100, null);
    }

    @Test
    void aTableOfOnePageIsReadWithCopyAndALargerOneHashedInPlace() {
        assertThat(SAME_MAJOR_HASHING.copyForm(table(0), true, null)).isEqualTo(RowDigest.Form.of(true, false, false));
        assertThat(SAME_MAJOR_HASHING.copyForm(table(8192), true, null)).isEqualTo(RowDigest.Form.of(true, false, false));
        assertThat(SAME_MAJOR_HASHING.copyForm(table(16384), true, null)).isEqualTo(RowDigest.Form.SERVER_HASH);
    }
}
