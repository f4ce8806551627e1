package org.pgmigrate.engine;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.pgmigrate.Endpoint;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.TableProgress;
import org.pgmigrate.testkit.PostgresServer;

/**
 * An online migration in a process of its own, for tests that kill it: args are the source and
 * target JDBC URLs (superuser), a copy throttle in bytes per second (0 for none) and, optionally,
 * the size above which tables are copied in parts, then a table and a number of rows: a copy of
 * that table (or of one of its parts) that has read more stops there for good, so a test can
 * kill the process at a known point of the copy. Prints
 * {@code PROGRESS} while rows are copied and {@code STREAMING} once the stream has caught up,
 * then streams until it is killed.
 */
public final class ChildOnlineMigration {
    private ChildOnlineMigration() {}

    public static void main(String[] args) throws Exception {
        Endpoint source = Endpoint.builder().jdbcUrl(args[0]).user(PostgresServer.SUPERUSER).build();
        Endpoint target = Endpoint.builder().jdbcUrl(args[1]).user(PostgresServer.SUPERUSER).build();
        long throttle = Long.parseLong(args[2]);
        String stalledTable = args.length > 5 ? args[4] : null;
        long stallAfterRows = args.length > 5 ? Long.parseLong(args[5]) : Long.MAX_VALUE;
        Migration.Builder builder = Migration.from(source).to(target).mode(MigrationMode.ONLINE).jobs(2).listener(new MigrationListener() {
            @Override
            public void tableProgress(TableProgress progress) {
                System.out.println("PROGRESS " + progress.qualifiedName() + " " + progress.rows());
                System.out.flush();
                if (progress.qualifiedName().equals(stalledTable) && progress.rows() > stallAfterRows) {
                    stall();
                }
            }
        });
        if (throttle > 0) {
            builder.throttle(throttle);
        }
        if (args.length > 3) {
            builder.splitTablesLargerThan(Long.parseLong(args[3]));
        }
        try (MigrationHandle handle = builder.start()) {
            while (!handle.awaitCaughtUp(Duration.ofSeconds(10))) {
                System.out.println("WAITING");
            }
            System.out.println("STREAMING");
            System.out.flush();
            handle.await();
        }
    }

    /** Holds the calling worker until the process is killed. */
    private static void stall() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
