package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.TableResult;
import org.pgmigrate.report.HtmlReport;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.SampleDatabase;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * The HTML report of real migrations of the sample database, opened in headless Chromium at a
 * laptop's 1280x800: a copy of the page with a checking script appended tells what the browser
 * drew (every table's bar on the timeline and row in the verification table, nothing wider than
 * the window). Screenshots stay in {@code target/html-report/}.
 */
@ExtendWith(PostgresExtension.class)
class HtmlReportIT {
    private static final Path SCREENSHOTS = Path.of("target", "html-report");
    /** Distinctive, so that finding it in the page can only mean it leaked. */
    private static final String SECRET = "Pw-5d1e0c7a-never-print";
    /** A4's width at 96 pixels an inch, less Chromium's default margins of about a centimetre each side. */
    private static final int PRINTED_PAGE = 718;
    private static final String PRINTED_WIDTH = PRINTED_PAGE + ",1000";
    private static final Pattern CHECK = Pattern.compile("<pre id=\"report-check\">(.*?)</pre>", Pattern.DOTALL);

    @TempDir
    static Path profile;
    @TempDir
    Path dir;

    private static HeadlessChromium chromium;

    @BeforeAll
    static void chromium() throws Exception {
        chromium = HeadlessChromium.findOrInstall(profile);
    }

    private static String uri(TestDatabase db) {
        return db.server().uri(PostgresServer.SUPERUSER, db.name());
    }

    /** The tables the sample has rows in, named as in SQL, by the source's own catalog. */
    private static List<String> sampleTables(TestDatabase source) {
        return source.queryColumn("SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid"
                + " AND d.deptype = 'e')");
    }

