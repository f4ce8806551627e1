package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.Phase;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.RoleSelection;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** Only one migration runs into a target database at a time. */
@ExtendWith(PostgresExtension.class)
class ConcurrentMigrationsIT {
    @ParameterizedTest(name = "second migration with roles {0}")
    @EnumSource(value = RoleSelection.class, names = {"NONE", "NEEDED"})
    void aSecondMigrationIntoTheSameDatabaseIsRefusedWhileTheFirstRuns(RoleSelection roles, @Pg(instance = "source") TestDatabase source,
                                                                       @Pg(instance = "source") TestDatabase otherSource,
                                                                       @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 1000)");
        otherSource.execute("CREATE TABLE other (id int)");
        AtomicReference<Throwable> second = new AtomicReference<>();
        MigrationListener startsASecondMigration = new MigrationListener() {
            @Override
            public void phaseStarted(Phase phase) {
                if (phase == Phase.DATA) {
                    try {
                        Migration.from(otherSource.endpoint()).to(target.endpoint()).roles(roles).execute();
                    } catch (RuntimeException e) {
                        second.set(e);
                    }
                }
            }
        };

        MigrationResult first = Migration.from(source.endpoint()).to(target.endpoint()).listener(startsASecondMigration).execute();

        assertThat(first.completed()).isTrue();
        assertThat(second.get()).isInstanceOfSatisfying(PgMigrateException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.TARGET_BUSY);
            assertThat(e.getMessage()).contains("Another pgmigrate migration is running into the target database", target.name(), "session");
        });
        assertThatDatabase(target).isEquivalentTo(source);
        // the lock went with the first migration's session: what stops a third one now is the data
        assertThatThrownBy(() -> Migration.from(otherSource.endpoint()).to(target.endpoint()).execute())
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TARGET_NOT_EMPTY));
    }
}
