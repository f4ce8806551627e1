package org.pgmigrate.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.ValidationFailedException;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.VerificationReport;

/**
 * A migration's result, a validation report or a failure as one self-contained HTML page: inline
 * CSS and SVG, no script, nothing fetched, so it opens anywhere, offline, and prints. It shows the
 * outcome, the servers, options, totals and phases; the run's timeline, one lane per worker with
 * a bar per copy, index build, constraint and verification; the copy's throughput over time and an
 * online run's lag; the validation findings with their remedies, the verification of every table,
 * the warnings and the roles.
 *
 * <p>The page is drawn from the result values alone, so it shows a run still in progress as well
 * ({@link MigrationResult#completed()} false: the work finished so far). Every text is escaped;
 * passwords never appear, as the values carry none. Example:
 *
 * <pre>{@code
 * MigrationResult result = Migration.from(source).to(target).execute();
 * HtmlReport.write(result, Path.of("migration.html"));
 * }</pre>
 */
public final class HtmlReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private HtmlReport() {}

    /** The page of a migration's result: completed, or a run still in progress. */
    public static String of(MigrationResult result) {
        return page("pgmigrate migration " + result.migrationId(), html -> {
            header(html, "Migration " + result.migrationId(), result.completed() ? "<span class=\"badge ok\">Completed</span>"
                    : "<span class=\"badge run\">Not completed</span>", meta(result));
            if (!result.completed()) {
                html.element("p", "note", "The run has not completed every phase: what follows is the work finished so far.");
            }
            result(html, result, 2);
        });
    }

    /** The page of a migration that failed: the error, then what was done before it, when the failure says. */
    public static String of(PgMigrateException failure) {
        Optional<MigrationResult> partial = failure instanceof MigrationFailedException f ? Optional.of(f.partialResult()) : Optional.empty();
        Optional<ValidationReport> validation = failure instanceof ValidationFailedException v ? Optional.of(v.report()) : Optional.empty();
        return failure(partial, validation, failure.kind().name(), failure.getMessage());
    }

    /**
     * The page of a failure of any kind (an {@link org.pgmigrate.ErrorKind} name, or another word
     * for a failure that is not pgmigrate's), with what was done before it when there is a result.
     */
    public static String failure(Optional<MigrationResult> partial, String kind, String message) {
        return failure(partial, Optional.empty(), kind, message);
    }

    private static String failure(Optional<MigrationResult> partial, Optional<ValidationReport> validation, String kind, String message) {
        String title = partial.map(r -> "Migration " + r.migrationId()).orElse(validation.isPresent() ? "Validation" : "Migration");
        return page("pgmigrate: failed", html -> {
            header(html, title, "<span class=\"badge bad\">Failed</span>", partial.map(HtmlReport::meta).orElse(""));
            html.raw("<section class=\"error\"><h2>").escaped("Error: " + kind).raw("</h2>").element("pre", "", message).raw("</section>");
            validation.ifPresent(report -> {
                html.element("h2", "", "Validation");
                Sections.validation(html, report);
            });
            partial.ifPresent(result -> result(html, result, 2));
        });
    }

    /** The page of a validation report: the servers, then the findings by severity. */
    public static String of(ValidationReport report) {
        return page("pgmigrate validation", html -> {
            header(html, "Validation", "", report.mode() + " migration, started " + TIME.format(report.startedAt()));
            html.raw("<div class=\"grid\">");
            Sections.server(html, "Source", report.source(), report.sourceEndpoint());
            Sections.server(html, "Target", report.target(), report.targetEndpoint());
            html.raw("</div>");
            html.element("h2", "", "Findings");
            Sections.validation(html, report);
        });
    }

    /** The page of a verification on its own ({@code pgmigrate verify}). */
    public static String of(VerificationReport report) {
        return page("pgmigrate verification", html -> {
            header(html, "Verification", "", "");
            Sections.verification(html, report);
        });
    }

    public static void write(MigrationResult result, Path file) throws IOException {
        write(of(result), file);
    }

    public static void write(PgMigrateException failure, Path file) throws IOException {
        write(of(failure), file);
    }

    public static void write(ValidationReport report, Path file) throws IOException {
        write(of(report), file);
    }

    private static void write(String html, Path file) throws IOException {
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    /** The sections of a result; a whole-server run's databases follow, each with its own, one heading level down. */
    private static void result(Html html, MigrationResult r, int level) {
        String h = "h" + Math.min(level, 6);
        Sections.overview(html, r);
        if (r.databases().isEmpty()) {
            html.element(h, "", "Timeline");
            TimelineSvg.draw(r, html);
            html.element(h, "", "Throughput");
            Charts.throughput(r, html);
        }
        if (r.mode() == MigrationMode.ONLINE) {
            html.element(h, "", "Replication lag");
            if (r.lag().isEmpty()) {
                html.element("p", "note", "No lag was measured.");
            } else {
                Charts.lag(r, html);
            }
        }
        html.element(h, "", "Phases");
        Sections.phases(html, r.phases(), r.duration());
        r.validation().ifPresent(v -> {
            html.element(h, "", "Validation");
            Sections.validation(html, v);
        });
        r.verification().ifPresent(v -> {
            html.element(h, "", "Verification");
            Sections.verification(html, v);
        });
        html.element(h, "", "Tables");
        Sections.tables(html, r.tables());
        html.element(h, "", "Warnings");
        Sections.warnings(html, r.warnings());
        r.roles().ifPresent(roles -> {
            html.element(h, "", "Roles");
            Sections.roles(html, roles);
        });
        html.element(h, "", "Options and objects");
        Sections.details(html, r);
        for (MigrationResult database : r.databases()) {
            html.raw("<section class=\"database\">").element(h, "", "Database " + database.target().database()
                    + (database.completed() ? "" : " (not completed)"));
            html.element("p", "note", meta(database));
            result(html, database, level + 1);
            html.raw("</section>");
        }
    }

    private static String meta(MigrationResult r) {
        return r.mode() + " migration of " + r.source().database() + ", started " + TIME.format(r.startedAt()) + ", "
                + Units.duration(r.duration()) + ", " + r.jobs() + (r.jobs() == 1 ? " job" : " jobs");
    }

    private static void header(Html html, String title, String badge, String meta) {
        html.raw("<header><h1>").escaped(title).raw(" ").raw(badge).raw("</h1>");
        if (!meta.isEmpty()) {
            html.element("p", "meta", meta);
        }
        html.raw("</header>");
    }

    /** Writes a page's body. */
    private interface Body {
        void write(Html html);
    }

    private static String page(String title, Body body) {
        Html html = new Html();
        html.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").escaped(title)
                .raw("</title><style>" + CSS + "</style></head><body><main>\n");
        body.write(html);
        html.raw("\n<footer class=\"note\">Written by pgmigrate at " + Html.text(TIME.format(Instant.now()))
                + ". Figures of the work finished when it was written.</footer></main></body></html>\n");
        return html.toString();
    }

    private static final String CSS = """
            :root{--fg:#1d2430;--muted:#5b6472;--line:#d9dee5;--soft:#f4f6f9;--ok:#1f7a3a;--warn:#9a5800;--bad:#b3261e;--run:#2f65b0}
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff}
            main{max-width:1200px;margin:0 auto;padding:12px 24px 24px}
            h1{font-size:22px;margin:8px 0 2px}h2{font-size:17px;margin:22px 0 8px;border-bottom:1px solid var(--line);padding-bottom:3px}
            h3,h4,h5,h6{font-size:15px;margin:14px 0 6px}
            p{margin:4px 0}.meta,.note{color:var(--muted)}.note{font-size:12.5px}
            .badge{display:inline-block;padding:1px 10px;border-radius:12px;font-size:13px;font-weight:600;color:#fff;vertical-align:middle}
            .badge.ok{background:var(--ok)}.badge.warn{background:var(--warn)}.badge.bad{background:var(--bad)}.badge.run{background:var(--run)}
            table{border-collapse:collapse;width:100%;margin:4px 0 12px}
            th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
            th{background:var(--soft);font-weight:600}td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
            tr.bad td{color:var(--bad)}
            .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:12px;margin:10px 0}
            .stats{display:flex;flex-wrap:wrap;gap:8px 28px;margin:12px 0}.stats strong{display:block;font-size:20px;font-weight:600}
            .stats span{color:var(--muted);font-size:12.5px}
            .chips{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:6px}
            .chips li{background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:1px 8px;overflow-wrap:anywhere}
            .chips span{color:var(--muted)}.columns{columns:4 200px;margin:4px 0;padding-left:18px}
            .card{border:1px solid var(--line);border-radius:6px;padding:4px 12px 8px;background:var(--soft);min-width:0}
            .card h3{margin:4px 0}dl{margin:0;display:grid;grid-template-columns:max-content minmax(0,1fr);gap:1px 10px}
            dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
            pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--soft);padding:6px 8px;border-radius:4px;margin:4px 0;font-size:12.5px}
            .error{border-left:4px solid var(--bad);padding:0 12px;margin:12px 0}.error h2{color:var(--bad);border:0}
            .finding{border-left:4px solid var(--line);padding:2px 12px;margin:8px 0}.finding.bad{border-color:var(--bad)}
            .finding.warn{border-color:var(--warn)}.rule{font-weight:600}.label{color:var(--muted);font-size:12.5px}
            .objects{overflow-wrap:anywhere;font-size:12.5px}
            .phasebar{display:flex;height:14px;border-radius:3px;overflow:hidden;margin:6px 0}
            .phase0{fill:#dfe6f0;background:#c5d3e6}.phase1{fill:#eef1f5;background:#e4e9f0}
            figure{margin:6px 0;break-inside:avoid}svg{display:block;width:100%;height:auto}
            svg text{font:10px system-ui,sans-serif;fill:var(--muted)}svg text.title{font-weight:600;fill:var(--fg)}
            line.lane{stroke:var(--line);stroke-width:.5}line.boundary{stroke:#b8c2cf;stroke-width:.5;stroke-dasharray:2 2}
            .bar{stroke:#fff;stroke-width:.2}.copy{fill:#4e79a7;background:#4e79a7}.index{fill:#f28e2b;background:#f28e2b}
            .constraint{fill:#b07aa1;background:#b07aa1}.verify{fill:#59a14f;background:#59a14f}.merged{fill:#9c9c9c;background:#9c9c9c}
            .key{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;border-radius:2px}
            figcaption{font-size:12.5px;color:var(--muted)}
            polyline.series{fill:none;stroke:#4e79a7;stroke-width:1.2}
            .database{border-top:2px solid var(--line);margin-top:24px}
            footer{margin-top:24px}
            @media print{main{max-width:none;padding:0}body{font-size:11px}h2{break-after:avoid}
            *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
            """;
}
