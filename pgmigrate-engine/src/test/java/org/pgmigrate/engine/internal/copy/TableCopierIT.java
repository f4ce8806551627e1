package org.pgmigrate.engine.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.engine.internal.schema.TableColumn;
import org.pgmigrate.engine.internal.schema.TableData;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;
import org.postgresql.PGConnection;

@ExtendWith(PostgresExtension.class)
class TableCopierIT {
    @Test
    void aTargetConnectionAbortedMidCopyEndsTheCopyWithItsError(@Pg(instance = "source") TestDatabase source,
                                                                @Pg(instance = "target") TestDatabase target) throws Exception {
        source.execute("CREATE TABLE public.t (id int, v text); INSERT INTO public.t SELECT i, repeat('x', 100) FROM generate_series(1, 100000) i");
        target.execute("CREATE TABLE public.t (id int, v text)");
        TableData table = new TableData(1, "\"public\".\"t\"", "public", "t",
                List.of(new TableColumn("\"id\"", TableColumn.Floats.NONE, true, false), new TableColumn("\"v\"", TableColumn.Floats.NONE, true, false)), null, 0, 0, null);
        // about 11 MB at 2 MB/s: still copying a second in
        Throttle slow = new Throttle(2_000_000, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
        try (Connection from = source.connect(); Connection to = target.connect()) {
            to.setAutoCommit(false);
            // as a cancelled run stops its sessions: statements cancelled, then sockets closed
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> {
                try {
                    from.unwrap(PGConnection.class).cancelQuery();
                    to.unwrap(PGConnection.class).cancelQuery();
                    to.abort(Runnable::run);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });

            // pgjdbc's CopyIn.cancelCopy() on a dead socket would retry for ever
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> TableCopier.copy(table, from, to,
                    new TableCopier.Options(false, false, null, slow, false, null, null, Throttle.NONE), (rows, bytes) -> { }))
                    .isInstanceOf(SQLException.class));
        }
        assertThat(target.queryValue("SELECT count(*) FROM public.t")).isEqualTo("0");
    }
}
