package org.pgmigrate.engine.internal.status;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.TableProgress;
import org.pgmigrate.report.HtmlReport;
import org.pgmigrate.report.Units;

/**
 * The live status page, reloading itself every two seconds while the run goes on: where the run
 * stands (phase, tables in flight, rates, time left, the lag), then, once both servers are known,
 * the {@link HtmlReport report} of the work finished so far, which the page becomes when the run
 * ends. Self-contained: no script, font or style from elsewhere.
 */
final class StatusPage {
    static final int REFRESH_SECONDS = 2;

    private final StringBuilder html = new StringBuilder(4096);

    private StatusPage() {}

    /** The page of {@code s}, alone. */
    static String of(RunStatus s) {
        return of(s, Optional.empty());
    }

    /** The page of {@code s}, leading the report of {@code result} (the work so far) when there is one. */
    static String of(RunStatus s, Optional<MigrationResult> result) {
        String status = new StatusPage().status(s, result.isEmpty());
        String head = (s.running() ? "<meta http-equiv=\"refresh\" content=\"" + REFRESH_SECONDS + "\">" : "")
                + "<style>" + LIVE_STYLE + "</style>";
        if (result.isPresent()) {
            // the report is this engine's own page: its head ends once, its content starts at <main>
            String report = HtmlReport.of(result.get());
            int headEnd = report.indexOf("</head>");
            int main = report.indexOf("<main>");
            if (headEnd > 0 && main > headEnd) {
                int content = main + "<main>".length();
                return report.substring(0, headEnd) + head + report.substring(headEnd, content) + status + report.substring(content);
            }
        }
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">" + head
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>pgmigrate: " + text(s.state()) + "</title><style>" + PAGE_STYLE + "</style></head><body>" + status
                + "</body></html>\n";
    }

    /** Where the run stands; with {@code phases}, the phases finished too (the report shows them otherwise). */
    private String status(RunStatus s, boolean phases) {
        html.append("<section class=\"live\"><h1>pgmigrate <span class=\"state ").append(s.state()).append("\">")
                .append(text(s.state())).append("</span></h1>");
        html.append("<p class=\"sub\">").append(text(s.mode().name().toLowerCase(Locale.ROOT))).append(" migration ")
                .append(text(s.migrationId().orElse(""))).append(", started ").append(text(s.startedAt().toString()))
                .append(s.phase().map(p -> ", phase " + p.name()).map(StatusPage::text).orElse(""))
                .append(s.running() ? "; this page reloads every " + REFRESH_SECONDS + " s" : "").append("</p>");
        s.error().ifPresent(e -> html.append("<p class=\"error\">").append(text(e)).append("</p>"));
        summary(s);
        copyBar(s);
        inFlight(s.inFlight());
        lag(s.lagHistory());
        if (phases) {
            phases(s.phases());
        }
        html.append("</section>");
        return html.toString();
    }

    private void summary(RunStatus s) {
        html.append("<table class=\"facts\">");
        row("elapsed", Units.duration(s.elapsed()));
        row("tables copied", s.tablesDone() + (s.plannedTables().isPresent() ? " of " + s.plannedTables().getAsLong() : ""));
        row("rows copied", Units.count(s.copiedRows())
                + (s.estimatedRows().isPresent() ? " of about " + Units.count(s.estimatedRows().getAsLong()) : ""));
        row("data copied", Units.bytes(s.copiedBytes())
                + (s.estimatedBytes().isPresent() ? " of about " + Units.bytes(s.estimatedBytes().getAsLong()) : ""));
        row("rate", Units.count(Math.round(s.rowsPerSecond())) + " rows/s, " + Units.bytes((long) s.bytesPerSecond()) + "/s");
        s.remaining().ifPresent(r -> row("copy time left", "about " + Units.duration(r)));
        row("tables verified", s.tablesVerified() + (s.tablesDiffering() > 0 ? ", " + s.tablesDiffering() + " differing" : ""));
        row("warnings", Long.toString(s.warnings()));
        s.lag().ifPresent(l -> row("lag", Units.duration(l.delay()) + ", " + Units.bytes(l.bytes()) + " of WAL; "
                + Units.count(l.appliedTransactions()) + " transactions applied"));
        html.append("</table>");
    }

    private void copyBar(RunStatus s) {
        if (s.estimatedBytes().isEmpty() || s.estimatedBytes().getAsLong() == 0) {
            return;
        }
        bar("copy", s.copiedBytes(), s.estimatedBytes().getAsLong());
    }

