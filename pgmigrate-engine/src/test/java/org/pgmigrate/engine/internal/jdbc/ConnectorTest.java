package org.pgmigrate.engine.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectorTest {
    private static final long MIB = 1L << 20;

    @Test
    void indexBuildMemoryIsSharedByTheJobsWithinBounds() {
        assertThat(Connector.maintenanceMemoryPerSession(1024 * MIB, 4)).isEqualTo(256 * MIB);
        assertThat(Connector.maintenanceMemoryPerSession(1024 * MIB, 64)).as("floor").isEqualTo(64 * MIB);
        assertThat(Connector.maintenanceMemoryPerSession(64L * 1024 * MIB, 2)).as("ceiling").isEqualTo(2048 * MIB);
        assertThat(Connector.maintenanceMemoryPerSession(300 * MIB, 3)).isEqualTo(100 * MIB);
    }
}
