package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.TableVerification;
import org.pgmigrate.spi.copy.CopyContext;
import org.pgmigrate.spi.copy.CopyPlan;
import org.pgmigrate.spi.copy.CopyStrategy;
import org.pgmigrate.spi.copy.CopyTable;
import org.pgmigrate.spi.copy.RowSink;
import org.pgmigrate.spi.copy.RowTransform;
import org.pgmigrate.spi.copy.TextRows;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * Strategies of the user's own decide how chosen tables travel: one masks a column on the way,
 * one copies a table by ranges of a timestamp; the other tables take the built-in strategy, and
 * verification checks each table against what its strategy meant the target to hold.
 */
@ExtendWith(PostgresExtension.class)
class CopyStrategiesIT {
    private static final String SCHEMA = "CREATE TABLE public.customers (id int PRIMARY KEY, email text, note text);"
            + "INSERT INTO public.customers SELECT i, CASE WHEN i % 10 = 0 THEN NULL ELSE 'person' || i || '@example.com' END,"
            + " CASE WHEN i % 3 = 0 THEN E'tab\\there, back\\\\slash' ELSE 'plain ' || i END FROM generate_series(1, 3000) i;"
            + "CREATE TABLE public.events (id bigint PRIMARY KEY, at timestamptz NOT NULL, payload text);"
            + "INSERT INTO public.events SELECT i, timestamptz '2026-01-01 00:00+00' + i * interval '7 minutes', md5(i::text)"
            + " FROM generate_series(1, 20000) i;"
            + "CREATE TABLE public.codes (code char(8) PRIMARY KEY, label text);"
            + "INSERT INTO public.codes SELECT 'c' || i, 'label ' || i FROM generate_series(1, 500) i";

    /** Replaces every e-mail address by one made of the row's id, in the text format. */
    static final class MaskEmails implements RowTransform {
        private final int email;

        MaskEmails(int email) {
            this.email = email;
        }

        @Override
        public void transform(byte[] row, int offset, int length, RowSink out) throws SQLException {
            List<String> fields = new ArrayList<>(TextRows.fields(row, offset, length));
            if (fields.get(email) != null) {
                fields.set(email, "user" + fields.get(0) + "@masked.invalid");
            }
            byte[] masked = TextRows.row(fields);
            out.write(masked, 0, masked.length);
        }
    }

    /** Masks customers' e-mail addresses; copies events by weeks of {@code at}, or by the given parts. */
    static final class TeamStrategy implements CopyStrategy {
        private final List<String> eventParts;

        TeamStrategy(List<String> eventParts) {
            this.eventParts = eventParts;
        }

        @Override
        public Optional<CopyPlan> plan(CopyTable table, CopyContext context) throws SQLException {
            if (table.name().equals("customers")) {
                return Optional.of(CopyPlan.text().withTransform(new MaskEmails(table.fieldOf("email"))));
            }
            if (table.name().equals("events")) {
                return Optional.of(context.builtInPlan().withParts(eventParts != null ? eventParts : weeks(table, context)));
            }
            return Optional.empty();
        }

        private static List<String> weeks(CopyTable table, CopyContext context) throws SQLException {
            List<String> parts = new ArrayList<>();
            try (Statement s = context.source().createStatement();
                 ResultSet rs = s.executeQuery("SELECT w::date FROM generate_series((SELECT date_trunc('week', min(at)) FROM "
                         + table.qualifiedName() + "), (SELECT max(at) FROM " + table.qualifiedName() + "), interval '1 week') w")) {
                while (rs.next()) {
                    String week = rs.getString(1);
                    parts.add("at >= date '" + week + "' AND at < date '" + week + "' + 7");
                }
            }
            return parts;
        }
    }

    @Test
    void aMaskedColumnAndATableCopiedByTimeRangesAreVerifiedAsTheirStrategyMeantThem(
            @Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).jobs(2)
                .copyStrategy(new TeamStrategy(null)).execute();

        assertThat(target.queryValue("SELECT count(*) FROM public.customers WHERE email LIKE 'user%@masked.invalid'"
                + " AND email = 'user' || id || '@masked.invalid'")).isEqualTo("2700");
        assertThat(target.queryValue("SELECT count(*) FROM public.customers WHERE email IS NULL")).isEqualTo("300");
        String notes = "SELECT md5(string_agg(id || ':' || note, ',' ORDER BY id)) FROM public.customers";
        assertThat(target.queryValue(notes)).as("the other columns travel as they were, escapes included").isEqualTo(source.queryValue(notes));
        String events = "SELECT md5(string_agg(id || at::text || payload, ',' ORDER BY id)) FROM public.events";
        assertThat(target.queryValue(events)).isEqualTo(source.queryValue(events));
        assertThat(target.queryValue("SELECT string_agg(code || '|', '' ORDER BY code) FROM public.codes"))
                .isEqualTo(source.queryValue("SELECT string_agg(code || '|', '' ORDER BY code) FROM public.codes"));
        assertThat(result.verification()).hasValueSatisfying(v -> {
            assertThat(v.equal()).isTrue();
            assertThat(v.tables()).extracting(TableVerification::name).contains("customers", "events", "codes");
        });
        assertThat(result.options().get("copyStrategies")).isEqualTo(TeamStrategy.class.getName() + ", built-in");
    }

    @Test
    void partsThatMissRowsAreFoundByVerification(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);
        // the boundary row is in neither part
        List<String> gap = List.of("at < timestamptz '2026-01-30 04:00+00'", "at > timestamptz '2026-01-30 04:00+00'");
        assertThat(source.queryValue("SELECT id FROM public.events WHERE at = timestamptz '2026-01-30 04:00+00'")).isEqualTo("6000");

        assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).copyStrategy(new TeamStrategy(gap)).execute())
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.VERIFICATION_FAILED);
                    assertThat(e.getMessage()).contains("public.events", "20000 rows on the source, 19999 on the target");
                });
    }

    @Test
    void aStrategyThatFailsFailsTheRunNamingItAndTheTable(@Pg(instance = "source") TestDatabase source,
                                                          @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);
        CopyStrategy broken = (table, context) -> {
            if (table.name().equals("events")) {
                throw new IllegalStateException("no partition map for events");
            }
            return Optional.empty();
        };

        assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).copyStrategy(broken).execute())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("copy strategy").hasMessageContaining("\"public\".\"events\"")
                .hasMessageContaining("no partition map for events");
    }

    @Test
    void aTransformationThatThrowsEndsBothCopiesAndFailsTheRunNamingTheTable(@Pg(instance = "source") TestDatabase source,
                                                                              @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);
        CopyStrategy failing = (table, context) -> table.name().equals("customers")
                ? Optional.of(CopyPlan.text().withTransform((row, offset, length, out) -> {
                    throw new IllegalArgumentException("unexpected customer row");
                }))
                : Optional.empty();

        // before the fix the connections stayed inside their COPY and the run never ended
        assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).copyStrategy(failing).execute())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("Copying table \"public\".\"customers\" failed")
                .hasMessageContaining("unexpected customer row");
        // the run has closed its sessions; the server ends each backend a moment after its socket closes
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(target.queryValue("SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE datname = current_database()"
                        + " AND application_name = 'pgmigrate'")).as("no session of the run left").isEqualTo("0"));
    }
}