    private void inFlight(List<TableProgress> tables) {
        if (tables.isEmpty()) {
            return;
        }
        html.append("<h2>Copying now</h2><table class=\"tables\"><tr><th>table</th><th>rows</th><th>data</th><th>progress</th></tr>");
        for (TableProgress t : tables) {
            html.append("<tr><td>").append(text(t.qualifiedName())).append("</td><td class=\"n\">")
                    .append(Units.count(t.rows())).append("</td><td class=\"n\">").append(Units.bytes(t.bytes()))
                    .append("</td><td>");
            if (t.estimatedRows().isPresent() && t.estimatedRows().getAsLong() > 0) {
                bar(t.qualifiedName(), t.rows(), t.estimatedRows().getAsLong());
            }
            html.append("</td></tr>");
        }
        html.append("</table>");
    }

    /** The delay over the kept measurements, as a line: is it shrinking? */
    private void lag(List<ReplicationLag> history) {
        if (history.size() < 2) {
            return;
        }
        long max = Math.max(1, history.stream().mapToLong(l -> l.delay().toMillis()).max().orElse(1));
        int width = 600;
        int height = 120;
        html.append("<h2>Lag over the last ").append(Units.duration(Duration.between(history.get(0).measuredAt(),
                history.get(history.size() - 1).measuredAt()))).append(" (highest ").append(Units.duration(Duration.ofMillis(max)))
                .append(")</h2><svg class=\"lag\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"replication delay over time\"><polyline points=\"");
        for (int i = 0; i < history.size(); i++) {
            long x = Math.round(i * (double) width / (history.size() - 1));
            long y = height - Math.round(history.get(i).delay().toMillis() * (double) (height - 4) / max) - 2;
            html.append(x).append(',').append(y).append(' ');
        }
        html.append("\"/></svg>");
    }

    private void phases(List<PhaseResult> phases) {
        if (phases.isEmpty()) {
            return;
        }
        html.append("<h2>Phases finished</h2><table class=\"tables\">");
        for (PhaseResult p : phases) {
            row(p.phase().name(), Units.duration(p.duration()));
        }
        html.append("</table>");
    }

    private void bar(String label, long done, long total) {
        double share = Math.min(1, done / (double) total);
        html.append("<div class=\"bar\" title=\"").append(text(label)).append("\"><div style=\"width:")
                .append(String.format(Locale.ROOT, "%.1f", share * 100)).append("%\"></div></div>");
    }

    private void row(String name, String value) {
        html.append("<tr><th>").append(text(name)).append("</th><td>").append(text(value)).append("</td></tr>");
    }

    /** {@code s} safe as HTML text and attribute value. */
    static String text(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The page's own look, when it has no report to follow. */
    private static final String PAGE_STYLE = "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:60em;padding:0 1em;color:#222}"
            + "h1{font-size:1.5em;margin:0}h2{font-size:1.1em;margin:1.5em 0 .5em}"
            + "table{border-collapse:collapse}th,td{text-align:left;padding:.2em 1em .2em 0;vertical-align:middle}";

    /** The status section's own classes, which do not touch the report's. */
    private static final String LIVE_STYLE = ".live .sub{color:#666;margin-top:.2em}"
            + ".live .state{font-size:.7em;padding:.1em .5em;border-radius:.3em;background:#ddd;vertical-align:middle}"
            + ".live .state.running{background:#cde4ff}.live .state.completed{background:#cfeccf}"
            + ".live .state.failed,.live .state.cancelled{background:#f6cccc}"
            + ".live .error{background:#fbeaea;border-left:4px solid #c33;padding:.5em 1em;white-space:pre-wrap}"
            + ".live .facts th{color:#666;font-weight:normal}.live .tables td.n{text-align:right}.live .tables td{overflow-wrap:anywhere}"
            + ".live .bar{width:100%;min-width:8em;height:.8em;background:#eee;border-radius:.2em;margin:.5em 0}"
            + ".live .bar div{height:100%;background:#3a7bd5;border-radius:.2em}"
            + ".live svg.lag{width:100%;max-width:600px;height:120px;background:#f7f7f7}"
            + ".live svg.lag polyline{fill:none;stroke:#3a7bd5;stroke-width:2}"
            + "@media print{.live .bar div{print-color-adjust:exact;-webkit-print-color-adjust:exact}}";
}
