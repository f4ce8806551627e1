package org.pgmigrate.engine.internal.online;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlotSnapshotTest {
    @Test
    void from17TheSlotIsAFailoverSlotWithItsOptionsInParentheses() {
        assertThat(SlotSnapshot.command("pgmigrate_m1", 17))
                .isEqualTo("CREATE_REPLICATION_SLOT \"pgmigrate_m1\" LOGICAL pgoutput (SNAPSHOT 'export', FAILOVER true)");
    }

    @Test
    void before17TheOldSyntaxExportsTheSnapshot() {
        assertThat(SlotSnapshot.command("pgmigrate_m1", 11)).isEqualTo("CREATE_REPLICATION_SLOT \"pgmigrate_m1\" LOGICAL pgoutput EXPORT_SNAPSHOT");
        assertThat(SlotSnapshot.command("pgmigrate_m1", 16)).endsWith(" EXPORT_SNAPSHOT");
    }
}
