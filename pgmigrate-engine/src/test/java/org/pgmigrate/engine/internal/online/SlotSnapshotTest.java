package org.pgmigrate.engine.internal.online;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlotSnapshotTest {
    @Test
    void from17TheSlotIsAFailoverSlotWithItsOptionsInParentheses() {
        assertThat(SlotSnapshot.command("pgmigrate_m1", 17, false))
                .isEqualTo("CREATE_REPLICATION_SLOT \"pgmigrate_m1\" LOGICAL pgoutput (SNAPSHOT 'export', FAILOVER true)");
    }

    @Test
    void aTemporarySlotForAResumedCopyIsNoFailoverSlot() {
        assertThat(SlotSnapshot.command("pgmigrate_m1_resume", 17, true))
                .isEqualTo("CREATE_REPLICATION_SLOT \"pgmigrate_m1_resume\" TEMPORARY LOGICAL pgoutput (SNAPSHOT 'export')");
        assertThat(SlotSnapshot.command("pgmigrate_m1_resume", 12, true))
                .isEqualTo("CREATE_REPLICATION_SLOT \"pgmigrate_m1_resume\" TEMPORARY LOGICAL pgoutput EXPORT_SNAPSHOT");
    }

    @Test
    void before17TheOldSyntaxExportsTheSnapshot() {
        assertThat(SlotSnapshot.command("pgmigrate_m1", 11, false)).isEqualTo("CREATE_REPLICATION_SLOT \"pgmigrate_m1\" LOGICAL pgoutput EXPORT_SNAPSHOT");
        assertThat(SlotSnapshot.command("pgmigrate_m1", 16, false)).endsWith(" EXPORT_SNAPSHOT");
    }
}
