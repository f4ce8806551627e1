package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.TableProgress;
import org.pgmigrate.TableVerification;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.VerificationDifference.Kind;
import org.pgmigrate.VerificationPolicy;
import org.pgmigrate.VerificationReport;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** Verification passes on an equal copy and names every kind of difference. */
@ExtendWith(PostgresExtension.class)
class VerificationIT {
    private static final String SCHEMA = "CREATE TABLE items (id int PRIMARY KEY, name text, price numeric, weight float8);"
            + "INSERT INTO items SELECT g, 'item ' || g, g * 1.5, g / 3.0 FROM generate_series(1, 1000) g;"
            + "CREATE INDEX items_name ON items (name);"
            + "CREATE TABLE notes (body text);"
            + "INSERT INTO notes SELECT 'note ' || g FROM generate_series(1, 50) g;"
            + "CREATE SEQUENCE ticket; SELECT setval('ticket', 42);";

    private static MigrationResult copy(TestDatabase source, TestDatabase target) {
        source.execute(SCHEMA);
        return Migration.from(source.endpoint()).to(target.endpoint()).verification(VerificationPolicy.SKIP).execute();
    }

    private static VerificationReport verify(TestDatabase source, TestDatabase target) {
        return Migration.from(source.endpoint()).to(target.endpoint()).verify();
    }

    /**
     * A listener that changes the target once the migration has copied {@code table}'s rows:
     * verification compares a table from then on (its indexes may still be building).
     */
    private static MigrationListener whenCopied(String table, Runnable change) {
        return new MigrationListener() {
            @Override
            public void tableCopied(TableProgress copied) {
                if (copied.qualifiedName().equals(table)) {
                    change.run();
                }
            }
        };
    }

    private static TableVerification table(VerificationReport report, String name) {
        return report.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<VerificationDifference> differences(VerificationReport report, Kind kind) {
        return report.differences().stream().filter(d -> d.kind() == kind).toList();
    }

    @Test
    void anEqualCopyVerifies(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        MigrationResult result = copy(source, target);
        assertThat(result.verification()).isEmpty();
        VerificationReport report = verify(source, target);
        assertThat(report.differences()).isEmpty();
        assertThat(report.equal()).isTrue();
        assertThat(report.tables()).extracting(TableVerification::qualifiedName).containsExactly("public.items", "public.notes");
        assertThat(report.tables()).allMatch(TableVerification::equal);
        assertThat(report.tables().get(0).sourceRows()).isEqualTo(1000);
    }

    @Test
    void aDeletedRowIsLocatedToAKeyRange(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        copy(source, target);
        target.execute("DELETE FROM items WHERE id = 777");
        VerificationReport report = verify(source, target);
        TableVerification items = table(report, "items");
        assertThat(items.equal()).isFalse();
        assertThat(items.sourceRows()).isEqualTo(1000);
        assertThat(items.targetRows()).isEqualTo(999);
        assertThat(items.differingRanges()).hasSize(1);
        String range = items.differingRanges().get(0);
        assertThat(source.queryValue("SELECT count(*) FROM items WHERE (" + range + ") AND id = 777")).isEqualTo("1");
        assertThat(source.queryValue("SELECT count(*) FROM items WHERE " + range)).isNotEqualTo("1000");
        assertThat(differences(report, Kind.TABLE_DATA)).singleElement()
                .satisfies(d -> assertThat(d.object()).isEqualTo("public.items"))
                .satisfies(d -> assertThat(d.detail()).contains("1000 rows on the source, 999 on the target"));
    }

    @Test
    void aChangedValueWithTheSameRowCountIsFound(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        copy(source, target);
        target.execute("UPDATE notes SET body = 'note 0' WHERE body = 'note 7'");
        VerificationReport report = verify(source, target);
        assertThat(differences(report, Kind.TABLE_DATA)).singleElement()
                .satisfies(d -> assertThat(d.object()).isEqualTo("public.notes"))
                .satisfies(d -> assertThat(d.detail()).contains("same row count (50) but different content"));
    }

    @Test
    void anExtraRowIsFound(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        copy(source, target);
        target.execute("INSERT INTO items VALUES (5000, 'extra', 1, 1)");
        VerificationReport report = verify(source, target);
        TableVerification items = table(report, "items");
        assertThat(items.targetRows()).isEqualTo(1001);
        assertThat(items.differingRanges()).singleElement().satisfies(r ->
                assertThat(target.queryValue("SELECT count(*) FROM items WHERE (" + r + ") AND id = 5000")).isEqualTo("1"));
    }

    @Test
    void aChangedFloatInItsLastBitIsFound(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        copy(source, target);
        target.execute("UPDATE items SET weight = weight + weight * 1e-16 WHERE id = 10");
        assertThat(target.queryValue("SELECT weight <> 10 / 3.0::float8 FROM items WHERE id = 10")).isEqualTo("t");
        assertThat(differences(verify(source, target), Kind.TABLE_DATA)).extracting(VerificationDifference::object).containsExactly("public.items");
    }

    @Test
    void aChangedCharacterInALargeToastedValueIsFound(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE documents (id int PRIMARY KEY, body text);"
                + "INSERT INTO documents SELECT g, (SELECT string_agg(md5((g * 1000 + i)::text), '') FROM generate_series(1, 4000) i)"
                + " FROM generate_series(1, 3) g");
        copy(source, target);
        assertThat(target.queryValue("SELECT pg_total_relation_size(reltoastrelid) > 100000 FROM pg_class WHERE relname = 'documents'"))
                .as("the values live in the TOAST table").isEqualTo("t");
        target.execute("UPDATE documents SET body = overlay(body PLACING (CASE WHEN substr(body, 60000, 1) = 'a' THEN 'b' ELSE 'a' END)"
                + " FROM 60000 FOR 1) WHERE id = 2");
        assertThat(differences(verify(source, target), Kind.TABLE_DATA)).singleElement()
                .satisfies(d -> assertThat(d.object()).isEqualTo("public.documents"))
                .satisfies(d -> assertThat(d.detail()).contains("same row count (3) but different content"));
    }

