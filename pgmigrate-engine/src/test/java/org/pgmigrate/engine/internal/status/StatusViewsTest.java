package org.pgmigrate.engine.internal.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.ServerInfo;
import org.pgmigrate.TableProgress;
import org.pgmigrate.TableResult;

/** The status as JSON and as a page. */
class StatusViewsTest {
    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    private static RunStatus status(String state, String table, Optional<String> error) {
        ReplicationLag lag = ReplicationLag.of(2048, Duration.ofMillis(1500), START.plusSeconds(9), 12, 340);
        return new RunStatus(Optional.of("m1"), MigrationMode.ONLINE, state, Optional.of(Phase.STREAM), START, Duration.ofSeconds(10),
                List.of(PhaseResult.of(Phase.DATA, Duration.ofMillis(4250))), OptionalLong.of(2), OptionalLong.empty(),
                OptionalLong.of(4096), 1,
                List.of(TableProgress.builder().qualifiedName(table).rows(7).bytes(70).elapsed(Duration.ofSeconds(1)).build()),
                17, 170, 3.5, 35.4, Optional.empty(), 1, 0, 2,
                Optional.of(lag), List.of(ReplicationLag.of(0, Duration.ZERO, START.plusSeconds(8), 11, 300), lag), error);
    }

    @Test
    void jsonHasEveryFieldNullsForWhatIsUnknownAndEscapedNames() {
        String json = StatusJson.of(status("running", "public.\"we\\ird\"\n", Optional.empty()));

        assertThat(json).isEqualTo("{\"migrationId\":\"m1\",\"mode\":\"online\",\"state\":\"running\",\"phase\":\"STREAM\","
                + "\"startedAt\":\"2026-12-07T10:00:00Z\",\"elapsedSeconds\":10.0,"
                + "\"phasesFinished\":[{\"phase\":\"DATA\",\"seconds\":4.25}],"
                + "\"tables\":{\"planned\":2,\"done\":1,\"inFlight\":[{\"table\":\"public.\\\"we\\\\ird\\\"\\n\",\"rows\":7,"
                + "\"estimatedRows\":null,\"bytes\":70,\"seconds\":1.0}],\"verified\":1,\"differing\":0},"
                + "\"rows\":{\"copied\":17,\"estimated\":null,\"perSecond\":4},"
                + "\"bytes\":{\"copied\":170,\"estimated\":4096,\"perSecond\":35},"
                + "\"remainingSeconds\":null,\"warnings\":2,"
                + "\"lag\":{\"bytes\":2048,\"delaySeconds\":1.5,\"measuredAt\":\"2026-12-07T10:00:09Z\",\"appliedTransactions\":12,"
                + "\"appliedRows\":340},\"error\":null}");
    }

    @Test
    void aRunningPageRefreshesItselfAndEscapesWhatItShows() {
        String page = StatusPage.of(status("running", "public.\"<script>alert(1)</script>\"", Optional.empty()));

        assertThat(page).contains("<meta http-equiv=\"refresh\" content=\"2\">", "phase STREAM", "1 of 2",
                "public.&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;", "<polyline");
        assertThat(page).doesNotContain("<script");
    }

    @Test
    void withTheWorkSoFarThePageIsTheReportLedByTheStatus() {
        ServerInfo server = ServerInfo.builder().versionNumber(170006).database("shop").endpoint("app at db").build();
        MigrationResult soFar = MigrationResult.builder().migrationId("m1").mode(MigrationMode.ONLINE).source(server).target(server)
                .startedAt(START).duration(Duration.ofSeconds(10)).jobs(2).completed(false)
                .addPhases(PhaseResult.of(Phase.DATA, Duration.ofMillis(4250)))
                .addTables(TableResult.builder().schema("public").name("finished_table").rows(5).bytes(50)
                        .copyDuration(Duration.ofSeconds(1)).indexDuration(Duration.ZERO).build())
                .build();

        String page = StatusPage.of(status("running", "public.in_flight", Optional.empty()), Optional.of(soFar));

        assertThat(page).containsOnlyOnce("<!DOCTYPE html>").containsOnlyOnce("<meta http-equiv=\"refresh\" content=\"2\">")
                .containsOnlyOnce("</head>").containsOnlyOnce("<body>");
        int head = page.indexOf("</head>");
        assertThat(page.indexOf("http-equiv=\"refresh\"")).isLessThan(head);
        // where the run stands comes first, then the report of what is done
        int status = page.indexOf("<section class=\"live\">");
        assertThat(status).isGreaterThan(page.indexOf("<main>"));
        assertThat(page.indexOf("public.in_flight")).isGreaterThan(status);
        assertThat(page.indexOf("finished_table")).isGreaterThan(page.indexOf("</section>"));
        assertThat(page).contains("Not completed");
    }

    @Test
    void anEndedPageStaysStillAndShowsTheError() {
        String page = StatusPage.of(status("failed", "public.t", Optional.of("The target's disk is full & <full>.")));

        assertThat(page).doesNotContain("http-equiv=\"refresh\"");
        assertThat(page).contains("class=\"state failed\"", "The target&#39;s disk is full &amp; &lt;full&gt;.");
    }
}
