package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** The live status page and its JSON, served while a migration runs. */
@ExtendWith(PostgresExtension.class)
class StatusPageIT implements OnSharedOnlineTarget {
    private static final String PASSWORD = "status-page-must-not-show-this";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theJsonFollowsAnOnlineMigrationToItsCutover(@Pg(instance = "online-source", settings = "wal_level=logical") TestDatabase source,
                                                     @Pg(instance = "online-target") TestDatabase target) throws Exception {
        source.execute("CREATE TABLE public.accounts (id int PRIMARY KEY, v text);"
                + " INSERT INTO public.accounts SELECT i, md5(i::text) FROM generate_series(1, 5000) i;"
                + " CREATE TABLE public.\"<b>odd</b>\" (id int PRIMARY KEY)");
        List<JsonNode> seen = new CopyOnWriteArrayList<>();
        ExecutorService poller = Executors.newSingleThreadExecutor();
        try (MigrationHandle handle = Migration.from(withPassword(source)).to(withPassword(target)).mode(MigrationMode.ONLINE)
                .jobs(2).statusPort(0).start()) {
            URI page = handle.statusPage().orElseThrow();
            assertThat(page.getHost()).isEqualTo("127.0.0.1");
            URI json = page.resolve("status.json");
            poller.submit(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        seen.add(JSON.readTree(get(json).body()));
                        Thread.sleep(50); // a poller's pace, as a tool's would be
                    } catch (IOException | InterruptedException e) {
                        return null;
                    }
                }
                return null;
            });
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            source.execute("INSERT INTO public.accounts VALUES (5001, 'while streaming')");
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> !seen.isEmpty()
                    && seen.get(seen.size() - 1).path("phase").asText().equals("STREAM")
                    && seen.get(seen.size() - 1).path("lag").path("appliedRows").asLong() >= 1);

            // while it streams: where it stands, then the report of the work so far, reloading itself
            String live = get(page).body();
            assertThat(live).contains("<section class=\"live\">", "phase STREAM", "http-equiv=\"refresh\"", "Not completed",
                    "accounts");
            assertThat(live.indexOf("<section class=\"live\">")).isLessThan(live.indexOf("Not completed"));

            handle.cutover();

            // served until the handle is closed: the last word is the end of the run
            JsonNode last = JSON.readTree(get(json).body());
            assertThat(last.path("state").asText()).isEqualTo("completed");
            assertThat(last.path("migrationId").asText()).isEqualTo(handle.migrationId());
            assertThat(last.path("tables").path("done").asLong()).isEqualTo(2);
            assertThat(last.path("tables").path("planned").asLong()).isEqualTo(2);
            assertThat(last.path("rows").path("copied").asLong()).isEqualTo(5000);
            assertThat(last.path("phasesFinished").findValuesAsText("phase")).contains("DATA", "STREAM", "CUTOVER");
            Response html = get(page);
            assertThat(html.contentType()).isEqualTo("text/html; charset=utf-8");
            assertThat(html.body()).contains("completed", handle.migrationId(), "Completed").doesNotContain("http-equiv=\"refresh\"")
                    .doesNotContain("Not completed");
            assertThat(get(page.resolve("nothing-here")).statusCode()).isEqualTo(404);
            poller.shutdownNow();
            assertThat(poller.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            for (JsonNode status : seen) {
                assertThat(status.toString()).doesNotContain(PASSWORD, "jdbc:");
            }
            // the run's way through: copying, then streaming with the lag, never backwards
            List<String> states = seen.stream().map(s -> s.path("state").asText()).distinct().toList();
            assertThat(states.get(0)).isEqualTo("running");
            assertThat(seen).anySatisfy(s -> assertThat(s.path("phase").asText()).isEqualTo("STREAM"));
            long doneBefore = 0;
            for (JsonNode status : seen) {
                long done = status.path("tables").path("done").asLong();
                assertThat(done).isGreaterThanOrEqualTo(doneBefore);
                doneBefore = done;
            }
            handle.close();
            assertThatThrownBy(() -> get(page)).isInstanceOf(ConnectException.class);
        } finally {
            poller.shutdownNow();
        }
        OnlineMigrationIT.assertNothingLeft(source, target);
    }

    @Test
    void aPortInUseRefusesTheRunBeforeItChangesTheTarget(@Pg TestDatabase source, @Pg(instance = "online-target") TestDatabase target)
            throws IOException {
        source.execute("CREATE TABLE public.t (id int)");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Migration.Builder run = Migration.from(source.endpoint()).to(target.endpoint()).statusPort(taken.getLocalPort());

            assertThatThrownBy(run::start).isInstanceOfSatisfying(PgMigrateException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                assertThat(e.getMessage()).contains("status page cannot listen on", ":" + taken.getLocalPort(), "choose another port");
            });
        }
        assertThat(target.queryColumn("SELECT relname FROM pg_class WHERE relname = 't'")).isEmpty();
        assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).statusPort(70000))
                .hasMessageContaining("between 0 and 65535");
    }

    private static Endpoint withPassword(TestDatabase db) {
        return Endpoint.builder().from(db.endpoint()).password(PASSWORD).build();
    }

    /** A GET's status, content type and body. */
    record Response(int statusCode, String contentType, String body) {}

    /** A GET of {@code uri}; also for other tests that look at a status page. */
    static Response get(URI uri) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(10_000);
        try {
            int code = c.getResponseCode();
            try (var in = code < 400 ? c.getInputStream() : c.getErrorStream()) {
                return new Response(code, c.getContentType(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            c.disconnect();
        }
    }
}
