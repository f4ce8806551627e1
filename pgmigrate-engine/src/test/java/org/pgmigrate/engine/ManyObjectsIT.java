package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.VerificationPolicy;
import org.pgmigrate.VerificationReport;
import org.pgmigrate.testkit.DatabaseAssertions;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * The number of statements the engine sends to the source does not grow with the number of
 * objects: catalogs are read with set-based queries, rows travel by COPY, and verification
 * compares the digests the copy took with the target's rows, reading the source's catalogs in
 * set-based queries too.
 */
@ExtendWith(PostgresExtension.class)
class ManyObjectsIT {
    /** {@code tables} tables, each with a serial key (a sequence, half never used), an index and a foreign key. */
    private static void create(TestDatabase db, int tables) {
        db.execute("CREATE TABLE parent (id int PRIMARY KEY); INSERT INTO parent VALUES (1)");
        db.execute("DO $$ BEGIN FOR i IN 1.." + tables + " LOOP"
                + " EXECUTE format('CREATE TABLE t%s (id serial PRIMARY KEY, parent int REFERENCES parent, note text)', i);"
                + " EXECUTE format('CREATE INDEX ON t%s (note)', i);"
                + " IF i % 2 = 0 THEN EXECUTE format('INSERT INTO t%s (parent, note) VALUES (1, ''x'')', i); END IF;"
                + " END LOOP; END $$");
    }

    @Test
    void sourceStatementsStayTheSameFromSixtyToThreeHundredTables(@Pg(instance = "source") TestDatabase small,
                                                                  @Pg(instance = "source") TestDatabase large,
                                                                  @Pg(instance = "target") TestDatabase smallTarget,
                                                                  @Pg(instance = "target") TestDatabase largeTarget) {
        // small tables copy fifty to a job: at least two jobs either way, so that both workers open their sessions
        create(small, 60);
        create(large, 300);

        int smallCount = statementsSentToSource(small, smallTarget, VerificationPolicy.SKIP);
        int largeCount = statementsSentToSource(large, largeTarget, VerificationPolicy.SKIP);

        assertThat(smallCount).as("statements for 60 tables").isGreaterThan(20);
        assertThat(largeCount).as("statements for 300 tables vs 60").isEqualTo(smallCount);
        DatabaseAssertions.assertThatDatabase(largeTarget).isEquivalentTo(large);
    }

    @Test
    void verifiedRunsToo(@Pg(instance = "source") TestDatabase small, @Pg(instance = "source") TestDatabase large,
                         @Pg(instance = "target") TestDatabase smallTarget, @Pg(instance = "target") TestDatabase largeTarget) {
        create(small, 60);
        create(large, 300);

        int smallCount = statementsSentToSource(small, smallTarget, VerificationPolicy.FAIL_ON_DIFFERENCE);
        int largeCount = statementsSentToSource(large, largeTarget, VerificationPolicy.FAIL_ON_DIFFERENCE);

        assertThat(largeCount).as("statements of a verified run for 300 tables vs 60").isEqualTo(smallCount);
    }

    @Test
    void smallTablesCopyWithTheirIndexesManyToATransaction(@Pg(instance = "source") TestDatabase source,
                                                           @Pg(instance = "target") TestDatabase target) {
        create(source, 120);

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).execute();

        assertThat(result.completed()).isTrue();
        assertThat(result.tables()).hasSize(121);
        DatabaseAssertions.assertThatDatabase(target).isEquivalentTo(source);
        // rows written in one transaction carry its id as xmin: 60 tables with a row, one by one, would show 60
        String rowsOfEvenTables = IntStream.rangeClosed(1, 60)
                .mapToObj(i -> "SELECT xmin::text AS x FROM t" + (2 * i)).collect(Collectors.joining(" UNION ALL "));
        int transactions = Integer.parseInt(target.queryValue("SELECT count(DISTINCT x) FROM (" + rowsOfEvenTables + ") rows"));
        assertThat(transactions).as("transactions that wrote the rows of 60 small tables").isBetween(1, 5);
        // each table's primary key and index were built in its table's transaction, not in a later one
        String indexTransactions = target.queryValue("SELECT count(DISTINCT c.xmin::text) FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid JOIN pg_catalog.pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public' AND t.relname ~ '^t[0-9]+$'");
        assertThat(Integer.parseInt(indexTransactions)).as("transactions that built the indexes of 120 small tables").isBetween(1, 5);
        // tables this run created are empty: none was emptied again (TRUNCATE gives a table a new relfilenode)
        assertThat(target.queryValue("SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname ~ '^t[0-9]+$' AND c.relfilenode <> c.oid")).isEqualTo("0");
    }

    @Test
    void anIndexThatFailsAmongSmallTablesSentTogetherIsNamed(@Pg(instance = "source") TestDatabase source,
                                                             @Pg(instance = "target") TestDatabase target) {
        create(source, 60);
        // once the tables exist on the target, an index there takes the name one of theirs will need
        MigrationListener clash = new MigrationListener() {
            @Override
            public void phaseFinished(PhaseResult result) {
                if (result.phase() == Phase.PRE_DATA) {
                    target.execute("CREATE INDEX t37_note_idx ON t37 (id)");
                }
            }
        };

        assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).listener(clash).execute())
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.MIGRATION_FAILED);
                    assertThat(e.getMessage()).contains("Creating index \"public\".\"t37_note_idx\" on the target failed", "already exists",
                            "SQLSTATE 42P07", "Statement: CREATE INDEX t37_note_idx ON public.t37");
                });
    }

    private static int statementsSentToSource(TestDatabase source, TestDatabase target, VerificationPolicy verification) {
        AtomicInteger statements = new AtomicInteger();
        MigrationResult result = Migration.from(Endpoint.of(CountingDataSource.counting(source, statements))).to(target.endpoint())
                .jobs(2).verification(verification).execute();
        assertThat(result.completed()).isTrue();
        assertThat(result.verification().map(VerificationReport::equal))
                .isEqualTo(verification == VerificationPolicy.SKIP ? Optional.empty() : Optional.of(true));
        return statements.get();
    }
}
