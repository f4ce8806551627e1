package org.pgmigrate.engine.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CopiedRowsTest {
    private static final RowDigest.Form BINARY = RowDigest.Form.of(true, false, false);

    @Test
    void aTableCopiedInPartsHasTheSumOfTheirDigestsOnceAllAreIn() {
        CopiedRows rows = new CopiedRows();
        rows.plan(1, List.of("part a", "part b"));
        rows.copied("part a", new RowDigest(BINARY, 2, 10, 20));
        assertThat(rows.of(1)).as("one part still missing").isNull();
        assertThat(rows.all()).isEmpty();

        rows.copied("part b", new RowDigest(BINARY, 3, 1, 2));
        assertThat(rows.of(1)).isEqualTo(new RowDigest(BINARY, 5, 11, 22));
        rows.copied("part b", new RowDigest(BINARY, 1, 1, 1));
        assertThat(rows.of(1)).as("a retried part replaces its digest").isEqualTo(new RowDigest(BINARY, 3, 11, 21));
    }

    @Test
    void aTableThisRunDidNotCopyHasNone() {
        CopiedRows rows = new CopiedRows();
        rows.plan(1, List.of("rows of t"));
        rows.plan(2, List.of("rows of u"));
        rows.copied("rows of u", new RowDigest(BINARY, 1, 5, 6));
        assertThat(rows.of(1)).isNull();
        assertThat(rows.of(3)).as("never planned").isNull();
        assertThat(rows.all()).containsOnlyKeys(2L);
    }
}
