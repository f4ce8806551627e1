package org.pgmigrate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.validation.Validations.as;
import static org.pgmigrate.validation.Validations.fired;
import static org.pgmigrate.validation.Validations.loginRole;
import static org.pgmigrate.validation.Validations.passed;
import static org.pgmigrate.validation.Validations.skipped;

import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Endpoint;
import org.pgmigrate.Finding;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** Connection problems are findings of the report, one rule per step of connecting. */
@ExtendWith(PostgresExtension.class)
class ConnectivityRulesIT {
    private static final List<String> CONNECTIVITY = List.of("server-reachable", "credentials-accepted", "database-exists",
            "connect-privilege", "database-accepts-connections");

    @Test
    void reachableServersPassEveryConnectivityRule(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        ValidationReport report = Validations.offline(source, target);

        CONNECTIVITY.forEach(rule -> passed(report, rule));
        assertThat(report.source()).hasValueSatisfying(s -> assertThat(s.database()).isEqualTo(source.name()));
        assertThat(report.target()).hasValueSatisfying(t -> assertThat(t.majorVersion()).isEqualTo(17));
    }

    @Test
    void anUnreachableTargetFailsAndOnlySourceRulesRun(@Pg(instance = "source") TestDatabase source) throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        Endpoint nowhere = Endpoint.of("postgresql://postgres@localhost:" + freePort + "/shop?connect_timeout=5");

        ValidationReport report = Validations.validate(source.endpoint(), nowhere, MigrationMode.OFFLINE, 2);

        Finding finding = fired(report, "server-reachable", Severity.FAILED, nowhere.toString());
        assertThat(finding.message()).contains("target");
        assertThat(report.outcome()).isEqualTo(Severity.FAILED);
        assertThat(report.target()).isEmpty();
        skipped(report, "credentials-accepted");
        skipped(report, "target-database-empty");
        passed(report, "source-table-select");
    }

    @Test
    void aWrongPasswordFailsWithoutShowingIt(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        loginRole(target.server(), "val_app", "right-password", "");
        Endpoint wrong = as(target, "val_app", "Wr0ng-Secret");

        ValidationReport report = Validations.validate(source.endpoint(), wrong, MigrationMode.OFFLINE, 2);

        fired(report, "credentials-accepted", Severity.FAILED, wrong.toString());
        passed(report, "server-reachable");
        assertThat(report.toText()).doesNotContain("Wr0ng-Secret");
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.message() + f.remediation()).doesNotContain("Wr0ng-Secret"));
    }

    @Test
    void aMissingDatabaseFails(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        Endpoint missing = target.endpoint().withDatabase("no_such_db");

        ValidationReport report = Validations.validate(source.endpoint(), missing, MigrationMode.OFFLINE, 2);

        Finding finding = fired(report, "database-exists", Severity.FAILED, missing.toString());
        assertThat(finding.message()).contains("no_such_db");
        assertThat(finding.remediation()).contains("CREATE DATABASE");
        passed(report, "credentials-accepted");
    }

    @Test
    void aRoleWithoutConnectPrivilegeFails(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        loginRole(target.server(), "val_app", "right-password", "");
        target.execute("REVOKE CONNECT ON DATABASE " + target.name() + " FROM PUBLIC");
        Endpoint app = as(target, "val_app", "right-password");

        ValidationReport report = Validations.validate(source.endpoint(), app, MigrationMode.OFFLINE, 2);

        fired(report, "connect-privilege", Severity.FAILED, app.toString());
        passed(report, "database-exists");
    }

    @Test
    void aDatabaseThatRefusesConnectionsFails(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        target.server().execute("postgres", "ALTER DATABASE " + target.name() + " ALLOW_CONNECTIONS false");

        ValidationReport report = Validations.offline(source, target);

        fired(report, "database-accepts-connections", Severity.FAILED, target.endpoint().toString());
        passed(report, "connect-privilege");
    }
}
