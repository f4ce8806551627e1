package org.pgmigrate.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.pgmigrate.Endpoint;
import org.pgmigrate.Finding;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.PostgresServers;

/** Runs validations for tests and checks what one rule found. */
final class Validations {
    static final Validator BUILT_IN = Validator.withDiscoveredRules();

    /** Settings of the "online" server, which online migration can use; tests that share it list them in this order. */
    static final String WAL_LOGICAL = "wal_level=logical";
    static final String PRELOAD_PG_STAT_STATEMENTS = "shared_preload_libraries=pg_stat_statements";

    /** Settings of a server short of everything online migration and big catalogs need. */
    private static final String[] SMALL = {"max_wal_senders=0", "max_replication_slots=0", "max_slot_wal_keep_size=64MB",
        "max_connections=20", "max_locks_per_transaction=10", "max_prepared_transactions=0", "max_worker_processes=0",
        "autovacuum_max_workers=1"};

    private Validations() {}

    /** The "small" server: no WAL senders or slots, a WAL limit for slots, 20 connections, a lock table of 220 locks. */
    static PostgresServer small(PostgresServers servers) {
        return servers.server(17, "small", SMALL);
    }

    static ValidationReport validate(Endpoint source, Endpoint target, MigrationMode mode, int jobs) {
        MigrationRequest request = Migration.from(source).to(target).mode(mode).jobs(jobs).request();
        return BUILT_IN.validate(request);
    }

    static ValidationReport offline(TestDatabase source, TestDatabase target) {
        return validate(source.endpoint(), target.endpoint(), MigrationMode.OFFLINE, 2);
    }

    static ValidationReport online(TestDatabase source, TestDatabase target) {
        return validate(source.endpoint(), target.endpoint(), MigrationMode.ONLINE, 2);
    }

    /** The endpoint of {@code database} for a role that logs in with a password. */
    static Endpoint as(TestDatabase database, String role, String password) {
        return Endpoint.builder().jdbcUrl(database.jdbcUrl()).user(role).password(password).build();
    }

    /** Creates a login role on the server unless it exists (roles outlive the test's databases). */
    static void loginRole(PostgresServer server, String role, String password, String attributes) {
        server.execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN"
                + " CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "' " + attributes + "; END IF; END $$");
    }

    /** Creates a role without login on the server unless it exists. */
    static void role(PostgresServer server, String role) {
        server.execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN"
                + " CREATE ROLE \"" + role + "\"; END IF; END $$");
    }

    /** The single finding of {@code rule}, which must have {@code severity} and name every one of {@code objects}. */
    static Finding fired(ValidationReport report, String rule, Severity severity, String... objects) {
        List<Finding> findings = report.findingsOf(rule);
        assertThat(findings).as("findings of %s in%n%s", rule, report.toText()).hasSize(1);
        Finding finding = findings.get(0);
        assertThat(finding.severity()).as("severity of %s: %s", rule, finding).isEqualTo(severity);
        assertThat(finding.objects()).as("objects of %s", rule).isNotEmpty();
        if (objects.length > 0) {
            assertThat(finding.objects()).as("objects of %s", rule).contains(objects);
        }
        for (String object : objects) {
            assertThat(finding.message()).as("message of %s", rule).contains(object);
        }
        assertThat(finding.remediation()).as("remediation of %s", rule).isNotBlank();
        return finding;
    }

    /** {@code rule} ran and found nothing in the way. */
    static Finding passed(ValidationReport report, String rule) {
        List<Finding> findings = report.findingsOf(rule);
        assertThat(findings).as("findings of %s in%n%s", rule, report.toText()).hasSize(1);
        assertThat(findings.get(0).severity()).as("%s", findings.get(0)).isEqualTo(Severity.SUCCEEDED);
        assertThat(findings.get(0).objects()).isEmpty();
        return findings.get(0);
    }

    /** {@code rule} did not run (another mode, versions, or a server it reads was not reached). */
    static void skipped(ValidationReport report, String rule) {
        assertThat(report.findingsOf(rule)).as("findings of %s in%n%s", rule, report.toText()).isEmpty();
    }
}
