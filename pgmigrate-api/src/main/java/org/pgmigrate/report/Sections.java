package org.pgmigrate.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.pgmigrate.Finding;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.RoleReport;
import org.pgmigrate.ServerInfo;
import org.pgmigrate.Severity;
import org.pgmigrate.TableResult;
import org.pgmigrate.TableVerification;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.VerificationReport;

/** The sections of a report, each from one part of the result values. */
final class Sections {
    private Sections() {}

    /** The totals in large figures, then both servers. */
    static void overview(Html html, MigrationResult result) {
        double seconds = Math.max(1, result.duration().toMillis()) / 1000.0;
        html.raw("<div class=\"stats\">");
        stat(html, Units.duration(result.duration()), "duration");
        stat(html, Units.count(result.tables().size()), "tables");
        stat(html, Units.count(result.totalRows()), "rows");
        stat(html, Units.bytes(result.totalBytes()), "copied");
        stat(html, Units.count((long) (result.totalRows() / seconds)), "rows/s");
        stat(html, Units.bytes((long) (result.totalBytes() / seconds)) + "/s", "throughput");
        stat(html, Units.count(result.warnings().size()), result.warnings().size() == 1 ? "warning" : "warnings");
        html.raw("</div><div class=\"grid\">");
        server(html, "Source", Optional.of(result.source()), result.source().endpoint());
        server(html, "Target", Optional.of(result.target()), result.target().endpoint());
        html.raw("</div>");
    }

    private static void stat(Html html, String value, String label) {
        html.raw("<div><strong>").escaped(value).raw("</strong><span>").escaped(label).raw("</span></div>");
    }

    /** The options the run had, and the objects it created per kind. */
    static void details(Html html, MigrationResult result) {
        html.raw("<ul class=\"chips\">");
        chip(html, "jobs", String.valueOf(result.jobs()));
        result.options().forEach((name, value) -> chip(html, name, value));
        html.raw("</ul>");
        if (!result.objects().isEmpty()) {
            html.element("h3", "", "Objects created");
            html.raw("<ul class=\"columns\">");
            result.objects().forEach((kind, count) -> html.raw("<li>").escaped(Units.count(count) + " " + kind).raw("</li>"));
            html.raw("</ul>");
        }
    }

    private static void chip(Html html, String name, String value) {
        html.raw("<li><span>").escaped(name).raw("</span> ").escaped(value).raw("</li>");
    }

    /** A server's card: its version and database when it was reached, else the endpoint alone. */
    static void server(Html html, String side, Optional<ServerInfo> info, String endpoint) {
        html.raw("<div class=\"card\"><h3>").escaped(side).raw("</h3><dl>");
        term(html, "Endpoint", endpoint);
        info.ifPresentOrElse(s -> {
            term(html, "Database", s.database());
            term(html, "PostgreSQL", version(s.versionNumber()));
            s.databaseBytes().ifPresent(bytes -> term(html, "Size at the start", Units.bytes(bytes)));
        }, () -> term(html, "Reached", "no"));
        html.raw("</dl></div>");
    }

    /** {@code 170006} as {@code 17.6}, {@code 90624} as {@code 9.6.24}. */
    static String version(int number) {
        return number >= 100000 ? number / 10000 + "." + number % 10000
                : number / 10000 + "." + number / 100 % 100 + "." + number % 100;
    }

    static void term(Html html, String name, String value) {
        html.raw("<dt>").escaped(name).raw("</dt><dd>").escaped(value).raw("</dd>");
    }

    /** One bar of all phases, each as wide as its share of the run, and their durations. */
    static void phases(Html html, List<PhaseResult> phases, Duration total) {
        if (phases.isEmpty()) {
            html.element("p", "note", "No phase ran.");
            return;
        }
        double nanos = Math.max(1, total.toNanos());
        html.raw("<div class=\"phasebar\">");
        int i = 0;
        for (PhaseResult p : phases) {
            html.raw("<span class=\"phase" + (i++ % 2) + "\" style=\"width:" + Html.num(Math.max(0, 100 * p.duration().toNanos() / nanos))
                    + "%\" title=\"").escaped(p.phase().name() + ": " + Units.duration(p.duration())).raw("\"></span>");
        }
        html.raw("</div>");
        html.tableStart("phases", List.of("Phase", "Duration", "Share"), 1, 2);
        for (PhaseResult p : phases) {
            html.row("", List.of(p.phase().name(), Units.duration(p.duration()),
                    String.format(Locale.ROOT, "%.1f %%", 100 * p.duration().toNanos() / nanos)), 1, 2);
        }
        html.tableEnd();
    }

    static void tables(Html html, List<TableResult> tables) {
        if (tables.isEmpty()) {
            html.element("p", "note", "No table was copied.");
            return;
        }
        html.tableStart("tables", List.of("Table", "Rows", "Bytes", "Copy", "Indexes and the rest", "Copy rate"), 1, 2, 3, 4, 5);
        for (TableResult t : tables) {
            html.row("data-table=\"" + Html.text(t.qualifiedName()) + "\"", List.of(t.qualifiedName(), Units.count(t.rows()),
                    Units.bytes(t.bytes()), Units.duration(t.copyDuration()), Units.duration(t.indexDuration()),
                    Units.byteRate(t.bytes(), t.copyDuration())), 1, 2, 3, 4, 5);
        }
        html.tableEnd();
    }

