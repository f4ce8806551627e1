package org.pgmigrate.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.pgmigrate.engine.internal.jdbc.TransientErrors;
import org.pgmigrate.testkit.TestDatabase;

/**
 * A source schema with every case online migration must get right, and a writer that keeps
 * changing it from a thread of its own: inserts, updates and deletes, key changes, updates that
 * leave TOASTed values unchanged, tables with a primary key, with REPLICA IDENTITY USING INDEX
 * and with REPLICA IDENTITY FULL (and duplicate rows), GENERATED ALWAYS identity columns,
 * stored and (18) virtual generated columns,
 * sequences, truncates, and large transactions on request. {@code online.guard} has a unique key
 * and only ever receives inserts, so a transaction applied twice on the target fails loudly.
 * A workload that {@link #startFollowing follows} the source's primary reconnects when its
 * connection breaks, as applications do through a failover.
 */
final class OnlineWorkload implements AutoCloseable {
    private final Callable<Connection> connect;
    /** Whether a broken connection is opened again (a failover), rather than failing the workload. */
    private final boolean reconnects;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong reconnections = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    private OnlineWorkload(Callable<Connection> connect, boolean reconnects) {
        this.connect = connect;
        this.reconnects = reconnects;
        this.thread = new Thread(this::write, "online-workload");
    }

    static void createSchema(TestDatabase source, int major) {
        source.execute("CREATE SCHEMA online;"
                + "CREATE TABLE online.items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, qty int"
                + (major >= 12 ? ", doubled int GENERATED ALWAYS AS (qty * 2) STORED" : "")
                + (major >= 18 ? ", tripled int GENERATED ALWAYS AS (qty * 3) VIRTUAL" : "") + ");"
                + "CREATE TABLE online.events (id serial PRIMARY KEY, payload text, at timestamptz DEFAULT now());"
                + "CREATE TABLE online.docs (id int PRIMARY KEY, title text, body text);"
                + "CREATE TABLE online.no_key (a int, b text);"
                + "ALTER TABLE online.no_key REPLICA IDENTITY FULL;"
                + "CREATE TABLE online.by_index (code text NOT NULL, v int);"
                + "CREATE UNIQUE INDEX by_index_code ON online.by_index (code);"
                + "ALTER TABLE online.by_index REPLICA IDENTITY USING INDEX by_index_code;"
                + "CREATE TABLE online.emptied (id int PRIMARY KEY, v text);"
                + "CREATE TABLE online.guard (k bigint PRIMARY KEY);"
                + "CREATE TABLE online.bulk (id int PRIMARY KEY, v text);"
                + "INSERT INTO online.items (name, qty) SELECT 'item ' || i, i FROM generate_series(1, 20000) i;"
                + "INSERT INTO online.events (payload) SELECT md5(i::text) FROM generate_series(1, 20000) i;"
                + "INSERT INTO online.docs SELECT i, 'doc ' || i, " + toastedText("i") + " FROM generate_series(1, 40) i;"
                + "INSERT INTO online.no_key SELECT i % 100, 'row ' || (i % 100) FROM generate_series(1, 3000) i;"
                + "INSERT INTO online.by_index SELECT 'c' || i, i FROM generate_series(1, 2000) i;"
                + "INSERT INTO online.emptied SELECT i, 'v' || i FROM generate_series(1, 100) i;");
    }

    /** About 60 kB of text that does not compress well, so it is stored out of line (TOASTed). */
    static String toastedText(String seed) {
        return toastedText(seed, 2000);
    }

    /** {@code md5s} md5 sums of {@code seed} and a counter, 32 characters each: from about 100, stored out of line. */
    static String toastedText(String seed, int md5s) {
        return "(SELECT string_agg(md5(" + seed + "::text || g::text), '') FROM generate_series(1, " + md5s + ") g)";
    }

    static OnlineWorkload start(TestDatabase source) {
        return start(new OnlineWorkload(source::connect, false));
    }

    /**
     * Writes through connections of {@code connect}; when one breaks, opens another and goes on
     * after the last guard row the server has (what the failover lost is lost to the target too).
     */
    static OnlineWorkload startFollowing(Callable<Connection> connect) {
        return start(new OnlineWorkload(connect, true));
    }

