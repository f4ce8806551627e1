package org.pgmigrate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.validation.Validations.PRELOAD_PG_STAT_STATEMENTS;
import static org.pgmigrate.validation.Validations.WAL_LOGICAL;
import static org.pgmigrate.validation.Validations.as;
import static org.pgmigrate.validation.Validations.fired;
import static org.pgmigrate.validation.Validations.loginRole;
import static org.pgmigrate.validation.Validations.passed;
import static org.pgmigrate.validation.Validations.skipped;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Finding;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;
import org.pgmigrate.testkit.junit5.PostgresServers;
import org.pgmigrate.validation.rules.online.LongRunningTransactionsRule;

/** Prerequisites and limits of online migration, on a server set up for it and on one that is not. */
@ExtendWith(PostgresExtension.class)
class OnlineRulesIT {
    private static final List<String> ONLINE = List.of("wal-level-logical", "free-replication-slots", "free-wal-senders",
            "replication-privilege", "publication-ownership", "tables-without-replica-identity", "unlogged-tables",
            "large-objects-online", "sequences-online", "ddl-not-replicated", "max-slot-wal-keep-size",
            "long-running-transactions", "inactive-replication-slots");

    @Test
    void aSourceSetUpForLogicalReplicationPassesEveryOnlineRule(
            @Pg(instance = "online", settings = {WAL_LOGICAL, PRELOAD_PG_STAT_STATEMENTS}) TestDatabase source,
            @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.with_pk (id int PRIMARY KEY); CREATE TABLE public.full_identity (a int);"
                + " ALTER TABLE public.full_identity REPLICA IDENTITY FULL;"
                + " CREATE TABLE public.by_index (a int NOT NULL); CREATE UNIQUE INDEX by_index_a ON public.by_index (a);"
                + " ALTER TABLE public.by_index REPLICA IDENTITY USING INDEX by_index_a");

        ValidationReport report = Validations.online(source, target);

        ONLINE.forEach(rule -> passed(report, rule));
    }

    @Test
    void onlineRulesDoNotRunForAnOfflineMigration(
            PostgresServers servers,
            @Pg(instance = "target") TestDatabase target) {
        try (TestDatabase source = Validations.small(servers).createDatabase()) {
            ValidationReport report = Validations.offline(source, target);

            ONLINE.forEach(rule -> skipped(report, rule));
        }
    }

    @Test
    void aSourceWithoutLogicalDecodingSlotsOrSendersFails(
            PostgresServers servers,
            @Pg(instance = "target") TestDatabase target) {
        try (TestDatabase source = Validations.small(servers).createDatabase()) {
            ValidationReport report = Validations.online(source, target);

            Finding wal = fired(report, "wal-level-logical", Severity.FAILED, "wal_level = replica");
            assertThat(wal.remediation()).contains("ALTER SYSTEM SET wal_level = logical;");
            fired(report, "free-replication-slots", Severity.FAILED, "max_replication_slots");
            fired(report, "free-wal-senders", Severity.FAILED, "max_wal_senders = 0, 0 in use");
            fired(report, "max-slot-wal-keep-size", Severity.WARNING, "max_slot_wal_keep_size = 64MB");
        }
    }

    @Test
    void aTargetWithoutRoomForAReplicationOriginFails(
            @Pg(instance = "online", settings = {WAL_LOGICAL, PRELOAD_PG_STAT_STATEMENTS}) TestDatabase source,
            PostgresServers servers) {
        try (TestDatabase target = Validations.small(servers).createDatabase()) {
            Finding finding = fired(Validations.online(source, target), "free-replication-slots", Severity.FAILED, "max_replication_slots");
            assertThat(finding.message()).startsWith("The target has max_replication_slots = 0");
        }
    }

    @Test
    void aSourceRoleThatMayNotReplicateOrPublishFails(
            @Pg(instance = "online", settings = {WAL_LOGICAL, PRELOAD_PG_STAT_STATEMENTS}) TestDatabase source,
            @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.orders (id int PRIMARY KEY)");
        loginRole(source.server(), "val_streamer", "val-secret", "");
        source.execute("GRANT SELECT ON public.orders TO val_streamer");

        ValidationReport report = Validations.validate(as(source, "val_streamer", "val-secret"), target.endpoint(), MigrationMode.ONLINE, 2);

        Finding replication = fired(report, "replication-privilege", Severity.FAILED, "val_streamer");
        assertThat(replication.remediation()).contains("ALTER ROLE val_streamer REPLICATION;");
        fired(report, "publication-ownership", Severity.FAILED, "database " + source.name() + " (CREATE)", "public.orders");
    }

    @Test
    void tablesThatCannotBeReplicatedAsTheyAreAreNamed(
            @Pg(instance = "online", settings = {WAL_LOGICAL, PRELOAD_PG_STAT_STATEMENTS}) TestDatabase source,
            @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE SCHEMA app; CREATE TABLE app.no_key (a int); CREATE TABLE app.\"Nothing\" (id int PRIMARY KEY);"
                + " ALTER TABLE app.\"Nothing\" REPLICA IDENTITY NOTHING; CREATE TABLE app.with_pk (id int PRIMARY KEY);"
                + " CREATE UNLOGGED TABLE app.cache (k text); CREATE SEQUENCE app.ticket;"
                + " CREATE TABLE app.events (at date, id int, PRIMARY KEY (at, id)) PARTITION BY RANGE (at);"
                + " CREATE TABLE app.events_2025 PARTITION OF app.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"
                + " SELECT lo_create(424300)");

        ValidationReport report = Validations.online(source, target);

        Finding identity = fired(report, "tables-without-replica-identity", Severity.FAILED, "app.no_key", "app.\"Nothing\"");
        assertThat(identity.objects()).hasSize(2);
        assertThat(identity.remediation()).contains("ALTER TABLE app.no_key REPLICA IDENTITY FULL;");
        fired(report, "unlogged-tables", Severity.WARNING, "app.cache");
        fired(report, "sequences-online", Severity.WARNING, "app.ticket");
        fired(report, "ddl-not-replicated", Severity.WARNING, "app.events");
        fired(report, "large-objects-online", Severity.WARNING, "large object 424300");
    }

    @Test
    void inactiveSlotsAndLongTransactionsWarn(
            @Pg(instance = "online", settings = {WAL_LOGICAL, PRELOAD_PG_STAT_STATEMENTS}) TestDatabase source,
            @Pg(instance = "target") TestDatabase target) throws Exception {
        source.execute("SELECT pg_create_physical_replication_slot('val_stale')");
        try (Connection open = source.connect(); Statement s = open.createStatement()) {
            open.setAutoCommit(false);
            s.execute("SELECT pg_catalog.txid_current()");
            Thread.sleep(50);
            // the built-in rules, with a long-running-transactions rule that counts 10 ms as long
            Validator strict = Validator.of(Validations.BUILT_IN.rules().stream()
                    .filter(r -> !r.id().equals("long-running-transactions")).toList())
                    .plus(new LongRunningTransactionsRule(Duration.ofMillis(10)) {});
            ValidationReport report = strict.validate(
                    Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE).request());

            fired(report, "inactive-replication-slots", Severity.WARNING, "'val_stale'");
            Finding longRunning = fired(report, "long-running-transactions", Severity.WARNING);
            assertThat(longRunning.objects()).anySatisfy(o -> assertThat(o).startsWith("session ").contains("of postgres"));
            open.rollback();
        } finally {
            source.execute("SELECT pg_drop_replication_slot('val_stale')");
        }
    }
}