    @Test
    void aRowMovedToAnotherChildTableIsFoundInBoth(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE readings (id int, value int); CREATE TABLE readings_a () INHERITS (readings);"
                + "CREATE TABLE readings_b () INHERITS (readings);"
                + "INSERT INTO readings_a SELECT g, g FROM generate_series(1, 10) g; INSERT INTO readings_b SELECT g, g FROM generate_series(11, 20) g");
        copy(source, target);
        target.execute("WITH moved AS (DELETE FROM readings_a WHERE id = 5 RETURNING *) INSERT INTO readings_b SELECT * FROM moved");
        assertThat(target.queryValue("SELECT count(*) FROM readings")).as("the hierarchy holds the same rows").isEqualTo("20");
        assertThat(differences(verify(source, target), Kind.TABLE_DATA)).extracting(VerificationDifference::object)
                .containsExactlyInAnyOrder("public.readings_a", "public.readings_b");
    }

    @Test
    void characterValuesCompareAsStoredWithTheirPadding(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE codes (id int PRIMARY KEY, code character(6), label varchar(6));"
                + "INSERT INTO codes SELECT g, 'c' || g, 'l' || g FROM generate_series(1, 20) g");
        // the default run digests the source's padded rows while the copy sends them trimmed
        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).execute();
        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
        target.execute("UPDATE codes SET code = 'c1' WHERE id = 1");
        assertThat(verify(source, target).equal()).as("character(6) pads 'c1' as the source stored it").isTrue();
        target.execute("UPDATE codes SET label = 'l2 ' WHERE id = 2");
        assertThat(differences(verify(source, target), Kind.TABLE_DATA)).as("a varchar keeps a trailing space")
                .extracting(VerificationDifference::object).containsExactly("public.codes");
    }

    @Test
    void tablesReadInPartsStillLocateADifference(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);
        MigrationListener tamper = whenCopied("public.items", () -> target.execute("UPDATE items SET price = price + 1 WHERE id = 900"));
        // every table above one byte is copied in parts: the parts' digests summed against the target's
        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).splitTablesLargerThan(1)
                .verification(VerificationPolicy.WARN_ON_DIFFERENCE).listener(tamper).execute();
        TableVerification items = table(result.verification().orElseThrow(), "items");
        assertThat(items.equal()).isFalse();
        assertThat(items.differingRanges()).singleElement().satisfies(range ->
                assertThat(source.queryValue("SELECT count(*) FROM items WHERE (" + range + ") AND id = 900")).isEqualTo("1"));
        assertThat(result.verification().orElseThrow().tables()).filteredOn(t -> !t.name().equals("items")).allMatch(TableVerification::equal);
        target.execute("UPDATE items SET price = price - 1 WHERE id = 900");
        assertThat(Migration.from(source.endpoint()).to(target.endpoint()).splitTablesLargerThan(1).verify().equal())
                .as("both sides read in parts").isTrue();
    }

    @Test
    void aChangedSequenceIsFound(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        copy(source, target);
        target.execute("SELECT nextval('ticket')");
        assertThat(differences(verify(source, target), Kind.SEQUENCE)).singleElement()
                .satisfies(d -> assertThat(d.object()).isEqualTo("public.ticket"))
                .satisfies(d -> assertThat(d.detail()).contains("source at 42").contains("target at 43"));
    }

    @Test
    void aChangedIndexDefinitionIsFound(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        copy(source, target);
        target.execute("DROP INDEX items_name; CREATE INDEX items_name ON items (name DESC)");
        VerificationReport report = verify(source, target);
        assertThat(differences(report, Kind.SCHEMA)).singleElement()
                .satisfies(d -> assertThat(d.object()).contains("items_name"))
                .satisfies(d -> assertThat(d.detail()).contains("DESC"));
        assertThat(differences(report, Kind.TABLE_DATA)).isEmpty();
    }

    @Test
    void anEnumLabelAddedOnTheTargetIsFound(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')");
        copy(source, target);
        target.execute("ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy'");
        assertThat(verify(source, target).differences()).singleElement()
                .satisfies(d -> assertThat(d.object()).isEqualTo("type public.mood"))
                .satisfies(d -> assertThat(d.detail()).contains("label 'happy': position is '2' on the source, '3' on the target")
                        .contains("label 'ok': exists on the target only"));
    }

    @Test
    void aTableIsComparedAsSoonAsItIsFinished(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);
        List<String> events = new CopyOnWriteArrayList<>();
        MigrationListener recorder = new MigrationListener() {
            @Override
            public void phaseStarted(Phase phase) {
                events.add(phase.name());
            }

            @Override
            public void tableVerified(TableVerification verification) {
                events.add("verified " + verification.qualifiedName());
            }
        };
        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).listener(recorder).execute();
        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.tables()).hasSize(2).allMatch(TableVerification::equal));
        assertThat(events.indexOf("verified public.items")).as("items compared before the foreign keys' phase, during the copy")
                .isGreaterThan(events.indexOf("DATA")).isLessThan(events.indexOf("FOREIGN_KEYS"));
        assertThat(events).containsOnlyOnce("verified public.items");
    }

    @Test
    void theSourceCatalogsAreReadInTheSnapshotWhileTheSchemaIsCreated(@Pg(instance = "source") TestDatabase source,
                                                                       @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);
        // changes made to the source once the snapshot is taken are neither migrated nor compared
        MigrationListener changesTheSource = new MigrationListener() {
            @Override
            public void phaseFinished(PhaseResult result) {
                if (result.phase() == Phase.SNAPSHOT) {
                    source.execute("COMMENT ON TABLE items IS 'after the snapshot'; CREATE INDEX items_price ON items (price);"
                            + " DELETE FROM notes");
                }
            }
        };
        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).listener(changesTheSource).execute();

        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.differences()).isEmpty());
        assertThat(target.queryValue("SELECT pg_catalog.obj_description('items'::regclass, 'pg_class')")).isNull();
        assertThat(target.queryValue("SELECT count(*) FROM pg_catalog.pg_indexes WHERE indexname = 'items_price'")).isEqualTo("0");
        assertThat(target.queryValue("SELECT count(*) FROM notes")).isEqualTo("50");
        Instant dataStarted = result.phases().stream().filter(p -> p.phase() == Phase.DATA).findFirst().orElseThrow().startedAt().orElseThrow();
        assertThat(result.timeline()).filteredOn(e -> e.part().equals("source catalogs")).singleElement().satisfies(e -> {
            assertThat(e.lane()).as("on a connection of its own, not a worker's").isZero();
            assertThat(e.start()).as("beside the schema's creation, before the copy").isBefore(dataStarted);
        });
        assertThat(result.timeline()).filteredOn(e -> e.part().equals("target catalogs")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.lane()).isBetween(1, 2));
    }

    @Test
    void aDifferenceDuringTheMigrationFailsItWithTheReport(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);
        MigrationListener tamper = whenCopied("public.notes", () -> target.execute("DELETE FROM notes WHERE body = 'note 3'"));
        assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).listener(tamper).execute())
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.VERIFICATION_FAILED);
                    assertThat(e.getMessage()).contains("public.notes").contains("50 rows on the source, 49 on the target");
                    assertThat(e.partialResult().verification()).hasValueSatisfying(r -> assertThat(r.equal()).isFalse());
                });
    }

    @Test
    void rowsTradingTheirValuesOfAColumnDuringTheMigrationAreFound(@Pg(instance = "source") TestDatabase source,
                                                                   @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);
        // each column holds the same values as before, in other rows: a digest adding up column
        // hashes would miss it
        MigrationListener tamper = whenCopied("public.items", () -> target.execute(
                "UPDATE items SET name = CASE id WHEN 1 THEN 'item 2' ELSE 'item 1' END WHERE id IN (1, 2)"));
        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint())
                .verification(VerificationPolicy.WARN_ON_DIFFERENCE).listener(tamper).execute();
        TableVerification items = table(result.verification().orElseThrow(), "items");
        assertThat(items.equal()).isFalse();
        assertThat(items.differingRanges()).singleElement().satisfies(range ->
                assertThat(source.queryValue("SELECT count(*) FROM items WHERE (" + range + ") AND id IN (1, 2)")).isEqualTo("2"));
    }

    @Test
    void aTableTheTargetCannotHashInPlaceIsReadOnBothSides(@Pg(instance = "source") TestDatabase source,
                                                           @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);
        // items has more than a page, which is hashed in place: the target's query names numeric_send(price), which a
        // text column does not take
        MigrationListener tamper = whenCopied("public.items", () -> target.execute("ALTER TABLE items ALTER price TYPE text"));
        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint())
                .verification(VerificationPolicy.WARN_ON_DIFFERENCE).listener(tamper).execute();
        VerificationReport report = result.verification().orElseThrow();
        assertThat(differences(report, Kind.TABLE_DATA)).singleElement()
                .satisfies(d -> assertThat(d.object()).isEqualTo("public.items"))
                .satisfies(d -> assertThat(d.detail()).contains("same row count (1000) but different content"));
        assertThat(table(report, "notes").equal()).isTrue();
    }

    @Test
    void warnOnDifferenceCompletesWithAWarning(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);
        MigrationListener tamper = whenCopied("public.items", () -> target.execute("UPDATE items SET name = 'changed' WHERE id = 1"));
        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint())
                .verification(VerificationPolicy.WARN_ON_DIFFERENCE).listener(tamper).execute();
        assertThat(result.completed()).isTrue();
        assertThat(result.warnings()).anySatisfy(w -> {
            assertThat(w.code()).isEqualTo("verification-difference");
            assertThat(w.objects()).contains("public.items");
        });
    }
}