    static void verification(Html html, VerificationReport v) {
        html.raw("<p>").raw(v.equal() ? "<span class=\"badge ok\">Equal</span> " : "<span class=\"badge bad\">Different</span> ")
                .escaped((v.equal() ? "The target equals the source" : Units.count(v.differences().size(), "difference") + " found")
                        + "; " + Units.count(v.tables().size(), "table") + " compared in " + Units.duration(v.duration()) + ".")
                .raw("</p>");
        if (!v.differences().isEmpty()) {
            html.tableStart("differences", List.of("Kind", "Object", "Difference"));
            for (VerificationDifference d : v.differences()) {
                html.row("class=\"bad\"", List.of(d.kind().name(), d.object(), d.detail()));
            }
            html.tableEnd();
        }
        v.notes().forEach(note -> html.element("p", "note", note));
        html.tableStart("verification", List.of("Table", "Source rows", "Target rows", "Parts", "Result"), 1, 2, 3);
        for (TableVerification t : v.tables()) {
            html.row("data-table=\"" + Html.text(t.qualifiedName()) + "\"" + (t.equal() ? "" : " class=\"bad\""),
                    List.of(t.qualifiedName(), Units.count(t.sourceRows()), Units.count(t.targetRows()), String.valueOf(t.parts()),
                            t.equal() ? "equal" : "differs" + (t.differingRanges().isEmpty() ? "" : ": " + String.join("; ", t.differingRanges()))),
                    1, 2, 3);
        }
        html.tableEnd();
    }

    /** The findings grouped by severity, gravest first, each failure and warning with its remedy. */
    static void validation(Html html, ValidationReport report) {
        html.raw("<p>").raw(badge(report.outcome())).escaped(" " + Units.count(report.findings(Severity.FAILED).size(), "failure") + ", "
                + Units.count(report.findings(Severity.WARNING).size(), "warning") + ", "
                + report.findings(Severity.SUCCEEDED).size() + " succeeded; " + report.mode() + " mode, in "
                + Units.duration(report.duration()) + ".").raw("</p>");
        for (Severity severity : List.of(Severity.FAILED, Severity.WARNING)) {
            List<Finding> findings = report.findings(severity);
            if (findings.isEmpty()) {
                continue;
            }
            html.element("h3", "", severity == Severity.FAILED ? "Failed" : "Warnings");
            for (Finding f : findings) {
                html.raw("<div class=\"finding " + (severity == Severity.FAILED ? "bad" : "warn") + "\">")
                        .element("p", "rule", f.rule()).element("p", "", f.message());
                if (!f.remediation().isEmpty()) {
                    html.element("p", "label", "What to do").element("pre", "remedy", f.remediation());
                }
                if (!f.objects().isEmpty()) {
                    html.element("p", "objects", Units.count(f.objects().size(), "object") + ": " + String.join(", ", f.objects()));
                }
                html.raw("</div>");
            }
        }
        List<Finding> succeeded = report.findings(Severity.SUCCEEDED);
        if (!succeeded.isEmpty()) {
            html.element("h3", "", "Succeeded");
            html.tableStart("succeeded", List.of("Rule", "What was checked"));
            succeeded.forEach(f -> html.row("", List.of(f.rule(), f.message())));
            html.tableEnd();
        }
    }

    private static String badge(Severity severity) {
        return switch (severity) {
            case SUCCEEDED -> "<span class=\"badge ok\">Succeeded</span>";
            case WARNING -> "<span class=\"badge warn\">Warning</span>";
            case FAILED -> "<span class=\"badge bad\">Failed</span>";
        };
    }

    static void warnings(Html html, List<MigrationWarning> warnings) {
        if (warnings.isEmpty()) {
            html.element("p", "note", "No warnings.");
            return;
        }
        html.tableStart("warnings", List.of("Code", "Message", "Objects"));
        warnings.forEach(w -> html.row("", List.of(w.code(), w.message(), String.join(", ", w.objects()))));
        html.tableEnd();
    }

    static void roles(Html html, RoleReport roles) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Created", String.join(", ", roles.created())));
        rows.add(List.of("Already on the target, left as they were", String.join(", ", roles.existing())));
        rows.add(List.of("Created without a password (set one with ALTER ROLE ... PASSWORD)", String.join(", ", roles.withoutPassword())));
        rows.add(List.of("Reserved, not created", String.join(", ", roles.reserved())));
        rows.add(List.of("Memberships granted", String.join(", ", roles.memberships())));
        html.tableStart("roles", List.of("", "Roles"));
        rows.forEach(r -> html.row("", List.of(r.get(0), r.get(1).isEmpty() ? "none" : r.get(1))));
        html.tableEnd();
    }
}