    private static OnlineWorkload start(OnlineWorkload w) {
        w.thread.start();
        return w;
    }

    long transactions() {
        return transactions.get();
    }

    /** One source transaction of {@code rows} inserts and as many updates. */
    static void largeTransaction(TestDatabase source, int first, int rows) {
        source.execute("BEGIN; INSERT INTO online.bulk SELECT i, 'new' FROM generate_series(" + first + ", " + (first + rows - 1) + ") i;"
                + "UPDATE online.bulk SET v = 'updated ' || id WHERE id BETWEEN " + first + " AND " + (first + rows - 1) + "; COMMIT");
    }

    private void write() {
        Random random = new Random(7);
        long next = 1;
        while (running.get()) {
            try (Connection c = connect.call(); Statement s = c.createStatement()) {
                if (next > 1) {
                    try (ResultSet rs = s.executeQuery("SELECT coalesce(max(k), 0) + 1 FROM online.guard")) {
                        rs.next();
                        next = rs.getLong(1);
                    }
                }
                c.setAutoCommit(false);
                for (; running.get(); next++) {
                    writeOne(c, s, next, random);
                }
            } catch (Exception e) {
                if (!reconnects || !(e instanceof SQLException sql) || !TransientErrors.isTransient(sql)) {
                    failure.set(e);
                    return;
                }
                pauseBeforeReconnecting();
            }
        }
    }

    private void pauseBeforeReconnecting() {
        reconnections.incrementAndGet();
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    /** How often the connection broke and was opened again. */
    long reconnections() {
        return reconnections.get();
    }

    private void writeOne(Connection c, Statement s, long i, Random random) throws SQLException {
        int item = 1 + random.nextInt(20000);
        s.execute("INSERT INTO online.items (name, qty) VALUES ('new " + i + "', " + random.nextInt(100) + ")");
        s.execute("UPDATE online.items SET qty = qty + 1, name = name || '+' WHERE id = " + item);
        if (i % 5 == 0) {
            s.execute("DELETE FROM online.items WHERE id = " + (1 + random.nextInt(20000)));
        }
        s.execute("INSERT INTO online.events (payload) VALUES (md5(random()::text))");
        s.execute("INSERT INTO online.guard VALUES (" + i + ")");
        if (i % 3 == 0) {
            // the body stays TOASTed and unchanged: it is not in the stream and must survive on the target
            s.execute("UPDATE online.docs SET title = 'title " + i + "' WHERE id = " + (1 + random.nextInt(40)));
        }
        if (i % 17 == 0) {
            s.execute("UPDATE online.docs SET body = " + toastedText(String.valueOf(i)) + " WHERE id = " + (1 + random.nextInt(40)));
        }
        int a = random.nextInt(100);
        s.execute("UPDATE online.no_key SET b = b || '.' WHERE ctid = (SELECT ctid FROM online.no_key WHERE a = " + a + " LIMIT 1)");
        if (i % 4 == 0) {
            s.execute("DELETE FROM online.no_key WHERE ctid = (SELECT ctid FROM online.no_key WHERE a = " + a + " LIMIT 1)");
            s.execute("INSERT INTO online.no_key VALUES (" + a + ", 'row " + a + "'), (" + a + ", 'row " + a + "')");
        }
        int code = 1 + random.nextInt(2000);
        if (i % 7 == 0) {
            // a key change: the old key travels in the stream
            s.execute("UPDATE online.by_index SET code = code || 'x" + i + "' WHERE code = 'c" + code + "'");
            s.execute("INSERT INTO online.by_index VALUES ('c" + code + "', " + i + ") ON CONFLICT DO NOTHING");
        } else {
            s.execute("UPDATE online.by_index SET v = v + 1 WHERE code = 'c" + code + "'");
        }
        if (i % 40 == 0) {
            s.execute("TRUNCATE online.emptied");
            s.execute("INSERT INTO online.emptied SELECT g, 'v' || g || '-" + i + "' FROM generate_series(1, 10) g");
        }
        c.commit();
        transactions.incrementAndGet();
    }

    /** Stops writing and fails when the writer failed. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw new AssertionError("The source workload failed", failure.get());
        }
    }
}
