package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationOption;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.TableProgress;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** A team's connection pool lends pgmigrate its connections and gets them back as they were. */
@ExtendWith(PostgresExtension.class)
class PooledConnectionsIT {
    private static final int POOL_SIZE = 10;

    /** What a session of the pool is: its backend, then the settings pgmigrate changes for its own sessions. */
    private static final String SESSION = "SELECT pg_catalog.pg_backend_pid()::text || ' ' || pg_catalog.concat_ws('|',"
            + " current_setting('search_path'), current_setting('TimeZone'), current_setting('statement_timeout'),"
            + " current_setting('synchronous_commit'), current_setting('maintenance_work_mem'), current_setting('DateStyle'),"
            + " current_setting('IntervalStyle'), current_setting('extra_float_digits'), current_setting('bytea_output'),"
            + " current_setting('lock_timeout'), current_setting('check_function_bodies'), current_setting('client_min_messages'),"
            + " current_setting('max_parallel_maintenance_workers'), current_setting('role'), current_setting('jit'),"
            + " pg_catalog.txid_current_if_assigned() IS NULL)";

    private static HikariDataSource pool(TestDatabase database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(PostgresServer.SUPERUSER);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        // settings of the team's own, which its application relies on
        config.setConnectionTimeout(10_000);
        config.setConnectionInitSql("SET search_path = app, public; SET TimeZone = 'Europe/Paris'; SET statement_timeout = '30s';"
                + " SET maintenance_work_mem = '16MB'");
        return new HikariDataSource(config);
    }

    /** Every connection of the pool, borrowed all at once so none is missed. */
    private static List<String> sessions(HikariDataSource pool) throws SQLException {
        List<Connection> borrowed = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                Connection c = pool.getConnection();
                borrowed.add(c);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SESSION)) {
                    rs.next();
                    sessions.add(rs.getString(1));
                }
            }
        } finally {
            for (Connection c : borrowed) {
                c.close();
            }
        }
        return sessions;
    }

    @Test
    void connectionsGoBackToThePoolWithTheSettingsTheyCameWith(@Pg(instance = "source", sample = true) TestDatabase source,
                                                              @Pg(instance = "target") TestDatabase target) throws SQLException {
        try (HikariDataSource sourcePool = pool(source); HikariDataSource targetPool = pool(target)) {
            List<String> sourceBefore = sessions(sourcePool);
            List<String> targetBefore = sessions(targetPool);
            assertThat(targetBefore).allSatisfy(s -> assertThat(s).contains("app, public|Europe/Paris|30s|", "|16MB|"));

            // validation first: its sessions come from the pools too
            MigrationResult result = Migration.from(Endpoint.of(sourcePool)).to(Endpoint.of(targetPool)).jobs(3)
                    .option(MigrationOption.VALIDATE_AND_MIGRATE).execute();

            assertThat(result.completed()).isTrue();
            // the same backends (returned, not replaced by the pool), each with the settings it had
            assertThat(sessions(sourcePool)).containsExactlyInAnyOrderElementsOf(sourceBefore);
            assertThat(sessions(targetPool)).containsExactlyInAnyOrderElementsOf(targetBefore);
            assertThat(target.queryValue("SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE datname = current_database()"
                    + " AND state LIKE 'idle in transaction%'")).isEqualTo("0");
        }
    }

    @Test
    void aCancelledRunGivesEveryConnectionBack(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target)
            throws Exception {
        // 10 MB at 500 kB/s: 20 s unless cancelled
        source.execute("CREATE TABLE public.big (id int PRIMARY KEY, v text);"
                + " INSERT INTO public.big SELECT i, repeat(md5(i::text), 3) FROM generate_series(1, 100000) i");
        CountDownLatch copying = new CountDownLatch(1);
        MigrationListener listener = new MigrationListener() {
            @Override
            public void tableProgress(TableProgress progress) {
                copying.countDown();
            }
        };
        try (HikariDataSource sourcePool = pool(source); HikariDataSource targetPool = pool(target)) {
            MigrationHandle handle = Migration.from(Endpoint.of(sourcePool)).to(Endpoint.of(targetPool)).jobs(2).throttle(500_000)
                    .listener(listener).start();
            assertThat(copying.await(1, TimeUnit.MINUTES)).isTrue();

            handle.cancel();

            assertThatThrownBy(handle::await).isInstanceOfSatisfying(PgMigrateException.class,
                    e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
            // every connection can be borrowed again (the aborted ones replaced), each as the pool makes them
            assertThat(sessions(sourcePool)).hasSize(POOL_SIZE).allSatisfy(s -> assertThat(s).contains("app, public|Europe/Paris|30s|"));
            assertThat(sessions(targetPool)).hasSize(POOL_SIZE).allSatisfy(s -> assertThat(s).contains("app, public|Europe/Paris|30s|"));
        }
    }
}
