package org.pgmigrate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.validation.Validations.fired;
import static org.pgmigrate.validation.Validations.passed;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Finding;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;
import org.pgmigrate.testkit.junit5.PostgresServers;

/** Connections for the chosen jobs, and lock table room for every table and index. */
@ExtendWith(PostgresExtension.class)
class CapacityRulesIT {
    @Test
    void moreJobsThanFreeConnectionsFailOnBothSides(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        ValidationReport report = Validations.validate(source.endpoint(), target.endpoint(), MigrationMode.OFFLINE, 200);

        List<Finding> findings = report.findingsOf("free-connections");
        assertThat(findings).extracting(Finding::severity).containsExactly(Severity.FAILED, Severity.FAILED);
        assertThat(findings.get(0).message()).startsWith("The source has ").contains("with 200 jobs needs 201");
        assertThat(findings.get(1).message()).startsWith("The target has ").contains("with 200 jobs needs 202");
        assertThat(findings.get(0).objects()).containsExactly("max_connections");
        assertThat(findings.get(0).remediation()).contains("--jobs ");
    }

    @Test
    void jobsWithinTheFreeConnectionsPass(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        passed(Validations.validate(source.endpoint(), target.endpoint(), MigrationMode.OFFLINE, 8), "free-connections");
    }

    @Test
    void moreTablesThanTheLockTableHoldsFail(
            PostgresServers servers,
            @Pg(instance = "target") TestDatabase target) {
        try (TestDatabase source = Validations.small(servers).createDatabase()) {
            // 10 locks x (20 connections + 1 autovacuum worker + launcher) = 220 locks; 250 tables, made in batches that fit
            for (int batch = 0; batch < 10; batch++) {
                source.execute("DO $$ BEGIN FOR i IN " + (batch * 25 + 1) + ".." + (batch * 25 + 25) + " LOOP"
                        + " EXECUTE format('CREATE TABLE public.t%s (id int)', i); END LOOP; END $$");
            }

            Finding finding = fired(Validations.offline(source, target), "lock-table-size", Severity.FAILED, "max_locks_per_transaction");
            assertThat(finding.message()).contains("250 tables, indexes and sequences", "about 220 locks");
            assertThat(finding.remediation()).contains("ALTER SYSTEM SET max_locks_per_transaction = 64;");
        }
    }

    @Test
    void aLockTableWithRoomPasses(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.t (id int PRIMARY KEY)");

        passed(Validations.offline(source, target), "lock-table-size");
    }
}
