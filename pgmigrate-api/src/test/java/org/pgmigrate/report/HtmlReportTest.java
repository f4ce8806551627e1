package org.pgmigrate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Finding;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.ServerInfo;
import org.pgmigrate.TimelineEntry;
import org.pgmigrate.ValidationReport;

class HtmlReportTest {
    private static final Pattern TABLE_ROW = Pattern.compile("<tr data-table=\"([^\"]*)\"");

    /** The text between the opening of the element with {@code marker} and the first {@code end} after it. */
    private static String part(String html, String marker, String end) {
        int from = html.indexOf(marker);
        assertThat(from).as(marker).isNotNegative();
        return html.substring(from, html.indexOf(end, from));
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** {@code value} as it must stand escaped in the page. */
    private static String escaped(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    @Test
    void everyTextIsEscapedAndThePageLoadsNothing() {
        String script = "<script>alert('x')</script>";
        String html = HtmlReport.of(ReportSamples.offline()
                .addWarnings(MigrationWarning.of("odd", "message " + script + "\u0000 ls\u2028 lone\uD800", List.of("a&b"))).build());

        assertThat(html).doesNotContain("<script", "<b>", "src=", "href=", "url(", "@import", "\u0000", "\uD800")
                .contains("message &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\uFFFD ls\u2028 lone\uFFFD", "a&amp;b",
                        escaped(ReportSamples.tableNames().get(2)));
    }

    @Test
    void theVerificationTableListsEveryTableAndTheTimelineHasTheirBars() {
        String html = HtmlReport.of(ReportSamples.offline().build());

        List<String> expected = ReportSamples.tableNames().stream().map(HtmlReportTest::escaped).toList();
        assertThat(all(TABLE_ROW, part(html, "<table class=\"verification\">", "</table>"))).containsExactlyElementsOf(expected);
        assertThat(all(Pattern.compile("<rect class=\"bar copy\" data-kind=\"copy\" data-table=\"([^\"]*)\""), html))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(all(Pattern.compile("<rect class=\"bar index\" data-kind=\"index\" data-table=\"([^\"]*)\""), html))
                .containsExactly("public.orders");
        assertThat(html).contains("<span class=\"badge ok\">Completed</span>", "Index build of orders_pkey on public.orders",
                "1,000 rows, 1.0 MiB", "worker 1", "worker 2", "PostgreSQL</dt><dd>16.4", "17.6",
                "Size at the start</dt><dd>3.0 GiB");
        // orders ends last on the timeline (its index, at 2.6 s)
        assertThat(html).contains("The last task to end: Index build of orders_pkey on public.orders, on worker 1, 2.6 s after the start.");
    }

    @Test
    void phasesStandOnTheTimelineWhereTheyStarted() {
        // 4 s drawn over 1000 units right of 70 units of labels: a phase starting after 1 s at 320, and 2 s long, 500 wide
        MigrationResult result = ReportSamples.offline().phases(List.of(org.pgmigrate.PhaseResult.of(org.pgmigrate.Phase.DATA,
                ReportSamples.START.plusSeconds(1), ReportSamples.START.plusSeconds(3)))).build();

        String html = HtmlReport.of(result);

        assertThat(html).contains("<rect class=\"phase0\" x=\"320\" y=\"0\" width=\"500\"");
    }

    @Test
    void throughputSpreadsEachCopyOverItsSpan() {
        // 1,200 bytes from 0.5 s to 1.7 s: 1,000 bytes a second wherever it runs, in a 6-second run
        MigrationResult result = ReportSamples.offline().duration(Duration.ofSeconds(6)).timeline(List.of(
                ReportSamples.copy("public.t", 1, 500, 1700, 12, 1200))).build();

        String html = HtmlReport.of(result);

        assertThat(html).contains("Bytes per second, peak 1000 B/s", "Rows per second, peak 10 rows/s");
    }

    @Test
    void aFailedRunShowsTheErrorAndWhatWasDoneBefore() {
        MigrationResult partial = ReportSamples.offline().completed(false).build();

        String html = HtmlReport.of(new MigrationFailedException(ErrorKind.MIGRATION_FAILED, "Copying table public.orders failed: <disk full>",
                partial, null));

        assertThat(html).contains("<span class=\"badge bad\">Failed</span>", "Error: MIGRATION_FAILED",
                "Copying table public.orders failed: &lt;disk full&gt;", "data-table=\"public.orders\"");
    }

    @Test
    void aFailureBeforeAnyResultShowsTheErrorAlone() {
        String html = HtmlReport.failure(Optional.empty(), "CONNECTION_FAILED", "Cannot reach old:5432.");

        assertThat(html).contains("Error: CONNECTION_FAILED", "Cannot reach old:5432.").doesNotContain("Timeline", "<svg");
    }

    @Test
    void aRunInProgressSaysSo() {
        String html = HtmlReport.of(ReportSamples.offline().completed(false).build());

        assertThat(html).contains("<span class=\"badge run\">Not completed</span>", "the work finished so far")
                .doesNotContain("Completed</span>");
    }

    @Test
    void onlyAnOnlineRunHasALagChart() {
        String offline = HtmlReport.of(ReportSamples.offline().build());
        String online = HtmlReport.of(ReportSamples.online(5));

        assertThat(offline).doesNotContain("Replication lag", "chart lag");
        assertThat(online).contains("Replication lag", "WAL behind the source, peak 3.9 KiB", "Delay behind the source, peak 40 ms",
                "5 measurements. Last: 3.9 KiB and 40 ms behind; 40 rows in 4 transactions applied");
        String bytes = part(online, "<figure class=\"chart lag bytes\">", "</figure>");
        assertThat(part(bytes, "<polyline", "/>").split(",")).hasSize(5 + 1);
    }

    @Test
    void aWholeServerRunShowsEachDatabaseWithItsOwnTimeline() {
        MigrationResult crm = ReportSamples.offline().target(ServerInfo.builder().versionNumber(170006).database("crm&co").endpoint("new")
                .build()).timeline(List.of(ReportSamples.copy("public.leads", 1, 0, 100, 5, 50))).build();
        MigrationResult shop = ReportSamples.offline().build();
        MigrationResult server = ReportSamples.offline().timeline(List.of()).databases(List.of(crm, shop)).build();

        String html = HtmlReport.of(server);

        assertThat(html).containsSubsequence("<h2>Database crm&amp;co</h2>", "<figure class=\"timeline\">", "data-table=\"public.leads\"",
                "<h2>Database shop</h2>", "<figure class=\"timeline\">", "data-table=\"public.orders\"");
        assertThat(html.split("<figure class=\"timeline\">")).as("a timeline per database, none for the server").hasSize(3);
    }

    @Test
    void validationFindingsAreGroupedBySeverityWithTheirRemedies() {
        ValidationReport report = ValidationReport.builder().mode(MigrationMode.ONLINE).sourceEndpoint("app at old").targetEndpoint("app at new")
                .source(ServerInfo.builder().versionNumber(110022).database("shop").endpoint("app at old").build())
                .addFindings(Finding.succeeded("connectivity", "Both servers answer."),
                        Finding.warning("unlogged-tables", "1 unlogged table: public.u.", "ALTER TABLE public.u SET LOGGED;", List.of("public.u")),
                        Finding.failed("wal-level", "wal_level is replica.", "ALTER SYSTEM SET wal_level = logical; -- then restart", List.of()))
                .startedAt(ReportSamples.START).duration(Duration.ofMillis(300)).build();

        String html = HtmlReport.of(report);

        assertThat(html).containsSubsequence("<span class=\"badge bad\">Failed</span>", "<h3>Failed</h3>", "wal-level",
                "ALTER SYSTEM SET wal_level = logical; -- then restart", "<h3>Warnings</h3>", "unlogged-tables",
                "ALTER TABLE public.u SET LOGGED;", "<h3>Succeeded</h3>", "connectivity");
        assertThat(html).contains("PostgreSQL</dt><dd>11.22", "Reached</dt><dd>no");
    }

    @Test
    void tenThousandTablesMergeShortTasksAndStaySmall(@TempDir Path dir) throws IOException {
        List<TimelineEntry> entries = new ArrayList<>();
        // one long copy, then 10,000 copies of a millisecond each over four workers, in 2.5 s
        entries.add(ReportSamples.copy("public.big", 1, 0, 1000, 1_000_000, 1L << 30));
        for (int i = 0; i < 10_000; i++) {
            int lane = 1 + i % 4;
            long at = 1000 + (i / 4) * 600L / 1000;
            entries.add(ReportSamples.copy("public.t" + i, lane, at, at + 1, 10, 8192));
        }
        MigrationResult result = ReportSamples.offline().timeline(entries).jobs(4).duration(Duration.ofMillis(2500)).build();

        HtmlReport.write(result, dir.resolve("big.html"));

        String html = Files.readString(dir.resolve("big.html"));
        List<String> merged = all(Pattern.compile("data-kind=\"merged\" data-tasks=\"(\\d+)\""), html);
        assertThat(merged.stream().mapToInt(Integer::parseInt).sum()).isEqualTo(10_000);
        assertThat(merged).hasSizeLessThanOrEqualTo(4 * 1000);
        assertThat(all(Pattern.compile("data-kind=\"copy\" data-table=\"([^\"]*)\""), html)).containsExactly("public.big");
        assertThat(html).contains("10001 tasks", "merged, per worker, into one grey bar");
        assertThat(Files.size(dir.resolve("big.html"))).isLessThan(2_000_000);
    }
}