    @Test
    void theReportOfTheSampleMigrationShowsEveryTableAndFitsALaptopScreen(@Pg(instance = "source", sample = true) TestDatabase source,
                                                                         @Pg(instance = "target") TestDatabase target) throws Exception {
        SampleDatabase.createRoles(target);
        Path report = dir.resolve("sample.html");

        // the superuser is trusted on loopback: the password in the URL is never checked, only carried
        String sourceUrl = uri(source).replace("//" + PostgresServer.SUPERUSER + "@", "//" + PostgresServer.SUPERUSER + ":" + SECRET + "@");
        CommandRun run = CommandRun.runPublic("migrate", "--source", sourceUrl, "--target", uri(target), "--jobs", "2",
                "--report", report.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(Files.readString(report)).contains(source.name()).doesNotContain(SECRET);
        chromium.screenshot(report, SCREENSHOTS.resolve("sample-migration.png"));
        JsonNode check = rendered(report);
        List<String> tables = sampleTables(source);
        assertThat(tables).hasSizeGreaterThan(10);
        assertThat(check.get("viewportWidth").asInt()).isEqualTo(1280);
        assertThat(check.get("pageWidth").asInt()).as("the page's width").isLessThanOrEqualTo(1280);
        assertThat(check.get("wider")).as("elements wider than the window").isEmpty();
        assertThat(names(check.get("copyBars").fieldNames())).as("tables with a bar on the timeline").containsExactlyInAnyOrderElementsOf(tables);
        check.get("copyBars").forEach(count -> assertThat(count.asInt()).as("copy bars per table (none is split)").isOne());
        // the sample's tables have indexes and foreign keys, and are verified
        assertThat(names(check.get("kinds").fieldNames())).containsExactlyInAnyOrder("copy", "index", "constraint", "verify");
        assertThat(names(check.get("verificationRows").elements())).as("the verification table's rows")
                .containsExactlyInAnyOrderElementsOf(tables);
        assertThat(names(check.get("tableRows").elements())).containsExactlyInAnyOrderElementsOf(tables);
        assertThat(check.get("error").asText()).isEmpty();

        // printed: on A4 within Chromium's default margins (718 CSS pixels), nothing is cut off
        JsonNode printed = rendered(report, PRINTED_WIDTH, true);
        assertThat(printed.get("printRules").asInt()).as("the report's print rules").isPositive();
        assertThat(printed.get("pageWidth").asInt()).as("the printed page's width").isLessThanOrEqualTo(PRINTED_PAGE);
        assertThat(printed.get("wider")).as("elements wider than the printed page").isEmpty();
        assertThat(names(printed.get("copyBars").fieldNames())).containsExactlyInAnyOrderElementsOf(tables);
        Path pdf = SCREENSHOTS.resolve("sample-migration.pdf");
        chromium.printToPdf(report, pdf);
        String pdfText = Files.readString(pdf, StandardCharsets.ISO_8859_1);
        assertThat(pdfText).startsWith("%PDF");
        assertThat(Pattern.compile("/Type\\s*/Page[^s]").matcher(pdfText).results().count()).as("printed pages").isBetween(1L, 20L);
    }

    @Test
    void theLivePageShowsTheRunAsItGoesAndFitsALaptopScreen(@Pg(instance = "source", sample = true) TestDatabase source,
                                                          @Pg(instance = "target") TestDatabase target) throws Exception {
        SampleDatabase.createRoles(target);
        // every finished table waits until the page has been looked at: the run stands still meanwhile
        CountDownLatch looked = new CountDownLatch(1);
        List<String> finished = new CopyOnWriteArrayList<>();
        MigrationListener waits = new MigrationListener() {
            @Override
            public void tableFinished(TableResult table) {
                finished.add(table.qualifiedName());
                try {
                    looked.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (MigrationHandle handle = Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).listener(waits).statusPort(0)
                .start()) {
            URI page = handle.statusPage().orElseThrow();
            // both workers stopped at a finished table
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> finished.size() == 2);
            Path live = dir.resolve("live.html");
            try (InputStream in = page.toURL().openStream()) {
                Files.write(live, in.readAllBytes());
            }
            chromium.screenshot(page, SCREENSHOTS.resolve("live-status.png"));
            JsonNode check = rendered(live, HeadlessChromium.WINDOW, false);
            looked.countDown();

            assertThat(check.get("live").asText()).contains("running", "phase DATA", "tables copied2 of ", "reloads every 2 s");
            assertThat(check.get("pageWidth").asInt()).isLessThanOrEqualTo(1280);
            assertThat(check.get("wider")).as("elements wider than the window").isEmpty();
            // the report of the work so far follows: the two tables finished, each with its bar
            assertThat(names(check.get("tableRows").elements())).containsExactlyInAnyOrderElementsOf(finished);
            assertThat(names(check.get("copyBars").fieldNames())).containsAll(finished);
            assertThat(handle.await().completed()).isTrue();
        }
    }

    @Test
    void theReportOfAFailedMigrationShowsTheErrorAndWhatWasDone(@Pg(instance = "source", sample = true) TestDatabase source,
                                                               @Pg(instance = "target") TestDatabase target) throws Exception {
        SampleDatabase.createRoles(target);
        AtomicInteger finished = new AtomicInteger();
        MigrationListener failsAtTheFifthTable = new MigrationListener() {
            @Override
            public void tableFinished(TableResult result) {
                if (finished.incrementAndGet() == 5) {
                    throw new IllegalStateException("the <dashboard> & its \"feed\" are down");
                }
            }
        };
        MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
                () -> Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).listener(failsAtTheFifthTable).execute());
        Path report = dir.resolve("failed.html");

        HtmlReport.write(failure, report);

        chromium.screenshot(report, SCREENSHOTS.resolve("failed-migration.png"));
        JsonNode check = rendered(report);
        assertThat(check.get("pageWidth").asInt()).isLessThanOrEqualTo(1280);
        assertThat(check.get("wider")).as("elements wider than the window").isEmpty();
        assertThat(check.get("error").asText()).contains("Error: MIGRATION_FAILED", "the <dashboard> & its \"feed\" are down");
        List<String> done = failure.partialResult().tables().stream().map(TableResult::qualifiedName).toList();
        assertThat(done).isNotEmpty();
        assertThat(names(check.get("tableRows").elements())).containsExactlyInAnyOrderElementsOf(done);
        assertThat(names(check.get("copyBars").fieldNames())).containsAll(done);
        assertThat(check.get("verificationRows")).as("no verification ran").isEmpty();
    }

    /** The report as Chromium drew it at the laptop window size. */
    private JsonNode rendered(Path report) throws IOException, InterruptedException {
        return rendered(report, HeadlessChromium.WINDOW, false);
    }

    /**
     * The report as Chromium drew it in a window of {@code size}, with its print rules applied when
     * {@code printed}: a copy with the checking script appended, its findings read back from the DOM.
     */
    private JsonNode rendered(Path report, String size, boolean printed) throws IOException, InterruptedException {
        String script;
        try (InputStream in = HtmlReportIT.class.getResourceAsStream("report-check.js")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String html = Files.readString(report);
        assertThat(html).as("a report loads no script of its own").doesNotContain("<script");
        Path checked = dir.resolve((printed ? "printed-" : "checked-") + report.getFileName());
        Files.writeString(checked, html.replace("</body>", "<script>window.REPORT_CHECK_PRINT = " + printed + ";" + script
                + "</script></body>"));
        String dom = chromium.dumpDom(checked, size);
        Matcher m = CHECK.matcher(dom);
        assertThat(m.find()).as("the checking script's output in the DOM:\n%s", dom.length() > 2000 ? dom.substring(0, 2000) : dom).isTrue();
        String json = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
        return new ObjectMapper().readTree(json);
    }

    private static List<String> names(java.util.Iterator<?> values) {
        List<String> names = new ArrayList<>();
        values.forEachRemaining(v -> names.add(v instanceof JsonNode node ? node.asText() : String.valueOf(v)));
        return names;
    }
}
